/**
 * The opt-in live lab: after a click and a preflight, WebContainer boots a real chain of Node
 * proxies and an app applying Werkzeug's ProxyFix (lab/project, bundled from src/sim). On any
 * failure — unsupported browser, StackBlitz blocked or offline, our timeout, an error — the
 * reason is given in one sentence and the simulator takes the lab's place, with the same
 * controls. See docs/adr/0004-webcontainer-lab-opt-in.md.
 *
 * Test hooks (query parameters): `lab-timeout-ms` shortens our boot timeout (default 30 s);
 * `lab-adapter=fake|fake-hang|fake-fail` swaps in the in-memory fake.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import { useUrlState } from '../../runtime/use-url-state';
import {
  createLabController,
  isFailure,
  parseTimeoutMs,
  type LabController,
  type LabState,
} from '../../runtime/webcontainer/lab-controller';
import type { LabExchange } from '../../runtime/webcontainer/lab-types';
import { BOOT_STEP_LABELS } from '../../runtime/webcontainer/lab-types';
import { readBrowserEnvironment } from '../../runtime/webcontainer/preflight';
import { chooseAdapter } from './choose-adapter';
import { ExchangeView } from './ExchangeView';
import { LabControls, chainText } from './LabControls';
import { LabSimulator } from './LabSimulator';
import { LabSteps } from './LabSteps';
import { readLabFiles } from './lab-files';
import {
  DEFAULT_LAB_STATE,
  toChainConfig,
  toForged,
  validateLabState,
  type LabControlsState,
} from './lab-state';
import './LiveLab.css';

export interface LiveLabProps {
  /** Our boot timeout in ms (default 30 000); the `lab-timeout-ms` query parameter wins. */
  timeoutMs?: number;
}

interface LogEntry {
  readonly number: number;
  readonly summary: string;
  readonly exchange: LabExchange;
}

const MAX_LOG = 20;

function statusText(state: LabState, fake: boolean): string {
  switch (state.status) {
    case 'idle':
      return 'The live lab is off. Nothing has been loaded from StackBlitz.';
    case 'preflight':
      return 'Checking whether this browser can run WebContainer…';
    case 'booting':
      return `${BOOT_STEP_LABELS[state.step]}…`;
    case 'ready':
      return state.busy
        ? 'Restarting the chain…'
        : `The live lab is running${fake ? ' (test double, not WebContainer)' : ''}: ${state.chain.hops.length} proxies and the app.`;
    case 'unsupported':
    case 'timeout':
    case 'error':
      return `${state.reason} The simulator below takes its place.`;
  }
}

export default function LiveLab({ timeoutMs }: LiveLabProps) {
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    'lab',
    DEFAULT_LAB_STATE,
    validateLabState,
  );
  const [lab, setLab] = useState<LabState>({ status: 'idle' });
  const [fake, setFake] = useState(false);
  const [log, setLog] = useState<readonly LogEntry[]>([]);
  const [running, setRunning] = useState<LabControlsState | null>(null);
  const [sending, setSending] = useState(false);
  const [requestError, setRequestError] = useState<string | null>(null);
  const controller = useRef<LabController | null>(null);
  // The server-rendered button stays disabled until hydration, so an early click is never lost.
  const [hydrated, setHydrated] = useState(false);

  useEffect(() => {
    setHydrated(true);
    return () => {
      controller.current?.dispose();
    };
  }, []);

  const start = () => {
    if (controller.current) return;
    const params = new URLSearchParams(window.location.search);
    const adapterParam = params.get('lab-adapter');
    setFake(adapterParam?.startsWith('fake') ?? false);
    const created = createLabController({
      adapter: chooseAdapter(adapterParam),
      files: readLabFiles,
      environment: readBrowserEnvironment,
      config: toChainConfig(state),
      timeoutMs: parseTimeoutMs(params.get('lab-timeout-ms') ?? timeoutMs),
    });
    controller.current = created;
    created.subscribe(setLab);
    setRunning(state);
    void created.start();
  };

  const restart = () => {
    const current = controller.current;
    if (!current) return;
    setRunning(state);
    setLog([]);
    void current.restart(toChainConfig(state));
  };

  const send = async () => {
    const current = controller.current;
    if (!current) return;
    setSending(true);
    setRequestError(null);
    try {
      const exchange = await current.send(toForged(state));
      setLog((previous) => {
        const number = (previous[0]?.number ?? 0) + 1;
        const summary = `${state.mode === 'forged' ? `forged X-Forwarded-For “${state.xff}”` : 'honest'} → remote_addr ${exchange.app?.view.remote_addr ?? '(no answer)'}`;
        return [{ number, summary, exchange }, ...previous].slice(0, MAX_LOG);
      });
    } catch (error) {
      setRequestError(
        `The request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setSending(false);
    }
  };

  const chainChanged =
    running !== null && (running.hops !== state.hops || running.x_for !== state.x_for);
  const latest = log[0];
  const failed = isFailure(lab);

  return (
    <WidgetFrame
      id="live-lab"
      title="Live lab: real proxies in your browser"
      notice={notice}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
      caption={
        <>
          {chainText(state.hops)}. Each proxy is a real Node HTTP server appending X-Forwarded-For
          the way its product does; the app applies the site’s ProxyFix model (Werkzeug 3.1.8).
          {failed ? ' Shown here: the simulator, because the live lab could not run.' : ''}
        </>
      }
    >
      <p class="lab-status" role="status">
        {statusText(lab, fake)}
      </p>
      {lab.status === 'idle' ? (
        <div class="lab-start">
          <p>
            Starting the lab downloads WebContainer, StackBlitz’s in-browser Node.js runtime, from
            StackBlitz’s servers. Nothing is contacted before you press the button, and every lesson
            works without it.
          </p>
          <button type="button" class="button button-primary" onClick={start} disabled={!hydrated}>
            Start live lab
          </button>
        </div>
      ) : null}
      {lab.status === 'preflight' || lab.status === 'booting' ? <LabSteps state={lab} /> : null}
      {failed ? <LabSimulator state={state} onChange={setState} /> : null}
      {lab.status === 'ready' ? (
        <div class="lab-live">
          <LabControls idPrefix="lab-live" state={state} onChange={setState} disabled={lab.busy} />
          <div class="lab-actions">
            <button type="button" onClick={restart} disabled={lab.busy || !chainChanged}>
              Restart the chain with these settings
            </button>
            <button
              type="button"
              class="button button-primary"
              onClick={() => void send()}
              disabled={lab.busy || sending || chainChanged}
            >
              {sending ? 'Sending…' : 'Send request'}
            </button>
          </div>
          {chainChanged ? (
            <p class="lab-hint">The chain settings changed: restart the chain to apply them.</p>
          ) : null}
          {requestError ? <p class="lab-error">{requestError}</p> : null}
          {latest ? (
            <ExchangeView
              exchange={latest.exchange}
              chain={lab.chain}
              title={`Request ${latest.number}`}
            />
          ) : (
            <p>Send a request to see what each hop did with it.</p>
          )}
          {log.length > 1 ? (
            <section class="lab-log" aria-label="Earlier requests">
              <h4>Earlier requests</h4>
              <ol reversed>
                {log.slice(1).map((entry) => (
                  <li key={entry.number} value={entry.number}>
                    {entry.summary}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      ) : null}
    </WidgetFrame>
  );
}
