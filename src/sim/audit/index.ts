/**
 * auditFiles: read a team's deployment files (each optional, kinds detected by name and
 * content), cross-check them with the site's models, and return one report: per-file
 * results, findings, the simulators' URL states, and the drain summary. Pure and
 * synchronous; a file that cannot be read gets a notice and the others are still audited.
 */
import { detectKind } from './detect';
import { createFacts, type Facts, type ReadOutcome } from './facts';
import { readAlbCli } from './read/alb';
import { readCloudFormation } from './read/cloudformation';
import { readCompose } from './read/compose';
import { readDockerfile, readEnvFile } from './read/dockerfile';
import { readEcsCli } from './read/ecs';
import { readKubernetes } from './read/kubernetes';
import { readNginx } from './read/nginx';
import { parseNginx, resolveIncludes, type NginxParseResult } from './read/nginx-parse';
import { readProcfile } from './read/command-line';
import { readGunicornConf, readPythonFile } from './read/python';
import { readTerraform } from './read/terraform';
import { roots, type TreeFile } from './read/tree';
import { toFinding, valueDiff } from './rules/rule';
import { AUDIT_RULES } from './rules/index';
import { capacityOf, chainOf, drainOf, shutdownScenarioOf } from './to-scenario';
import type {
  AuditFileResult,
  AuditFinding,
  AuditInput,
  AuditKind,
  AuditOptions,
  AuditReport,
} from './types';

export type * from './types';
export { AUDIT_KINDS, MAX_AUDIT_FILE_CHARS } from './types';
export { AUDIT_RULES } from './rules/index';
export { detectKind, KIND_LABELS } from './detect';

/** Files are read in this order, so a platform's command overrides the image's CMD. */
const READ_ORDER: readonly AuditKind[] = [
  'dockerfile',
  'gunicorn-conf',
  'python',
  'procfile',
  'env',
  'cloudformation',
  'terraform',
  'ecs',
  'alb',
  'kubernetes',
  'compose',
  'nginx',
  'dockerignore',
  'unknown',
];

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;
const MAX_FILES = 500;

interface Entry {
  readonly index: number;
  readonly input: AuditInput;
  kind: AuditKind;
  notice?: string;
  tree?: TreeFile;
  outcome: ReadOutcome;
}

function describeError(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply or too large to read';
  return error instanceof Error
    ? error.message.split('\n')[0]!.slice(0, 200)
    : 'unexpected content';
}

function readEntry(
  entry: Entry,
  entries: readonly Entry[],
  facts: Facts,
  nginxFiles: Map<string, NginxParseResult>,
  findings: AuditFinding[],
): void {
  const { input, outcome } = entry;
  const roots_ = () => (entry.tree ? roots(entry.tree) : []);
  switch (entry.kind) {
    case 'dockerfile': {
      const ignore = entries.find((e) => e.kind === 'dockerignore');
      findings.push(
        ...readDockerfile(
          input.name,
          input.text,
          ignore ? { name: ignore.input.name, text: ignore.input.text } : null,
          facts,
          outcome,
        ),
      );
      break;
    }
    case 'gunicorn-conf':
      readGunicornConf(input.name, input.text, facts, outcome);
      break;
    case 'python':
      readPythonFile(input.name, input.text, facts, outcome);
      break;
    case 'procfile':
      readProcfile(input.name, input.text, facts, outcome);
      break;
    case 'env':
      readEnvFile(input.name, input.text, facts, outcome);
      break;
    case 'cloudformation':
      for (const r of roots_()) readCloudFormation(r, facts, outcome);
      break;
    case 'terraform':
      for (const r of roots_()) readTerraform(r, facts, outcome);
      break;
    case 'ecs':
      for (const r of roots_()) readEcsCli(r, facts, outcome);
      break;
    case 'alb':
      for (const r of roots_()) readAlbCli(r, facts);
      break;
    case 'kubernetes':
      readKubernetes(roots_(), facts, outcome);
      break;
    case 'compose':
      for (const r of roots_()) readCompose(r, facts, outcome);
      break;
    case 'nginx': {
      const parsed = nginxFiles.get(input.name);
      if (!parsed) break;
      if (parsed.error) {
        outcome.notice = `nginx syntax error at line ${parsed.error.line}: ${parsed.error.message}.`;
        break;
      }
      // Only a file that proxies (or is not included by another) is read as the main config.
      const problems: string[] = [];
      const directives = resolveIncludes(parsed.directives, nginxFiles, [input.name], problems);
      if (problems.length > 0) outcome.notice = problems.join(' ');
      if (!facts.nginx) readNginx(directives, facts);
      break;
    }
    case 'dockerignore':
    case 'unknown':
      break;
  }
}

export function auditFiles(inputs: readonly AuditInput[], options: AuditOptions = {}): AuditReport {
  const facts = createFacts();
  const findings: AuditFinding[] = [];
  const entries: Entry[] = inputs.slice(0, MAX_FILES).map((input, index) => {
    const entry: Entry = { index, input, kind: 'unknown', outcome: { cannotTell: [] } };
    try {
      const d = detectKind(input);
      entry.kind = d.kind;
      if (d.notice) entry.notice = d.notice;
      if (d.tree) entry.tree = d.tree;
    } catch (error) {
      entry.notice = `Could not be read: ${describeError(error)}.`;
    }
    return entry;
  });
  const nginxFiles = new Map<string, NginxParseResult>();
  for (const e of entries)
    if (e.kind === 'nginx') nginxFiles.set(e.input.name, parseNginx(e.input.text, e.input.name));
  const ordered = [...entries].sort(
    (a, b) => READ_ORDER.indexOf(a.kind) - READ_ORDER.indexOf(b.kind) || a.index - b.index,
  );
  for (const entry of ordered) {
    try {
      readEntry(entry, entries, facts, nginxFiles, findings);
    } catch (error) {
      entry.notice = `Could not be read: ${describeError(error)}. The other files were still audited.`;
    }
  }
  for (const rule of AUDIT_RULES) {
    try {
      for (const raw of rule.check({ facts, options })) {
        const finding = toFinding(rule.meta, raw);
        const edit = raw.replace;
        const source = edit ? inputs.find((i) => i.name === edit.at.file) : undefined;
        const diff =
          edit && source
            ? valueDiff(
                edit.at.file,
                source.text,
                edit.at.line,
                edit.at.column,
                edit.replacement,
                edit.at.value,
              )
            : undefined;
        findings.push(
          diff && finding.fix ? { ...finding, fix: { ...finding.fix, diff } } : finding,
        );
      }
    } catch {
      // A rule that fails on odd input must not take the report down; it reports nothing.
    }
  }
  findings.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.code.localeCompare(b.code),
  );
  const files: AuditFileResult[] = entries.map((e) => ({
    name: e.input.name,
    kind: e.kind,
    ...(e.notice ? { notice: e.notice } : {}),
    ...(e.outcome.notice ? { notice: [e.notice, e.outcome.notice].filter(Boolean).join(' ') } : {}),
    ...(e.outcome.cannotTell.length > 0 ? { cannotTell: e.outcome.cannotTell } : {}),
  }));
  for (const extra of inputs.slice(MAX_FILES)) {
    files.push({
      name: extra.name,
      kind: 'unknown',
      notice: `Not read: the audit reads at most ${MAX_FILES} files.`,
    });
  }
  const shutdown = safe(() => shutdownScenarioOf(facts));
  const capacity = safe(() => capacityOf(facts, options));
  const proxyHops = safe(() => chainOf(facts));
  const drain = shutdown ? safe(() => drainOf(shutdown)) : null;
  return {
    files,
    findings,
    scenarios: {
      ...(proxyHops ? { proxyHops } : {}),
      ...(capacity ? { capacity } : {}),
      ...(shutdown ? { shutdown: { preset: null, scenario: shutdown, cursorSeconds: null } } : {}),
    },
    ...(drain ? { drain } : {}),
  };
}

function safe<T>(fn: () => T | null): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
