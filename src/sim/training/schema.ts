/**
 * The exercise schema: every exercise (hand-written or generated) passes through
 * `validateExercise` before it is used. It returns the problems it finds, in words, so a
 * broken data file fails its unit test with a message that says what to fix.
 */
import { checkAnswer } from './check';
import {
  CAPACITY_FIELDS,
  CAPACITY_RESULT_FIELDS,
  EXERCISE_CHAPTERS,
  HOP_KINDS,
  PID1_MODES,
  VARIANT_KINDS,
  type Exercise,
} from './types';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KINDS = [
  'choice',
  'text',
  'find-bug',
  'capacity-number',
  'capacity-goal',
  'proxy-count',
  'proxy-goal',
  'shutdown-goal',
  'dockerfile-goal',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, maxLength = 4000): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= maxLength;
}

function isTextList(value: unknown, min: number, max: number): value is string[] {
  return (
    Array.isArray(value) &&
    value.length >= min &&
    value.length <= max &&
    value.every((item) => isText(item))
  );
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function checkNumbers(value: unknown, where: string, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${where} must be an object`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isOneOf(key, CAPACITY_FIELDS)) problems.push(`${where}.${key} is not a capacity field`);
    if (typeof item !== 'number' || !Number.isFinite(item))
      problems.push(`${where}.${key} must be a number`);
  }
}

function checkKindFields(raw: Record<string, unknown>, problems: string[]): void {
  switch (raw.kind) {
    case 'choice': {
      const options = raw.options;
      if (!Array.isArray(options) || options.length < 2 || options.length > 8) {
        problems.push('options: 2 to 8 options');
        return;
      }
      const ids = new Set<string>();
      for (const option of options) {
        if (!isRecord(option) || !isText(option.id, 40) || !isText(option.text)) {
          problems.push('each option needs an id and a text');
          continue;
        }
        if (ids.has(option.id)) problems.push(`duplicate option id ${option.id}`);
        ids.add(option.id);
      }
      break;
    }
    case 'text':
      if (!isTextList(raw.accept, 1, 20)) problems.push('accept: 1 to 20 accepted answers');
      if (typeof raw.multiline !== 'boolean') problems.push('multiline must be true or false');
      break;
    case 'find-bug': {
      if (!isText(raw.fileName, 80)) problems.push('fileName is required');
      const lines = raw.lines;
      if (
        !Array.isArray(lines) ||
        lines.length < 2 ||
        lines.length > 80 ||
        !lines.every((line) => typeof line === 'string')
      ) {
        problems.push('lines: 2 to 80 strings');
        return;
      }
      const bugLines = raw.bugLines;
      if (
        !Array.isArray(bugLines) ||
        bugLines.length === 0 ||
        !bugLines.every((line) => isIntIn(line, 1, lines.length))
      ) {
        problems.push('bugLines: line numbers within the file');
      }
      break;
    }
    case 'capacity-number':
      checkNumbers(raw.settings, 'settings', problems);
      if (!isOneOf(raw.field, CAPACITY_RESULT_FIELDS))
        problems.push('field is not a capacity result');
      if (raw.workerClass !== 'sync' && raw.workerClass !== 'gthread')
        problems.push('workerClass: sync or gthread');
      break;
    case 'capacity-goal': {
      checkNumbers(raw.settings, 'settings', problems);
      const editable = raw.editable;
      if (!Array.isArray(editable) || editable.length === 0) {
        problems.push('editable: at least one field');
        return;
      }
      for (const range of editable) {
        if (
          !isRecord(range) ||
          !isOneOf(range.field, CAPACITY_FIELDS) ||
          typeof range.min !== 'number' ||
          typeof range.max !== 'number' ||
          range.min > range.max
        ) {
          problems.push('each editable entry needs a capacity field and min ≤ max');
        }
      }
      break;
    }
    case 'proxy-count':
    case 'proxy-goal': {
      const chain = raw.chain;
      if (
        !Array.isArray(chain) ||
        chain.length < 1 ||
        chain.length > 5 ||
        !chain.every((hop) => isOneOf(hop, HOP_KINDS))
      ) {
        problems.push('chain: 1 to 5 known hops');
      }
      if (!isText(raw.clientIp, 45)) problems.push('clientIp is required');
      break;
    }
    case 'shutdown-goal': {
      const start = raw.start;
      if (!isRecord(start) || !isOneOf(start.pid1, PID1_MODES))
        problems.push('start needs a pid1 mode');
      if (!isIntIn(raw.longestRequestSeconds, 1, 110))
        problems.push('longestRequestSeconds: 1–110');
      if (!isIntIn(raw.maxStopSeconds, 5, 600)) problems.push('maxStopSeconds: 5–600');
      if (!isIntIn(raw.seed, 0, 0xffffffff)) problems.push('seed: a 32-bit integer');
      break;
    }
    case 'dockerfile-goal':
      if (!isText(raw.start, 20_000)) problems.push('start: the Dockerfile to fix');
      break;
    default:
      problems.push(`unknown kind ${String(raw.kind)}`);
  }
}

/** Problems with `raw` as an exercise (empty when it is valid). */
export function findExerciseProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return ['an exercise must be an object'];
  const problems: string[] = [];
  if (!isText(raw.id, 80) || !ID_PATTERN.test(raw.id)) problems.push('id must be kebab-case');
  if (!isOneOf(raw.kind, KINDS)) problems.push('kind is not known');
  if (!isOneOf(raw.chapter, EXERCISE_CHAPTERS))
    problems.push('chapter is not a chapter with exercises');
  if (!isText(raw.title, 120)) problems.push('title is required (≤ 120 characters)');
  if (!isText(raw.prompt)) problems.push('prompt is required');
  if (!isTextList(raw.hints, 1, 5)) problems.push('hints: 1 to 5 hints');
  if (!isText(raw.explanation)) problems.push('explanation is required');
  if (
    !Array.isArray(raw.docs) ||
    !raw.docs.every(
      (doc) =>
        isRecord(doc) &&
        isText(doc.label, 120) &&
        typeof doc.url === 'string' &&
        doc.url.startsWith('https://'),
    )
  ) {
    problems.push('docs: links with a label and an https URL');
  }
  if (!isIntIn(raw.minutes, 1, 60)) problems.push('minutes: 1–60');
  if (raw.rubric !== undefined) {
    const rubric = raw.rubric;
    if (
      !isRecord(rubric) ||
      !isText(rubric.strong) ||
      !isText(rubric.acceptable) ||
      !isText(rubric.weak)
    ) {
      problems.push('rubric needs strong, acceptable and weak');
    }
  }
  if (raw.followUps !== undefined && !isTextList(raw.followUps, 1, 6))
    problems.push('followUps: 1 to 6 questions');
  if (raw.variant !== undefined && !isOneOf(raw.variant, VARIANT_KINDS))
    problems.push('variant is not a known generator');
  if (!isRecord(raw.solution)) problems.push('solution is required');
  if (problems.length > 0) return problems;
  checkKindFields(raw, problems);
  if (problems.length > 0) return problems;
  // The stored solution must pass its own checker: a data file cannot ship an unsolvable task.
  try {
    const exercise = raw as unknown as Exercise;
    if (!checkAnswer(exercise, exercise.solution).correct)
      problems.push('the solution does not pass the checker');
  } catch (error) {
    problems.push(
      `the checker failed: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  }
  return problems;
}

/** The exercise, typed, or null when `raw` is not a valid one. */
export function validateExercise(raw: unknown): Exercise | null {
  return findExerciseProblems(raw).length === 0 ? (raw as Exercise) : null;
}

/** Problems across a whole list: per-exercise ones plus duplicate ids. */
export function findExerciseListProblems(list: readonly unknown[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  list.forEach((raw, index) => {
    const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : `#${index}`;
    for (const problem of findExerciseProblems(raw)) problems.push(`${id}: ${problem}`);
    if (ids.has(id)) problems.push(`${id}: duplicate id`);
    ids.add(id);
  });
  return problems;
}
