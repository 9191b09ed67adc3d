/**
 * The shape of an exercise. Exercises are data (src/training/exercises/*.ts), checked by
 * `validateExercise` in schema.ts before anything renders them; the checkers in check.ts are
 * pure functions of (exercise, answer) that call the same src/sim code the widgets run.
 */

/** The chapters that carry exercises (URL paths with the trailing slash the site uses). */
export const EXERCISE_CHAPTERS = [
  '/development-server/',
  '/choosing-a-wsgi-server/',
  '/gunicorn/',
  '/reverse-proxies/',
  '/the-container/',
  '/graceful-shutdown/',
  '/async-views/',
] as const;
export type ExerciseChapter = (typeof EXERCISE_CHAPTERS)[number];

/** A proxy in front of Gunicorn, in the order a request passes through them. */
export const HOP_KINDS = ['cloudfront', 'alb', 'nginx'] as const;
export type HopKind = (typeof HOP_KINDS)[number];

/** What an interviewer should listen for. */
export interface Rubric {
  readonly strong: string;
  readonly acceptable: string;
  readonly weak: string;
}

export interface DocLink {
  readonly label: string;
  readonly url: string;
}

/** Which seeded generator makes interview variants of an exercise (variants.ts). */
export const VARIANT_KINDS = [
  'proxy-count',
  'proxy-goal',
  'capacity-number',
  'capacity-goal',
  'shutdown-goal',
  'dockerfile-goal',
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

interface ExerciseBase {
  /** Stable, kebab-case; stored in progress and interview links, so never renamed. */
  readonly id: string;
  readonly chapter: ExerciseChapter;
  readonly title: string;
  /** Plain text; blank lines separate paragraphs, `backticks` mark code. */
  readonly prompt: string;
  /** Revealed one at a time, from a nudge to nearly the answer. */
  readonly hints: readonly string[];
  /** Shown after a correct answer (and beside the solution). */
  readonly explanation: string;
  readonly docs: readonly DocLink[];
  /** Interview use: minutes a prepared candidate needs. */
  readonly minutes: number;
  readonly rubric?: Rubric;
  readonly followUps?: readonly string[];
  /** Present when interview mode can make seeded variants of this exercise. */
  readonly variant?: VariantKind;
}

export interface ChoiceOption {
  readonly id: string;
  readonly text: string;
}

export interface ChoiceExercise extends ExerciseBase {
  readonly kind: 'choice';
  readonly options: readonly ChoiceOption[];
  readonly solution: { readonly kind: 'choice'; readonly optionId: string };
}

export interface TextExercise extends ExerciseBase {
  readonly kind: 'text';
  /** Answers that count, compared after normalizeTextAnswer (check.ts). */
  readonly accept: readonly string[];
  readonly multiline: boolean;
  readonly solution: { readonly kind: 'text'; readonly text: string };
}

export interface FindBugExercise extends ExerciseBase {
  readonly kind: 'find-bug';
  /** What the lines are (for the label), e.g. 'Dockerfile', 'gunicorn.conf.py'. */
  readonly fileName: string;
  readonly lines: readonly string[];
  /** 1-based line numbers that are the bug (any one of them counts). */
  readonly bugLines: readonly number[];
  readonly solution: { readonly kind: 'find-bug'; readonly line: number };
}

/** The numeric capacity settings an exercise may set or let the learner edit. */
export const CAPACITY_FIELDS = [
  'vcpus',
  'workers',
  'threads',
  'poolSize',
  'maxOverflow',
  'tasks',
  'maximumPercent',
  'minimumHealthyPercent',
  'otherConnections',
  'maxConnections',
  'containerMemoryMiB',
] as const;
export type CapacityField = (typeof CAPACITY_FIELDS)[number];
export type CapacityValues = Partial<Record<CapacityField, number>>;

/** Figures of computeCapacity's result a question may ask for. */
export const CAPACITY_RESULT_FIELDS = [
  'guidePoolSizeProduct',
  'poolCapacity',
  'steadyPeak',
  'deployPeak',
  'deployTasks',
  'available',
] as const;
export type CapacityResultField = (typeof CAPACITY_RESULT_FIELDS)[number];

export interface CapacityNumberExercise extends ExerciseBase {
  readonly kind: 'capacity-number';
  readonly settings: CapacityValues;
  readonly workerClass: 'sync' | 'gthread';
  readonly field: CapacityResultField;
  readonly solution: { readonly kind: 'number'; readonly value: number };
}

export interface EditableRange {
  readonly field: CapacityField;
  readonly min: number;
  readonly max: number;
}

export interface CapacityGoalExercise extends ExerciseBase {
  readonly kind: 'capacity-goal';
  /** Fixed settings; the editable fields start at these values too. */
  readonly settings: CapacityValues;
  readonly editable: readonly EditableRange[];
  readonly solution: { readonly kind: 'capacity'; readonly values: CapacityValues };
}

export interface ProxyCountExercise extends ExerciseBase {
  readonly kind: 'proxy-count';
  readonly chain: readonly HopKind[];
  readonly clientIp: string;
  readonly solution: { readonly kind: 'number'; readonly value: number };
}

export interface ProxyGoalExercise extends ExerciseBase {
  readonly kind: 'proxy-goal';
  readonly chain: readonly HopKind[];
  readonly clientIp: string;
  readonly solution: {
    readonly kind: 'proxy';
    readonly x_for: number;
    readonly x_proto: number;
  };
}

export const PID1_MODES = ['exec-form', 'shell-form-dash', 'shell-form-exec', 'init'] as const;
export type ExercisePid1 = (typeof PID1_MODES)[number];

export interface ShutdownSettings {
  readonly pid1: ExercisePid1;
  readonly deregistrationDelaySeconds: number;
  readonly gracefulTimeoutSeconds: number;
  readonly stopTimeoutSeconds: number;
}

export interface ShutdownGoalExercise extends ExerciseBase {
  readonly kind: 'shutdown-goal';
  /** The settings the learner starts from. */
  readonly start: ShutdownSettings;
  /** The longest request the service serves (one request in a hundred takes this long). */
  readonly longestRequestSeconds: number;
  /** The deploy must also finish: the old task must be gone this soon after the stop. */
  readonly maxStopSeconds: number;
  readonly seed: number;
  readonly solution: { readonly kind: 'shutdown'; readonly settings: ShutdownSettings };
}

export interface DockerfileGoalExercise extends ExerciseBase {
  readonly kind: 'dockerfile-goal';
  readonly start: string;
  readonly solution: { readonly kind: 'text'; readonly text: string };
}

export type Exercise =
  | ChoiceExercise
  | TextExercise
  | FindBugExercise
  | CapacityNumberExercise
  | CapacityGoalExercise
  | ProxyCountExercise
  | ProxyGoalExercise
  | ShutdownGoalExercise
  | DockerfileGoalExercise;

export type ExerciseKind = Exercise['kind'];

/** What a learner submits; each exercise kind takes one of these shapes. */
export type Answer =
  | { readonly kind: 'choice'; readonly optionId: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'find-bug'; readonly line: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'capacity'; readonly values: CapacityValues }
  | { readonly kind: 'proxy'; readonly x_for: number; readonly x_proto: number }
  | { readonly kind: 'shutdown'; readonly settings: ShutdownSettings };

export interface CheckResult {
  readonly correct: boolean;
  /** One or more sentences saying what the simulation saw, right or wrong. */
  readonly feedback: readonly string[];
}
