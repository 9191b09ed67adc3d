import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readState } from '../../runtime/url-state';
import { normalizeCapacityInput } from '../../sim/capacity/normalize-capacity-input';
import { settingsForPreset } from '../../sim/capacity/capacity-presets';
import { createScenario } from '../../sim/proxy/hops';
import { validateScenario } from '../../sim/proxy/scenario-state';
import { scenarioForPreset } from '../../sim/shutdown/presets';
import { validateTimelineState } from '../ShutdownTimeline/ShutdownTimeline';
import { SIMULATOR_TARGETS, simulatorLinks } from './simulator-links';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const proxyHops = createScenario('cloudfront-alb');
const capacity = settingsForPreset('gthread-app');
const shutdown = scenarioForPreset('k8s-no-prestop');

function searchOf(href: string): string {
  return new URL(href, 'http://127.0.0.1').search;
}

describe('simulator links', () => {
  it('open each simulator on exactly the state the widget reads back from the link', () => {
    const links = simulatorLinks({ proxyHops, capacity, shutdown });
    expect(links.map((l) => l.key)).toEqual([
      'proxyHops',
      'capacityPool',
      'capacityWorkers',
      'shutdown',
    ]);
    const byKey = new Map(links.map((l) => [l.key, l]));
    const hops = byKey.get('proxyHops')!;
    expect(readState(hops.instanceId, validateScenario, searchOf(hops.href)).state).toEqual(
      proxyHops,
    );
    for (const key of ['capacityPool', 'capacityWorkers'] as const) {
      const link = byKey.get(key)!;
      const read = readState(
        link.instanceId,
        (raw) => normalizeCapacityInput(raw).settings,
        searchOf(link.href),
      );
      expect(read.state).toEqual(capacity);
    }
    const drain = byKey.get('shutdown')!;
    const read = readState(drain.instanceId, validateTimelineState, searchOf(drain.href));
    expect(read.state?.scenario).toEqual(shutdown);
    expect(new URL(drain.href, 'http://127.0.0.1').hash).toBe('#shutdown-timeline');
  });

  it('accepts the drain timeline state either bare or wrapped as the widget keeps it', () => {
    const wrapped = simulatorLinks({
      shutdown: { preset: null, scenario: shutdown, cursorSeconds: null },
    });
    expect(wrapped).toHaveLength(1);
    expect(wrapped[0]!.href).toBe(simulatorLinks({ shutdown })[0]!.href);
  });

  it('offers no link for a simulator the files say nothing about, or for junk', () => {
    expect(simulatorLinks({})).toEqual([]);
    expect(simulatorLinks({ proxyHops: 'nope', capacity: 42, shutdown: [1, 2] })).toEqual([]);
  });

  it('points at instance ids the chapters really place on those pages', () => {
    const chapters: Record<string, string> = {
      '/reverse-proxies/': '04-reverse-proxies.mdx',
      '/the-container/': '05-the-container.mdx',
      '/gunicorn/': '03-gunicorn.mdx',
      '/graceful-shutdown/': '06-graceful-shutdown.mdx',
    };
    for (const target of SIMULATOR_TARGETS) {
      const file = chapters[target.page];
      expect(file, target.page).toBeDefined();
      const mdx = readFileSync(path.join(root, 'content/chapters', file!), 'utf8');
      // WidgetSlot's id is `id`, else `widget-preset`, else the widget name.
      const ids = [...mdx.matchAll(/<WidgetSlot\s+([^>]*)>/g)].map((match) => {
        const attrs = match[1] ?? '';
        const attr = (name: string): string | undefined =>
          new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
        const widget = attr('widget') ?? '';
        const preset = attr('preset');
        return attr('id') ?? (preset !== undefined ? `${widget}-${preset}` : widget);
      });
      expect(ids, `${target.instanceId} on ${target.page}`).toContain(target.instanceId);
    }
  });
});
