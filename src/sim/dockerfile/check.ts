/**
 * The checker: parse, model, run every rule, attach metadata and suppressions, sort.
 * `checkDockerfile` never throws: bad input becomes a finding.
 */
import { parseDockerignore } from './dockerignore';
import { EOL_TABLE_DATE } from './eol-data';
import { buildModel } from './model';
import { isBinary, parseDockerfile, type Instruction, type ParsedDockerfile } from './parse';
import { CHAPTER_PATH, type RuleContext } from './rule';
import { RULES } from './rules/index';
import type { CheckOptions, Finding, Level, RawFinding, RuleMeta } from './types';

/** Inputs above this size are refused with a finding instead of being parsed. */
export const MAX_INPUT_CHARS = 4 * 1024 * 1024;

/** A rule reporting more than this lists the first ones and one summary finding. */
export const MAX_FINDINGS_PER_RULE = 50;

/**
 * Messages quote the file (image names, values, commands). However long the quoted text, a
 * message stays this short, so a hostile file cannot make the output huge.
 */
export const MAX_MESSAGE_CHARS = 1500;

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

const LEVEL_ORDER: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export const RULE_METAS: readonly RuleMeta[] = RULES.map((rule) => rule.meta);
const META_BY_CODE = new Map(RULE_METAS.map((meta) => [meta.code, meta]));

export function ruleMeta(code: string): RuleMeta | undefined {
  return META_BY_CODE.get(code);
}

interface Suppressions {
  readonly file: Map<string, string>;
  readonly checkSkip: Set<string>;
}

const IGNORE_FILE = /^flask-lab-ignore-file:\s*([^]*)$/i;
const IGNORE_LINE = /^flask-lab-ignore:\s*([^]*)$/i;
const HADOLINT = /^hadolint\s+ignore=([A-Za-z0-9,\s]*)/i;

/** `code, code -- reason` → codes and reason. */
function readCodes(text: string): { codes: string[]; reason: string } {
  const dash = text.indexOf('--');
  const list = dash >= 0 ? text.slice(0, dash) : text;
  const reason = dash >= 0 ? text.slice(dash + 2).trim() : '';
  return {
    codes: list
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c !== ''),
    reason,
  };
}

function readSuppressions(parsed: ParsedDockerfile): Suppressions {
  const file = new Map<string, string>();
  const firstLine = parsed.instructions[0]?.line ?? Number.MAX_SAFE_INTEGER;
  for (const comment of parsed.comments) {
    if (comment.line >= firstLine) break;
    const match = IGNORE_FILE.exec(comment.text);
    if (!match) continue;
    const { codes, reason } = readCodes(match[1]!);
    for (const code of codes) file.set(code, reason);
  }
  const checkSkip = new Set<string>();
  const check = parsed.directives.find((d) => d.name === 'check');
  if (check) {
    for (const part of check.value.split(';')) {
      const [key, value] = part.split('=', 2);
      if (key?.trim().toLowerCase() === 'skip' && value !== undefined)
        for (const name of value.split(',')) checkSkip.add(name.trim().toLowerCase());
    }
  }
  return { file, checkSkip };
}

function instructionAt(instructions: readonly Instruction[], line: number): Instruction | null {
  let lo = 0;
  let hi = instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const instruction = instructions[mid]!;
    if (line < instruction.line) hi = mid - 1;
    else if (line > instruction.endLine) lo = mid + 1;
    else return instruction;
  }
  return null;
}

function suppressionFor(
  meta: RuleMeta,
  raw: RawFinding,
  parsed: ParsedDockerfile,
  suppressions: Suppressions,
): { by: string; reason: string } | null {
  const code = meta.code;
  const fileReason = suppressions.file.get(code) ?? suppressions.file.get('all');
  if (fileReason !== undefined) return { by: `flask-lab-ignore-file: ${code}`, reason: fileReason };
  if (suppressions.checkSkip.size > 0) {
    const dockerCheck = meta.peers.find(
      (peer) =>
        !/^(DL|DS-)/.test(peer) &&
        (suppressions.checkSkip.has(peer.toLowerCase()) || suppressions.checkSkip.has('all')),
    );
    if (dockerCheck)
      return { by: `# check=skip=${dockerCheck}`, reason: 'Docker build-check directive' };
  }
  if ((raw.file ?? 'dockerfile') !== 'dockerfile') return null;
  const instruction = instructionAt(parsed.instructions, raw.line);
  if (!instruction) return null;
  for (const comment of instruction.comments) {
    const ours = IGNORE_LINE.exec(comment.text);
    if (ours) {
      const { codes, reason } = readCodes(ours[1]!);
      if (codes.includes(code)) return { by: `flask-lab-ignore: ${code}`, reason };
    }
    const hadolint = HADOLINT.exec(comment.text);
    if (hadolint) {
      const ids = hadolint[1]!.split(',').map((id) => id.trim().toUpperCase());
      const peer = meta.peers.find((p) => ids.includes(p.toUpperCase()));
      if (peer) return { by: `hadolint ignore=${peer}`, reason: '' };
    }
  }
  return null;
}

function toFinding(
  meta: RuleMeta,
  raw: RawFinding,
  suppressed: { by: string; reason: string } | null,
): Finding {
  return {
    code: meta.code,
    level: meta.level,
    line: Math.max(1, raw.line),
    column: Math.max(1, raw.column),
    message: clip(raw.message),
    fix: clip(raw.fix ?? meta.fix),
    chapterLink: `${CHAPTER_PATH}#${meta.section}`,
    docUrl: meta.docUrl,
    peers: meta.peers,
    file: raw.file ?? 'dockerfile',
    ...(suppressed ? { suppressed } : {}),
    ...(raw.edits && raw.edits.length > 0 ? { edits: raw.edits } : {}),
  };
}

/** Checks a Dockerfile (and optionally its .dockerignore) against the guide's container chapter. */
/**
 * A rule that fires on thousands of lines (a pasted 1 MB file) lists the first
 * MAX_FINDINGS_PER_RULE of them and one summary finding for the rest, so the list stays
 * readable and the check stays fast.
 */
function capFindings(raws: readonly RawFinding[]): RawFinding[] {
  const sorted = [...raws].sort((a, b) => a.line - b.line || a.column - b.column);
  const shown = sorted.slice(0, MAX_FINDINGS_PER_RULE);
  const next = sorted[MAX_FINDINGS_PER_RULE]!;
  const more = sorted.length - MAX_FINDINGS_PER_RULE;
  return [
    ...shown,
    {
      line: next.line,
      column: next.column,
      message: `…and ${more} more line${more === 1 ? '' : 's'} with the same problem, from line ${next.line} on. Fix the ones above and check again.`,
      ...(next.file ? { file: next.file } : {}),
    },
  ];
}

export function checkDockerfile(text: string, options: CheckOptions = {}): Finding[] {
  const input = typeof text === 'string' ? text : '';
  const parseMeta = META_BY_CODE.get('parse-error')!;
  if (input.length > MAX_INPUT_CHARS) {
    return [
      toFinding(
        parseMeta,
        {
          line: 1,
          column: 1,
          message: `The file is ${(input.length / 1048576).toFixed(1)} MB; the checker reads at most ${MAX_INPUT_CHARS / 1048576} MB. A real Dockerfile is a few KB: check that this is the right file.`,
        },
        null,
      ),
    ];
  }
  const parsed = parseDockerfile(input);
  // A .dockerignore that is binary or too large is refused like such a Dockerfile: one finding,
  // and the rules run as if none had been given (without claiming it is missing).
  let ignoreText = typeof options.dockerignore === 'string' ? options.dockerignore : null;
  let ignoreRefused: RawFinding | null = null;
  if (ignoreText !== null && (ignoreText.length > MAX_INPUT_CHARS || isBinary(ignoreText))) {
    ignoreRefused = {
      file: 'dockerignore',
      line: 1,
      column: 1,
      message:
        ignoreText.length > MAX_INPUT_CHARS
          ? `The .dockerignore is ${(ignoreText.length / 1048576).toFixed(1)} MB; the checker reads at most ${MAX_INPUT_CHARS / 1048576} MB, so it was not read. A real .dockerignore is a few lines: check that this is the right file.`
          : 'The .dockerignore looks like binary data, not a list of patterns (it contains NUL or many control characters), so it was not read.',
    };
    ignoreText = null;
  }
  const ctx: RuleContext = {
    parsed,
    model: buildModel(parsed),
    ignore: ignoreText === null ? null : parseDockerignore(ignoreText),
    dockerignoreText: ignoreText,
    today:
      typeof options.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(options.today)
        ? options.today
        : EOL_TABLE_DATE,
  };
  const suppressions = readSuppressions(parsed);
  const findings: Finding[] = [];
  if (ignoreRefused) findings.push(toFinding(parseMeta, ignoreRefused, null));
  for (const rule of RULES) {
    if (parsed.binary && rule.meta.code !== 'parse-error') continue;
    if (ignoreRefused && rule.meta.code === 'dockerignore-missing') continue;
    let raws: RawFinding[];
    try {
      raws = rule.check(ctx);
    } catch (error) {
      raws = [
        {
          line: 1,
          column: 1,
          message: `The checker failed on rule ${rule.meta.code} (${error instanceof Error ? error.message : 'unknown error'}); the other rules still ran. Please report this input.`,
        },
      ];
    }
    if (raws.length > MAX_FINDINGS_PER_RULE) raws = capFindings(raws);
    for (const raw of raws)
      findings.push(
        toFinding(rule.meta, raw, suppressionFor(rule.meta, raw, parsed, suppressions)),
      );
  }
  findings.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.file === b.file ? 0 : a.file === 'dockerfile' ? -1 : 1) ||
      a.line - b.line ||
      a.column - b.column,
  );
  return findings;
}

/** True when no unsuppressed error-level finding remains (the CLI's exit 0). */
export function passes(findings: readonly Finding[]): boolean {
  return !findings.some((finding) => finding.level === 'error' && !finding.suppressed);
}
