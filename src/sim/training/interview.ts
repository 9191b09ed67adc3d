/**
 * Interview mode's pure parts: links, presets, and the candidate's action log with its
 * Markdown and JSON exports.
 *
 * Two links per interview. The candidate's carries the seed (`?seed=…&ex=…`); the
 * interviewer's carries a random key instead (`?key=…&ex=…`) and the seed is a hash of that
 * key. Turning the candidate's link into the interviewer's therefore takes the key, which the
 * candidate never sees — not a one-word edit. This only closes the shortcut: everything runs in
 * the candidate's browser, so a determined candidate can still run the simulators, read the
 * site's code, or search for a key whose hash is their seed (the seed has under a million
 * values). The views say so.
 */
import { MAX_SEED } from './variants';

export const MAX_INTERVIEW_EXERCISES = 12;

export interface InterviewPlan {
  readonly seed: number;
  readonly exerciseIds: readonly string[];
}

export interface ParsedInterview {
  readonly plan: InterviewPlan | null;
  /** Why (part of) the link was not used; null when it was read whole. */
  readonly notice: string | null;
}

/** Exercise ids from `ex=a,b,c`: known ones, in order, without duplicates; the rest counted. */
function readExerciseIds(
  params: URLSearchParams,
  knownIds: ReadonlySet<string>,
): { ids: string[]; unknown: number } {
  const requested = (params.get('ex') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const ids: string[] = [];
  let unknown = 0;
  for (const id of requested) {
    if (!knownIds.has(id)) {
      unknown += 1;
      continue;
    }
    if (!ids.includes(id) && ids.length < MAX_INTERVIEW_EXERCISES) ids.push(id);
  }
  return { ids, unknown };
}

function unknownNotice(unknown: number): string | null {
  return unknown > 0
    ? `${unknown} exercise${unknown === 1 ? '' : 's'} in the link ${unknown === 1 ? 'is' : 'are'} not on this site and ${unknown === 1 ? 'was' : 'were'} left out.`
    : null;
}

function readParams(search: string): URLSearchParams | null {
  try {
    return new URLSearchParams(search.slice(0, 4000));
  } catch {
    return null;
  }
}

/**
 * Read the candidate's `?seed=123&ex=a,b,c`. Unknown ids are dropped (with a notice),
 * duplicates removed, and the seed must be a whole number from 1 to MAX_SEED.
 */
export function parseInterviewQuery(
  search: string,
  knownIds: ReadonlySet<string>,
): ParsedInterview {
  const params = readParams(search);
  if (params === null) return { plan: null, notice: 'The interview link could not be read.' };
  const seedText = params.get('seed') ?? '';
  const seed = /^\d{1,6}$/.test(seedText) ? Number(seedText) : NaN;
  if (!Number.isInteger(seed) || seed < 1 || seed > MAX_SEED) {
    return {
      plan: null,
      notice:
        seedText === '' && !params.has('ex')
          ? null
          : `The interview link has no valid seed (a whole number from 1 to ${MAX_SEED}).`,
    };
  }
  const { ids, unknown } = readExerciseIds(params, knownIds);
  if (ids.length === 0)
    return { plan: null, notice: 'The interview link names no exercise this site has.' };
  return { plan: { seed, exerciseIds: ids }, notice: unknownNotice(unknown) };
}

/** The candidate's query string: the seed and the exercises, nothing that opens the answers. */
export function interviewQuery(plan: InterviewPlan): string {
  return `?seed=${plan.seed}&ex=${plan.exerciseIds.map(encodeURIComponent).join(',')}`;
}

/** An interviewer key: 16–64 URL-safe characters (the builder draws 22, i.e. 128 random bits). */
export const INTERVIEW_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export function isInterviewKey(key: string): boolean {
  return INTERVIEW_KEY.test(key);
}

/**
 * The seed an interviewer key stands for: a 53-bit hash of the key (two 32-bit multiply-xorshift
 * lanes over its UTF-16 code units), reduced to 1…MAX_SEED. Not a cryptographic hash — the
 * seed space is small enough to search anyway — just a mapping the candidate's link cannot undo
 * by editing a word.
 */
export function seedFromKey(key: string): number {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let index = 0; index < key.length; index += 1) {
    const unit = key.charCodeAt(index);
    a = Math.imul(a ^ unit, 2654435761);
    b = Math.imul(b ^ unit, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & b) + (a >>> 0);
  return 1 + (hash % MAX_SEED);
}

export interface InterviewerPlan extends InterviewPlan {
  readonly key: string;
}

export interface ParsedInterviewerLink {
  readonly plan: InterviewerPlan | null;
  readonly notice: string | null;
}

/**
 * Read the interviewer's `?key=…&ex=a,b,c`. A link with a seed and no key is an interviewer
 * link from before keys (or a candidate link with one word changed): it never opens the
 * answers, and the notice says why.
 */
export function parseInterviewerQuery(
  search: string,
  knownIds: ReadonlySet<string>,
): ParsedInterviewerLink {
  const params = readParams(search);
  if (params === null) return { plan: null, notice: 'The interviewer link could not be read.' };
  const key = params.get('key') ?? '';
  if (key === '') {
    return {
      plan: null,
      notice: params.has('seed')
        ? 'This link carries a seed, not an interviewer key. Interviewer links now carry a key the candidate never sees, because a seed is also in the candidate’s link and would open these answers; links built before this change no longer open them. The candidate’s link still works: build a new interview for the answers.'
        : params.has('ex')
          ? 'The interviewer link has no key.'
          : null,
    };
  }
  if (!isInterviewKey(key)) {
    return {
      plan: null,
      notice: 'The interviewer key in the link is not valid (16–64 letters, digits, - or _).',
    };
  }
  const { ids, unknown } = readExerciseIds(params, knownIds);
  if (ids.length === 0)
    return { plan: null, notice: 'The interview link names no exercise this site has.' };
  return {
    plan: { key, seed: seedFromKey(key), exerciseIds: ids },
    notice: unknownNotice(unknown),
  };
}

/** The interviewer's query string: the key (the seed follows from it) and the exercises. */
export function interviewerQuery(plan: { key: string; exerciseIds: readonly string[] }): string {
  return `?key=${encodeURIComponent(plan.key)}&ex=${plan.exerciseIds.map(encodeURIComponent).join(',')}`;
}

export interface InterviewPreset {
  readonly id: '30' | '60';
  readonly label: string;
  readonly exerciseIds: readonly string[];
}

export const INTERVIEW_PRESETS: readonly InterviewPreset[] = [
  {
    id: '30',
    label: '30 minutes: proxies, connections, the image, a deploy',
    exerciseIds: [
      'proxy-count-cloudfront-alb',
      'capacity-deploy-peak',
      'dockerfile-pass',
      'shutdown-zero-lost',
    ],
  },
  {
    id: '60',
    label: '60 minutes: the whole deployment',
    exerciseIds: [
      'dev-server-internal-tool',
      'gunicorn-find-bug-bind',
      'proxy-count-cloudfront-alb',
      'proxy-goal-unspoofable',
      'capacity-deploy-peak',
      'capacity-fit-97',
      'dockerfile-pass',
      'shutdown-zero-lost',
      'async-find-bug-create-task',
    ],
  },
];

export type LogType = 'start' | 'open' | 'answer' | 'change' | 'finish';

export interface LogEntry {
  /** Milliseconds since the interview started. */
  readonly atMs: number;
  readonly type: LogType;
  readonly exerciseId: string | null;
  /** What was tried or changed, as the candidate entered it (shown as text only). */
  readonly detail: string;
  readonly correct: boolean | null;
}

export const MAX_LOG_ENTRIES = 2000;
export const MAX_DETAIL_CHARS = 2000;

export function appendLog(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  if (log.length >= MAX_LOG_ENTRIES) return [...log];
  return [...log, { ...entry, detail: entry.detail.slice(0, MAX_DETAIL_CHARS) }];
}

/** Time each exercise was the open one: from its 'open' to the next 'open' or 'finish'. */
export function computeTimePerExercise(
  log: readonly LogEntry[],
  nowMs: number,
): Map<string, number> {
  const times = new Map<string, number>();
  let current: string | null = null;
  let since = 0;
  const close = (atMs: number) => {
    if (current !== null) times.set(current, (times.get(current) ?? 0) + Math.max(0, atMs - since));
  };
  for (const entry of log) {
    if (entry.type === 'open') {
      close(entry.atMs);
      current = entry.exerciseId;
      since = entry.atMs;
    } else if (entry.type === 'finish') {
      close(entry.atMs);
      current = null;
    }
  }
  close(nowMs);
  return times;
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export interface LogExportContext {
  readonly plan: InterviewPlan;
  readonly titles: ReadonlyMap<string, string>;
  readonly nowMs: number;
}

/** Inline code in Markdown that no backtick in `text` can close early. */
function inlineCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return flat === '' ? '(empty)' : `${fence} ${flat} ${fence}`;
}

export function logToMarkdown(log: readonly LogEntry[], context: LogExportContext): string {
  const times = computeTimePerExercise(log, context.nowMs);
  const lines = [
    `# Interview log (seed ${context.plan.seed})`,
    '',
    '| Exercise | Time | Answers tried | Solved |',
    '| --- | --- | --- | --- |',
  ];
  for (const id of context.plan.exerciseIds) {
    const answers = log.filter((entry) => entry.exerciseId === id && entry.type === 'answer');
    const solved = answers.some((entry) => entry.correct === true);
    const title = (context.titles.get(id) ?? id).replace(/\|/g, '/');
    lines.push(
      `| ${title} | ${formatDuration(times.get(id) ?? 0)} | ${answers.length} | ${solved ? 'yes' : 'no'} |`,
    );
  }
  lines.push('', '## Events', '');
  for (const entry of log) {
    const title =
      entry.exerciseId === null
        ? ''
        : ` — ${context.titles.get(entry.exerciseId) ?? entry.exerciseId}`;
    const verdict = entry.correct === null ? '' : entry.correct ? ' (correct)' : ' (not correct)';
    lines.push(
      `- ${formatDuration(entry.atMs)} ${entry.type}${title}${entry.detail === '' ? '' : `: ${inlineCode(entry.detail)}`}${verdict}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function logToJson(log: readonly LogEntry[], context: LogExportContext): string {
  const times = computeTimePerExercise(log, context.nowMs);
  return JSON.stringify(
    {
      format: 'flask-deploy-lab/interview-log',
      version: 1,
      seed: context.plan.seed,
      exercises: context.plan.exerciseIds.map((id) => ({
        id,
        title: context.titles.get(id) ?? id,
        timeMs: times.get(id) ?? 0,
      })),
      log,
    },
    null,
    2,
  );
}
