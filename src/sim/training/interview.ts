/**
 * Interview mode's pure parts: links (seed + exercise ids in the query string), presets, and
 * the candidate's action log with its Markdown and JSON exports.
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

/**
 * Read `?seed=123&ex=a,b,c` from a query string. Unknown ids are dropped (with a notice),
 * duplicates removed, and the seed must be a whole number from 1 to MAX_SEED.
 */
export function parseInterviewQuery(
  search: string,
  knownIds: ReadonlySet<string>,
): ParsedInterview {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search.slice(0, 4000));
  } catch {
    return { plan: null, notice: 'The interview link could not be read.' };
  }
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
  if (ids.length === 0)
    return { plan: null, notice: 'The interview link names no exercise this site has.' };
  return {
    plan: { seed, exerciseIds: ids },
    notice:
      unknown > 0
        ? `${unknown} exercise${unknown === 1 ? '' : 's'} in the link ${unknown === 1 ? 'is' : 'are'} not on this site and ${unknown === 1 ? 'was' : 'were'} left out.`
        : null,
  };
}

export function interviewQuery(plan: InterviewPlan): string {
  return `?seed=${plan.seed}&ex=${plan.exerciseIds.map(encodeURIComponent).join(',')}`;
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
