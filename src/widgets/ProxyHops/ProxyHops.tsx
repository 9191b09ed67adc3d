/**
 * The proxy-hop header visualizer (chapter 4): build a chain of proxies, watch every
 * X-Forwarded-* header hop by hop with each value attributed to its writer, and see what
 * Werkzeug's ProxyFix and Flask make of it.
 *
 * Thin by design: the whole state is a ChainScenario kept in the URL (validated by
 * validateScenario); every value shown comes from src/sim/proxy (simulateChain,
 * classifyConfiguration, recommendSettings, proposeFromPaste), recomputed synchronously on
 * every change so all views update in the same frame.
 */
import type { ComponentType } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useWithNameprep } from '../../runtime/use-nameprep-data';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import { classifyConfiguration, recommendSettings } from '../../sim/proxy/advice';
import {
  createScenario,
  PRESET_LABELS,
  PRESET_NAMES,
  presetHops,
  simulateChain,
  type ChainScenario,
  type ClientSpoof,
  type GunicornConfig,
  type PresetName,
} from '../../sim/proxy/hops';
import { validateScenario } from '../../sim/proxy/scenario-state';
import { parseTrustedHostsText } from '../../sim/proxy/trusted-hosts-list';
import { ProxyHopsCheckbox } from './ProxyHopsCheckbox';
import { ProxyHopsChain } from './ProxyHopsChain';
import { ProxyHopsFixSettings } from './ProxyHopsFixSettings';
import { ProxyHopsOutcome } from './ProxyHopsOutcome';
import { ProxyHopsDiagram } from './ProxyHopsDiagram';
import { ProxyHopsVerdict } from './ProxyHopsVerdict';
import { PROXY_GOAL, checkProxyGoal, proxyGoalStart } from '../../sim/training/widget-goals';
import { WidgetGoal } from '../WidgetGoal/WidgetGoal';
import { ProxyHopsSelect } from './ProxyHopsSelect';
import { ProxyHopsSnapshots } from './ProxyHopsSnapshots';
import { ProxyHopsTextField } from './ProxyHopsTextField';
import type { ProxyHopsPasteProps } from './ProxyHopsPaste';
import { useLazyComponent } from './use-lazy-component';
import './ProxyHops.css';

const loadPaste = () =>
  import('./ProxyHopsPaste').then(
    (module): ComponentType<ProxyHopsPasteProps> => module.ProxyHopsPaste,
  );

export interface ProxyHopsProps {
  /** Instance id: the figure's id and the URL parameter of its state. */
  id?: string;
  /** One of PRESET_NAMES: the initial (and Reset) chain. */
  preset?: string;
}

function isPreset(value: string | undefined): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value ?? '');
}

const SPOOF_FIELDS: readonly (readonly [keyof ClientSpoof, string])[] = [
  ['xff', 'X-Forwarded-For'],
  ['xfp', 'X-Forwarded-Proto'],
  ['xfh', 'X-Forwarded-Host'],
  ['host', 'Host (empty = the real host)'],
  ['underscoreXff', 'X_Forwarded_For (underscore variant)'],
];

const GUNICORN_VERSIONS: readonly (readonly [GunicornConfig['version'], string])[] = [
  ['23.0', '23.0 (drops underscore headers)'],
  ['22.0', '22.0'],
  ['21.2', '21.2 (merges underscore headers)'],
  ['20.1', '20.1 (Debian 12)'],
];

export function ProxyHops({ id = 'proxy-hops', preset }: ProxyHopsProps) {
  const presetName: PresetName = isPreset(preset) ? preset : 'alb';
  const defaults = useMemo(() => createScenario(presetName), [presetName]);
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState<ChainScenario>(
    id,
    defaults,
    validateScenario,
  );
  const [announcement, setAnnouncement] = useState('');
  // The paste panel's code loads only when a reader opens it.
  const paste = useLazyComponent(loadPaste);
  const Paste = paste.Component;
  const openPaste = (event: Event) => {
    if ((event.currentTarget as HTMLDetailsElement).open) paste.request();
  };
  // An `xn--` host name needs the IDNA tables, which load on demand (use-nameprep-data.ts).
  const computed = useWithNameprep(
    () => ({
      result: simulateChain(state),
      goal: checkProxyGoal(state),
      classification: classifyConfiguration(state),
      advice: recommendSettings(state),
    }),
    [state],
  );
  const outcome = computed.value;
  const update = (patch: Partial<ChainScenario>) => {
    setState((previous) => ({ ...previous, ...patch }));
  };
  const client = state.client;

  return (
    <WidgetFrame
      id={id}
      title="Proxy hops: who writes X-Forwarded-*, and what ProxyFix trusts"
      caption={
        <>
          Each <code>x_*</code> argument of ProxyFix is the number of proxies that <em>write</em>{' '}
          that header; values are trusted from the right. Too high lets a client spoof, too low
          gives you a proxy's address. Behaviour from Werkzeug 3.1.8, Gunicorn and the AWS/nginx
          documentation; items marked UNVERIFIED are not documented by the vendor.
        </>
      }
      notice={notice}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={outcome ? <ProxyHopsVerdict classification={outcome.classification} /> : null}
    >
      <div class="ph-root">
        <div class="widget-layout widget-layout-view-first ph-layout">
          <div class="widget-controls ph-inputs">
            <div class="ph-presets" role="group" aria-label="Start from a preset chain">
              <span class="ph-presets-label">Start from:</span>
              {PRESET_NAMES.map((name) => (
                <button
                  type="button"
                  key={name}
                  onClick={() => {
                    const fresh = createScenario(name);
                    update({
                      hops: presetHops(name),
                      proxyFix: fresh.proxyFix,
                      gunicorn: fresh.gunicorn,
                    });
                    setAnnouncement(`Loaded the ${PRESET_LABELS[name]} chain.`);
                  }}
                >
                  {PRESET_LABELS[name]}
                </button>
              ))}
            </div>

            {outcome ? (
              <WidgetGoal
                goal={PROXY_GOAL}
                status={outcome.goal}
                onStart={() => {
                  setState(proxyGoalStart());
                  setAnnouncement('Loaded the goal’s chain: CloudFront → ALB with x_for=3.');
                }}
              />
            ) : null}

            {outcome ? (
              <ProxyHopsFixSettings
                idPrefix={id}
                settings={state.proxyFix}
                onChange={(proxyFix) => {
                  update({ proxyFix });
                }}
              />
            ) : null}

            <fieldset class="ph-client">
              <legend>Client</legend>
              <div class="ph-radios" role="radiogroup" aria-label="Client behaviour">
                {(['honest', 'attacker'] as const).map((mode) => (
                  <label key={mode} class="ph-radio">
                    <input
                      type="radio"
                      name={`${id}-mode`}
                      value={mode}
                      checked={client.mode === mode}
                      onChange={() => {
                        update({ client: { ...client, mode } });
                      }}
                    />{' '}
                    {mode === 'honest' ? 'Honest browser' : 'Attacker forging headers'}
                  </label>
                ))}
              </div>
              <ProxyHopsSelect
                id={`${id}-scheme`}
                label="The user types"
                value={client.scheme}
                options={[
                  ['https', `https://${client.host}/`],
                  ['http', `http://${client.host}/`],
                ]}
                onChange={(scheme) => {
                  update({ client: { ...client, scheme } });
                }}
              />
              <p class="ph-muted">
                Real client address: <code>{client.ip}</code>
              </p>
              {client.mode === 'attacker' ? (
                <div class="ph-spoof">
                  <p class="ph-muted">Forged headers (empty = not sent):</p>
                  {SPOOF_FIELDS.map(([key, label]) => (
                    <ProxyHopsTextField
                      key={key}
                      id={`${id}-spoof-${key}`}
                      label={label}
                      value={client.spoof[key]}
                      onChange={(value) => {
                        update({ client: { ...client, spoof: { ...client.spoof, [key]: value } } });
                      }}
                    />
                  ))}
                </div>
              ) : null}
            </fieldset>

            <fieldset class="ph-chain-set">
              <legend>Proxy chain</legend>
              <ProxyHopsChain
                idPrefix={id}
                hops={state.hops}
                onChange={(hops) => {
                  update({ hops });
                }}
                onAnnounce={setAnnouncement}
              />
            </fieldset>

            <fieldset class="ph-gunicorn">
              <legend>Gunicorn</legend>
              <ProxyHopsSelect
                id={`${id}-gunicorn-version`}
                label="Version"
                value={state.gunicorn.version}
                options={GUNICORN_VERSIONS}
                onChange={(version) => {
                  update({ gunicorn: { ...state.gunicorn, version } });
                }}
              />
              <ProxyHopsTextField
                id={`${id}-gunicorn-allow`}
                label="forwarded_allow_ips (comma-separated, * = any)"
                value={state.gunicorn.forwardedAllowIps.join(',')}
                maxLength={200}
                onChange={(text) => {
                  const list = text
                    .split(',')
                    .map((entry) => entry.trim())
                    .filter((entry) => entry !== '')
                    .slice(0, 10);
                  update({ gunicorn: { ...state.gunicorn, forwardedAllowIps: list } });
                }}
              />
            </fieldset>
            <fieldset class="ph-app">
              <legend>Flask app</legend>
              <ProxyHopsTextField
                id={`${id}-trusted-hosts`}
                label="TRUSTED_HOSTS (comma-separated; empty = None)"
                value={(state.app.trustedHosts ?? []).join(', ')}
                maxLength={300}
                onChange={(text) => {
                  const list = parseTrustedHostsText(text).slice(0, 10);
                  update({ app: { ...state.app, trustedHosts: list.length === 0 ? null : list } });
                }}
              />
              <ProxyHopsCheckbox
                id={`${id}-cookie-secure`}
                label="SESSION_COOKIE_SECURE = True"
                checked={state.app.sessionCookieSecure}
                onChange={(sessionCookieSecure) => {
                  update({ app: { ...state.app, sessionCookieSecure } });
                }}
              />
            </fieldset>
            <p class="ph-visually-hidden" role="status" aria-live="polite">
              {announcement}
            </p>
          </div>
          <div class="widget-view ph-view">
            {outcome ? (
              <ProxyHopsDiagram
                result={outcome.result}
                forged={
                  client.mode === 'attacker'
                    ? Object.values(client.spoof)
                        .map((v: string) => v.trim())
                        .filter((v) => v !== '')
                    : []
                }
                onSelectHop={(index) => {
                  const details = document.getElementById(`${id}-hop-${index}-settings`);
                  if (!(details instanceof HTMLDetailsElement)) return;
                  details.open = true;
                  details.scrollIntoView({ block: 'nearest' });
                  details.querySelector('summary')?.focus();
                }}
              />
            ) : null}

            {computed.status !== 'ready' ? (
              <p class="ph-loading" role="status">
                {computed.message || 'Loading the tables for international host names…'}
              </p>
            ) : null}
          </div>
        </div>
        <div class="widget-more ph-more">
          {outcome ? (
            <ProxyHopsOutcome
              settings={state.proxyFix}
              result={outcome.result}
              classification={outcome.classification}
              advice={outcome.advice}
              clientIp={client.ip}
              browserScheme={client.scheme}
              sessionCookieSecure={state.app.sessionCookieSecure}
              onSettings={(proxyFix) => {
                update({ proxyFix });
              }}
              onHops={(hops) => {
                update({ hops: [...hops] });
                setAnnouncement('Changed the hop settings that pass the browser’s Host on.');
              }}
            />
          ) : null}
          {outcome ? <ProxyHopsSnapshots result={outcome.result} /> : null}
          <details class="ph-paste" onToggle={openPaste}>
            <summary>Count your hops from real headers</summary>
            {Paste ? (
              <Paste
                idPrefix={id}
                onApply={(counts) => {
                  update({ proxyFix: { ...state.proxyFix, ...counts, enabled: true } });
                  setAnnouncement('Applied the proposed values to the ProxyFix settings.');
                }}
              />
            ) : (
              <p class="ph-muted">{paste.error || 'Loading…'}</p>
            )}
          </details>
        </div>
      </div>
    </WidgetFrame>
  );
}

export default ProxyHops;
