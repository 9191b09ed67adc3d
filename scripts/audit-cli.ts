/**
 * The deployment audit's command line, shared by `npm run --silent audit -- PATH…`
 * (scripts/audit.mjs bundles this file in memory) and the packed `flask-deploy-audit` bin
 * (scripts/build-audit-cli.mjs bundles it into one ESM file for Node 20+).
 *
 * Exit codes, as check:dockerfile: 0 no error-level finding, 1 at least one, 2 usage error or
 * an unreadable PATH. A file the audit cannot read (binary, too large, wrong kind) is a
 * per-file notice in the output, not an exit 2: the other files are still audited.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AuditFinding, AuditInput, AuditOptions, AuditReport } from '../src/sim/audit/types';
import { auditFiles } from '../src/sim/audit';
import {
  decodeText,
  isSkippedPath,
  looksBinary,
  MAX_AUDIT_FILES,
  MAX_READ_BYTES,
  sanitizeOptions,
} from '../src/widgets/Audit/input-limits';
import { simulatorLinks } from '../src/widgets/Audit/simulator-links';

export type Format = 'text' | 'json' | 'sarif';

export const USAGE = `Usage: flask-deploy-audit [--format text|json|sarif] [OPTIONS] PATH…
       npm run --silent audit -- [--format text|json|sarif] [OPTIONS] PATH…

Audits a Flask deployment's files together: Dockerfile and .dockerignore, gunicorn.conf.py
and Gunicorn command lines, Flask settings in Python files, ECS task definitions and
services, ALB target groups, CloudFormation and Terraform JSON, Kubernetes manifests,
nginx.conf, docker compose files. A PATH may be a file or a folder (read recursively,
skipping node_modules, .git, virtualenvs, binary files and files over 1 MiB);
"-" reads standard input.

What the files rarely say (each optional):
  --max-connections N      the database's max_connections
  --worker-memory-mib N    resident memory of one Gunicorn worker, MiB
  --boot-seconds N         how long the app takes to start
  --replicas N             tasks or pods, when the files do not say

Exit status: 0 no error-level finding, 1 at least one error, 2 usage error or unreadable PATH.`;

export interface Args {
  readonly format: Format;
  readonly paths: readonly string[];
  readonly options: AuditOptions;
}

/** What the files rarely say, given on the command line (each checked like the page's fields). */
const OPTION_FLAGS: Readonly<Record<string, keyof AuditOptions>> = {
  '--max-connections': 'maxDbConnections',
  '--worker-memory-mib': 'perWorkerMemoryMiB',
  '--boot-seconds': 'appBootSeconds',
  '--replicas': 'replicas',
};

export type ParsedArgs = Args | { readonly help: true } | { readonly error: string };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let format: Format = 'text';
  const paths: string[] = [];
  const options: Record<string, number> = {};
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '--help' || arg === '-h') {
      return { help: true };
    } else if (arg === '--format' || arg === '-f' || arg.startsWith('--format=')) {
      const value = arg.startsWith('--format=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif')
        return { error: `--format must be text, json or sarif (got ${value ?? 'nothing'})` };
      format = value;
    } else if (arg.split('=')[0]! in OPTION_FLAGS) {
      const flag = arg.split('=')[0]!;
      const value = arg.includes('=') ? arg.slice(flag.length + 1) : argv[++i];
      const key = OPTION_FLAGS[flag]!;
      const number = Number(value);
      const clean = sanitizeOptions({ [key]: number });
      if (value === undefined || value.trim() === '' || clean[key] === undefined)
        return { error: `${flag} needs a number in range (got ${value ?? 'nothing'})` };
      options[key] = number;
    } else {
      return { error: `unknown option ${arg}` };
    }
  }
  if (paths.length === 0) return { error: 'no PATH given' };
  return { format, paths, options: sanitizeOptions(options) };
}

export interface Collected {
  readonly inputs: AuditInput[];
  /** Files left out of a folder walk, and why (printed on standard error). */
  readonly skipped: string[];
}

function readHead(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(MAX_READ_BYTES);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, MAX_READ_BYTES - length, null);
      if (n === 0) break;
      length += n;
      if (length === MAX_READ_BYTES) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function toPosix(name: string): string {
  return name.split(path.sep).join('/');
}

/**
 * Reads PATHs into audit inputs. A named file is always handed to the audit (which says why
 * it cannot read it); inside a folder, binary files and files over 1 MiB are skipped.
 * Throws with a readable message when a PATH cannot be read at all.
 */
export function collectInputs(paths: readonly string[], stdin: () => string): Collected {
  const inputs: AuditInput[] = [];
  const skipped: string[] = [];
  const add = (input: AuditInput): void => {
    if (inputs.length < MAX_AUDIT_FILES) inputs.push(input);
    else skipped.push(`${input.name}: more than ${MAX_AUDIT_FILES} files; not read`);
  };
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (isSkippedPath(entry.name)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        if (inputs.length >= MAX_AUDIT_FILES) {
          skipped.push(`${toPosix(full)}: more than ${MAX_AUDIT_FILES} files; not read`);
          continue;
        }
        const bytes = readHead(full);
        if (bytes.length >= MAX_READ_BYTES) skipped.push(`${toPosix(full)}: larger than 1 MiB`);
        else if (looksBinary(bytes)) skipped.push(`${toPosix(full)}: binary`);
        else add({ name: toPosix(full), text: decodeText(bytes) });
      }
      // Symbolic links inside a folder are not followed (no cycles, nothing outside it).
    }
  };
  for (const given of paths) {
    if (given === '-') {
      add({ name: '<stdin>', text: stdin().slice(0, MAX_READ_BYTES) });
      continue;
    }
    let stat;
    try {
      // A symbolic link named on the command line is followed; inside a folder, never.
      stat = statSync(given);
    } catch (error) {
      throw new Error(`cannot read ${given}: ${codeOf(error)}`, { cause: error });
    }
    try {
      if (stat.isDirectory()) walk(given);
      else add({ name: toPosix(given), text: decodeText(readHead(given)) });
    } catch (error) {
      throw new Error(`cannot read ${given}: ${codeOf(error)}`, { cause: error });
    }
  }
  return { inputs, skipped };
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}

function indent(text: string, prefix: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

export function formatText(report: AuditReport, site: string): string {
  const lines: string[] = [];
  // Files with the same notice (say, a folder's README and requirements.txt) share one line.
  const byNotice = new Map<string, string[]>();
  for (const file of report.files)
    if (file.notice !== undefined)
      byNotice.set(file.notice, [...(byNotice.get(file.notice) ?? []), file.name]);
  for (const [notice, names] of byNotice) lines.push(`${names.join(', ')}: not audited: ${notice}`);
  for (const file of report.files) {
    for (const unknown of file.cannotTell ?? [])
      lines.push(
        `${file.name}:${unknown.line}:${unknown.column}: cannot tell ${unknown.setting} from the file: ${unknown.reason}`,
      );
  }
  for (const f of report.findings) {
    lines.push(`${f.file}:${f.line}:${f.column}: ${f.level} ${f.code}: ${f.message}`);
    lines.push(`    fails: ${f.failure}`);
    if (f.related.length > 0)
      lines.push(`    with: ${f.related.map((r) => `${r.file}:${r.line}`).join(', ')}`);
    if (f.fix !== undefined) {
      lines.push(`    fix: ${f.fix.text}`);
      if (f.fix.diff !== undefined) lines.push(indent(f.fix.diff, '      '));
    }
    for (const source of f.sources) lines.push(`    see: ${source.title} ${source.url}`);
  }
  const count = (level: AuditFinding['level']): number =>
    report.findings.filter((f) => f.level === level).length;
  const read = report.files.filter((f) => f.kind !== 'unknown' && f.notice === undefined).length;
  if (report.drain !== undefined) lines.push(`drain: ${report.drain.summary}`);
  for (const link of simulatorLinks(report.scenarios))
    lines.push(`simulator: ${link.label.replace(/^Open /, '')}: ${site}${link.href}`);
  lines.push(
    `${read} of ${report.files.length} file(s) read; ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: AuditReport): string {
  const rows = report.findings.map((f) => ({
    file: f.file,
    line: f.line,
    column: f.column,
    level: f.level,
    code: f.code,
    message: f.message,
    related: f.related.map((r) => ({ file: r.file, line: r.line })),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const sarifLevel = (level: AuditFinding['level']): 'error' | 'warning' | 'note' =>
  level === 'info' ? 'note' : level;

function location(file: string, line: number, column?: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file) },
      region: column === undefined ? { startLine: line } : { startLine: line, startColumn: column },
    },
  };
}

export function formatSarif(report: AuditReport, site: string, version: string): string {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of report.findings) {
    if (ruleIndex.has(f.code)) continue;
    ruleIndex.set(f.code, rules.length);
    const help = f.sources[0];
    rules.push({
      id: f.code,
      name: f.code,
      shortDescription: { text: f.failure },
      ...(f.fix !== undefined ? { fullDescription: { text: f.fix.text } } : {}),
      ...(help !== undefined ? { helpUri: help.url } : {}),
      help: {
        text: f.sources.map((s) => `${s.title}: ${s.url}`).join('\n') || f.failure,
      },
      defaultConfiguration: { level: sarifLevel(f.level) },
    });
  }
  const results = report.findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code) ?? 0,
    level: sarifLevel(f.level),
    message: {
      text: `${f.message} ${f.failure}${f.fix !== undefined ? ` Fix: ${f.fix.text}` : ''}`,
    },
    locations: [location(f.file, Math.max(1, f.line), Math.max(1, f.column))],
    ...(f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            ...location(r.file, Math.max(1, r.line)),
            message: { text: `${r.file}:${r.line}` },
          })),
        }
      : {}),
  }));
  const notices = report.files
    .filter((file) => file.notice !== undefined)
    .map((file) => ({
      level: 'warning' as const,
      message: { text: `${file.name}: not audited: ${file.notice ?? ''}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file.name) } } }],
    }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flask-deploy-audit',
            version,
            ...(site !== '' ? { informationUri: `${site}/audit/` } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notices.length > 0 ? { toolExecutionNotifications: notices } : {}),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
  /** The deployed site's origin for links (FDL_SITE), or '' for site paths. */
  readonly site: string;
  readonly version: string;
}

/** Runs the CLI; returns the exit code. */
export function main(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`flask-deploy-audit: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  let collected: Collected;
  try {
    collected = collectInputs(args.paths, io.stdin);
  } catch (error) {
    io.stderr(`flask-deploy-audit: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const line of collected.skipped) io.stderr(`flask-deploy-audit: skipped ${line}\n`);
  if (collected.inputs.length === 0) {
    io.stderr(`flask-deploy-audit: no readable file in ${args.paths.join(', ')}\n`);
    return 2;
  }
  const report = auditFiles(collected.inputs, args.options);
  io.stdout(
    args.format === 'json'
      ? formatJson(report)
      : args.format === 'sarif'
        ? formatSarif(report, io.site, io.version)
        : formatText(report, io.site),
  );
  return report.findings.some((f) => f.level === 'error') ? 1 : 0;
}

/** Standard input as text, at most MAX_READ_BYTES bytes. */
export function readStdin(): string {
  return decodeText(new Uint8Array(readFileSync(0)));
}
