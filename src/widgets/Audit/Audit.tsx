/**
 * The deployment audit: a team's own files (dropped, picked, pasted, or a sample bundle) read
 * and cross-checked by src/sim/audit in a Web Worker, one report with every finding's file,
 * line, failure, fix and source, and links that open the simulators on the files' values.
 * What was audited travels in the URL hash (share-state.ts) when it fits.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { WidgetFrame } from '../../components/WidgetFrame';
import type { AuditInput, AuditOptions } from '../../sim/audit/types';
import { AuditInputs } from './AuditInputs';
import { AuditOptionsFields, optionsFromFields } from './AuditOptionsFields';
import { AuditReport } from './AuditReport';
import { PASTE_KINDS } from './paste-kinds';
import { readDataTransfer, readFileList, type ReadFiles } from './read-files';
import { isSampleId, loadSample, SAMPLE_BUNDLES } from './samples';
import {
  decodeShared,
  encodeShared,
  MAX_SHARE_CHARS,
  paramFromHash,
  SHARE_PREFIX,
} from './share-state';
import { simulatorLinks } from './simulator-links';
import { useAuditRunner } from './use-audit-runner';
import './Audit.css';

export interface AuditProps {
  readonly id?: string;
}

type Source =
  | { readonly kind: 'none' }
  | { readonly kind: 'sample'; readonly id: string; readonly inputs: readonly AuditInput[] }
  | {
      readonly kind: 'files';
      readonly inputs: readonly AuditInput[];
      readonly skipped: readonly string[];
    };

const NONE: Source = { kind: 'none' };
const PASTE_DELAY_MS = 300;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function Audit({ id = 'audit' }: AuditProps) {
  const [source, setSource] = useState<Source>(NONE);
  const [pastes, setPastes] = useState<Readonly<Record<string, string>>>({});
  const [settledPastes, setSettledPastes] = useState<Readonly<Record<string, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [share, setShare] = useState<{ param: string | null; chars: number } | null>(null);
  const [reading, setReading] = useState(false);
  const [optionTexts, setOptionTexts] = useState<
    Readonly<Partial<Record<keyof AuditOptions, string>>>
  >({});
  const optionsKey = JSON.stringify(optionsFromFields(optionTexts));
  const options = useMemo<AuditOptions>(() => JSON.parse(optionsKey) as AuditOptions, [optionsKey]);
  const readToken = useRef(0);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettledPastes(pastes);
    }, PASTE_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [pastes]);

  const inputs = useMemo<readonly AuditInput[]>(() => {
    const pasted = PASTE_KINDS.filter((p) => (settledPastes[p.key] ?? '').trim() !== '').map(
      (p) => ({ name: p.name, text: settledPastes[p.key] ?? '', kind: p.kind }),
    );
    return [...(source.kind === 'none' ? [] : source.inputs), ...pasted];
  }, [source, settledPastes]);

  const run = useAuditRunner(inputs, options);
  const links = useMemo(
    () => (run.report === null ? [] : simulatorLinks(run.report.scenarios)),
    [run.report],
  );

  const chooseSample = async (sampleId: string): Promise<void> => {
    const token = ++readToken.current;
    setReading(true);
    const loaded = await loadSample(sampleId);
    if (token !== readToken.current) return;
    setReading(false);
    setSource({ kind: 'sample', id: sampleId, inputs: loaded });
  };

  const readInto = async (read: Promise<ReadFiles>): Promise<void> => {
    const token = ++readToken.current;
    setReading(true);
    try {
      const result = await read;
      if (token !== readToken.current) return;
      setSource({ kind: 'files', inputs: result.inputs, skipped: result.skipped });
      setNotice(result.inputs.length === 0 ? 'None of those files could be read as text.' : null);
    } catch {
      if (token === readToken.current)
        setNotice('Those files could not be read; the previous report is kept.');
    } finally {
      if (token === readToken.current) setReading(false);
    }
  };

  // A shared link: run the same audit.
  useEffect(() => {
    const param = paramFromHash(window.location.hash);
    if (param === null || param === '') return;
    void decodeShared(param, isSampleId).then((shared) => {
      if (typeof shared === 'string') {
        setNotice(`The link’s audit was ignored: ${shared}.`);
        return;
      }
      setOptionTexts(
        Object.fromEntries(Object.entries(shared.options).map(([k, v]) => [k, String(v)])),
      );
      if (shared.sample !== undefined) void chooseSample(shared.sample);
      else setSource({ kind: 'files', inputs: shared.inputs ?? [], skipped: [] });
    });
  }, []);

  // Keep the address bar a link to this report when it fits.
  useEffect(() => {
    let stale = false;
    const pastedOnly = source.kind === 'none';
    if (inputs.length === 0 && pastedOnly) {
      setShare(null);
      return;
    }
    const shared =
      source.kind === 'sample' && inputs.length === source.inputs.length
        ? { sample: source.id, options }
        : { inputs, options };
    void encodeShared(shared).then((result) => {
      if (stale) return;
      const url = new URL(window.location.href);
      if (result.ok) {
        url.hash = `${SHARE_PREFIX}${result.param}`;
        setShare({ param: result.param, chars: result.param.length });
      } else {
        if (paramFromHash(url.hash) !== null) url.hash = '';
        setShare({ param: null, chars: result.chars });
      }
      try {
        window.history.replaceState(window.history.state, '', url.href);
      } catch {
        // The report still works on the page.
      }
    });
    return () => {
      stale = true;
    };
  }, [inputs, source, options]);

  const reset = (): void => {
    readToken.current++;
    setSource(NONE);
    setPastes({});
    setSettledPastes({});
    setOptionTexts({});
    setNotice(null);
    setReading(false);
    const url = new URL(window.location.href);
    if (paramFromHash(url.hash) !== null) url.hash = '';
    window.history.replaceState(window.history.state, '', url.href);
  };

  const shareUrl = (): string => {
    const url = new URL(window.location.href);
    url.hash = share?.param ? `${SHARE_PREFIX}${share.param}` : id;
    return url.href;
  };

  const report = run.report;
  const counts = report
    ? (['error', 'warning', 'info'] as const).map(
        (level) => report.findings.filter((f) => f.level === level).length,
      )
    : null;
  const verdict =
    report === null || counts === null
      ? inputs.length === 0
        ? 'Give the audit some files to read.'
        : 'Auditing…'
      : `${plural(counts[0] ?? 0, 'error')}, ${plural(counts[1] ?? 0, 'warning')}, ${counts[2] ?? 0} info in ${plural(report.files.length, 'file')}.`;
  const sampleLabel =
    source.kind === 'sample'
      ? SAMPLE_BUNDLES.find((bundle) => bundle.id === source.id)?.label
      : undefined;

  return (
    <WidgetFrame
      id={id}
      title="Audit your deployment files"
      caption={
        <>
          Each rule calls the site’s verified models (the drain timeline, the ProxyFix model, the
          capacity model). The same audit runs in CI: <code>npx flask-deploy-audit PATH…</code>.
        </>
      }
      notice={notice}
      onDismissNotice={() => {
        setNotice(null);
      }}
      onReset={reset}
      shareUrl={shareUrl}
      verdict={verdict}
    >
      <div class="audit">
        <AuditInputs
          activeSample={source.kind === 'sample' ? source.id : null}
          onSample={(sampleId) => void chooseSample(sampleId)}
          onFiles={(list) => void readInto(readFileList(list))}
          onDrop={(data) => void readInto(readDataTransfer(data))}
          pastes={pastes}
          onPaste={(key, text) => {
            setPastes((previous) => ({ ...previous, [key]: text }));
          }}
        />
        <AuditOptionsFields
          values={optionTexts}
          onChange={(key, text) => {
            setOptionTexts((previous) => ({ ...previous, [key]: text }));
          }}
        />
        <div class="audit-status" role="status" aria-live="polite">
          {reading ? (
            <p>Reading files…</p>
          ) : run.running !== null ? (
            <p>
              <progress class="audit-progress" aria-label="Audit in progress" /> Auditing{' '}
              {plural(run.running.files, 'file')}…
            </p>
          ) : run.error !== null ? (
            <p class="audit-error-text">{run.error}</p>
          ) : report !== null && run.ms !== null ? (
            <p>
              Audited {plural(inputs.length, 'file')}
              {sampleLabel !== undefined ? ` (sample: ${sampleLabel})` : ''} in{' '}
              {run.ms < 10 ? run.ms.toFixed(1) : Math.round(run.ms)} ms
              {run.where === 'main thread' ? ' on the main thread (no Web Worker here)' : ''}.
            </p>
          ) : null}
          {source.kind === 'files' && source.skipped.length > 0 ? (
            <p class="audit-hint">
              Left out: {source.skipped.slice(0, 5).join('; ')}
              {source.skipped.length > 5 ? `; and ${source.skipped.length - 5} more` : ''}.
            </p>
          ) : null}
          {share !== null && share.param === null ? (
            <p class="audit-hint">
              These files are too large to share by link ({share.chars.toLocaleString('en')}{' '}
              characters compressed; links stop at {MAX_SHARE_CHARS.toLocaleString('en')}): share
              the files themselves, or run <code>npx flask-deploy-audit</code> on them.
            </p>
          ) : null}
        </div>
        {report !== null ? (
          <AuditReport report={report} links={links} kindLabels={run.kindLabels} />
        ) : null}
      </div>
    </WidgetFrame>
  );
}

export default Audit;
