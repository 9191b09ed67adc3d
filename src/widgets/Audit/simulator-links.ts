/**
 * "Open in simulator" links for an audit report: each simulator's URL state (the report's
 * `scenarios`) encoded exactly as that widget's `useUrlState` reads it, on the chapter page
 * and instance id where the widget lives. Each state goes through the widget's own
 * validator first, so the link opens on the values the report shows or is not offered.
 *
 * Instance ids come from the chapters' `<WidgetSlot …>` (id, or widget-preset, or the widget
 * name): content/chapters/04-reverse-proxies.mdx, 03-gunicorn.mdx, 05-the-container.mdx,
 * 06-graceful-shutdown.mdx.
 */
import { encodeState, MAX_STATE_CHARS } from '../../runtime/url-state';
import { normalizeCapacityInput } from '../../sim/capacity/normalize-capacity-input';
import { validateScenario } from '../../sim/proxy/scenario-state';
import { validateShutdownScenario } from '../../sim/shutdown/presets';
import type { AuditScenarios } from '../../sim/audit/types';

export type SimulatorKey = 'proxyHops' | 'capacityPool' | 'capacityWorkers' | 'shutdown';

export interface SimulatorLink {
  readonly key: SimulatorKey;
  /** Link text. */
  readonly label: string;
  /** What the simulator shows, for the line under the link. */
  readonly what: string;
  /** Site-relative URL: page, the instance's state parameter, and `#id`. */
  readonly href: string;
  /** The instance id (the figure's id and the URL parameter). */
  readonly instanceId: string;
  /** The state as the widget will read it. */
  readonly state: unknown;
}

interface Target {
  readonly key: SimulatorKey;
  readonly label: string;
  readonly what: string;
  readonly page: string;
  readonly instanceId: string;
  /** The widget's URL state for this report, validated, or null. */
  readonly state: (scenarios: AuditScenarios) => unknown;
}

function capacityState(scenarios: AuditScenarios): unknown {
  if (typeof scenarios.capacity !== 'object' || scenarios.capacity === null) return null;
  return normalizeCapacityInput(scenarios.capacity).settings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ShutdownTimeline keeps { preset, scenario, cursorSeconds }; accept either that or a bare scenario. */
function shutdownState(scenarios: AuditScenarios): unknown {
  const raw = scenarios.shutdown;
  if (!isRecord(raw)) return null;
  const scenario = validateShutdownScenario('scenario' in raw ? raw.scenario : raw);
  return scenario === null ? null : { preset: null, scenario, cursorSeconds: null };
}

export const SIMULATOR_TARGETS: readonly Target[] = [
  {
    key: 'proxyHops',
    label: 'Open the proxy chain in the simulator',
    what: 'Chapter 4: the headers each hop writes and what ProxyFix makes of them.',
    page: '/reverse-proxies/',
    instanceId: 'proxy-hops-alb',
    state: (s) => (s.proxyHops === undefined ? null : validateScenario(s.proxyHops)),
  },
  {
    key: 'capacityPool',
    label: 'Open the connection count in the capacity calculator',
    what: 'Chapter 5: workers × pool × tasks during a deploy against max_connections.',
    page: '/the-container/',
    instanceId: 'capacity-guide-example',
    state: capacityState,
  },
  {
    key: 'capacityWorkers',
    label: 'Open workers and CPU in the capacity calculator',
    what: 'Chapter 3: workers × threads against the CPU the task or pod is granted.',
    page: '/gunicorn/',
    instanceId: 'capacity',
    state: capacityState,
  },
  {
    key: 'shutdown',
    label: 'Open the stop sequence in the drain timeline',
    what: 'Chapter 6: what happens to in-flight requests when a task or pod is stopped.',
    page: '/graceful-shutdown/',
    instanceId: 'shutdown-timeline',
    state: shutdownState,
  },
];

/** The links a report offers, in a fixed order; a simulator the files say too little about is left out. */
export function simulatorLinks(scenarios: AuditScenarios): SimulatorLink[] {
  const links: SimulatorLink[] = [];
  for (const target of SIMULATOR_TARGETS) {
    const state = target.state(scenarios);
    if (state === null || state === undefined) continue;
    const encoded = encodeState(state);
    if (encoded.length > MAX_STATE_CHARS) continue;
    const query = new URLSearchParams({ [target.instanceId]: encoded }).toString();
    links.push({
      key: target.key,
      label: target.label,
      what: target.what,
      href: `${target.page}?${query}#${target.instanceId}`,
      instanceId: target.instanceId,
      state,
    });
  }
  return links;
}
