/**
 * Checkers: pure functions from (exercise, answer) to a verdict with feedback. Goal exercises
 * run the same simulations the widgets run (ProxyFix, the capacity calculator, the shutdown
 * simulation, the Dockerfile checker), so an answer is right when the model says the goal is
 * reached, not when it equals a stored string.
 */
import { computeCapacity, type CapacityInput } from '../capacity/capacity';
import { proxyFix } from '../proxy/proxy-fix';
import { createDefaultScenario, type ShutdownScenario } from '../shutdown/scenario';
import { simulateShutdown } from '../shutdown/shutdown';
import '../proxy/with-nameprep-data';
import { checkDockerfileForExercise } from './dockerfile-goal';
import { buildChainEnviron, describeHop } from './proxy-chain';

export { describeSolution } from './describe-solution';
import type {
  Answer,
  CapacityGoalExercise,
  CapacityValues,
  CheckResult,
  Exercise,
  ProxyCountExercise,
  ProxyGoalExercise,
  ShutdownGoalExercise,
  ShutdownSettings,
} from './types';

/** The forged address a client puts in its own X-Forwarded-For in every proxy check. */
export const SPOOFED_IP = '6.6.6.6';

/**
 * Text answers compare without case, surrounding space, runs of spaces, trailing semicolons,
 * or the kind of quotes (so `gunicorn "app:create_app()"` equals `gunicorn 'app:create_app()'`).
 */
export function normalizeTextAnswer(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201c\u201d"]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/;+$/, '')
    .trim()
    .toLowerCase();
}

function wrongKind(): CheckResult {
  return { correct: false, feedback: ['That answer does not fit this exercise.'] };
}

/** Whole number, finite, within a sane range; null otherwise. */
function cleanInteger(value: number, min: number, max: number): number | null {
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

function checkProxyCount(exercise: ProxyCountExercise, xFor: number): CheckResult {
  const count = cleanInteger(xFor, 0, 20);
  if (count === null) return { correct: false, feedback: ['Give a whole number from 0 to 20.'] };
  const honest = proxyFix(
    buildChainEnviron(exercise.chain, {
      clientIp: exercise.clientIp,
      spoofedFor: null,
      spoofedProto: null,
    }),
    { x_for: count, x_proto: 0 },
  ).environ.REMOTE_ADDR;
  const forged = proxyFix(
    buildChainEnviron(exercise.chain, {
      clientIp: exercise.clientIp,
      spoofedFor: SPOOFED_IP,
      spoofedProto: null,
    }),
    { x_for: count, x_proto: 0 },
  ).environ.REMOTE_ADDR;
  const feedback = [
    `With x_for=${count}, an honest request gets remote_addr ${honest ?? '(none)'}; one whose client forged X-Forwarded-For: ${SPOOFED_IP} gets ${forged ?? '(none)'}.`,
  ];
  if (honest !== exercise.clientIp) {
    feedback.push(
      honest === SPOOFED_IP
        ? 'That trusts a value the client wrote.'
        : 'That is a proxy’s address, not the client’s: count again.',
    );
    return { correct: false, feedback };
  }
  if (forged !== exercise.clientIp) {
    feedback.push(
      'A client can still choose its own address: the count trusts one value too many.',
    );
    return { correct: false, feedback };
  }
  return { correct: true, feedback };
}

function checkProxyGoal(exercise: ProxyGoalExercise, xFor: number, xProto: number): CheckResult {
  const forCount = cleanInteger(xFor, 0, 20);
  const protoCount = cleanInteger(xProto, 0, 20);
  if (forCount === null || protoCount === null) {
    return { correct: false, feedback: ['Each count must be a whole number from 0 to 20.'] };
  }
  const options = { x_for: forCount, x_proto: protoCount };
  const honest = proxyFix(
    buildChainEnviron(exercise.chain, {
      clientIp: exercise.clientIp,
      spoofedFor: null,
      spoofedProto: null,
    }),
    options,
  ).environ;
  const forged = proxyFix(
    buildChainEnviron(exercise.chain, {
      clientIp: exercise.clientIp,
      spoofedFor: SPOOFED_IP,
      spoofedProto: 'https',
    }),
    options,
  ).environ;
  const feedback: string[] = [];
  let correct = true;
  if (honest.REMOTE_ADDR === exercise.clientIp) {
    feedback.push(`remote_addr is the client’s address (${exercise.clientIp}).`);
  } else {
    correct = false;
    feedback.push(
      `remote_addr is ${honest.REMOTE_ADDR ?? '(none)'}, not the client’s ${exercise.clientIp}.`,
    );
  }
  if (forged.REMOTE_ADDR === exercise.clientIp) {
    feedback.push(`A forged X-Forwarded-For: ${SPOOFED_IP} changes nothing.`);
  } else {
    correct = false;
    feedback.push(
      `A client that sends X-Forwarded-For: ${SPOOFED_IP} gets remote_addr ${forged.REMOTE_ADDR ?? '(none)'}.`,
    );
  }
  const scheme = honest['wsgi.url_scheme'];
  if (scheme === 'https') {
    feedback.push('request.scheme is https, so secure cookies and external URLs work.');
  } else {
    correct = false;
    feedback.push(
      `request.scheme is ${scheme ?? '(none)'}: url_for(_external=True) builds http:// links.`,
    );
  }
  return { correct, feedback };
}

function capacityInput(values: CapacityValues): CapacityInput {
  return { ...values };
}

function checkCapacityGoal(exercise: CapacityGoalExercise, values: CapacityValues): CheckResult {
  const merged: Record<string, number> = { ...exercise.settings };
  for (const range of exercise.editable) {
    const value = values[range.field];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      return {
        correct: false,
        feedback: [`${range.field} must be a whole number from ${range.min} to ${range.max}.`],
      };
    }
    merged[range.field] = value;
  }
  const result = computeCapacity(capacityInput(merged));
  const feedback = [
    `Peak during a deploy: ${result.deployTotal} connections for ${result.available} usable slots (steady: ${result.steadyTotal}).`,
  ];
  const stuck = result.warnings.some((warning) => warning.code === 'deploy-cannot-progress');
  if (stuck) {
    feedback.push('ECS could not start a single new task within these deployment limits.');
    return { correct: false, feedback };
  }
  if (result.verdict !== 'fits') {
    feedback.push(
      result.verdict === 'exceeds'
        ? 'Even the steady state needs more connections than PostgreSQL allows.'
        : 'The steady state fits, but the rolling deploy pushes it over the limit.',
    );
    return { correct: false, feedback };
  }
  feedback.push('Everything fits, the deploy included.');
  return { correct: true, feedback };
}

/** The shutdown scenario an exercise's settings describe (an ECS service behind an ALB). */
export function buildShutdownScenario(
  exercise: Pick<ShutdownGoalExercise, 'longestRequestSeconds' | 'seed'>,
  settings: ShutdownSettings,
): ShutdownScenario {
  const scenario = createDefaultScenario();
  scenario.seed = exercise.seed;
  scenario.platform = 'ecs-service';
  scenario.container.pid1 = settings.pid1;
  scenario.ecs.deregistrationDelaySeconds = settings.deregistrationDelaySeconds;
  scenario.ecs.stopTimeoutSeconds = settings.stopTimeoutSeconds;
  scenario.gunicorn.gracefulTimeoutSeconds = settings.gracefulTimeoutSeconds;
  // Enough sync workers for the load (about 4 busy on average), so only the stop loses requests.
  scenario.gunicorn.workers = 8;
  // Deterministic traffic, so every variant has a long request in flight when the stop comes:
  // a short request every 0.1 s, and a long one every half of its own duration.
  const requests: { arriveAtSeconds: number; durationSeconds: number }[] = [];
  for (let tenth = 0; tenth < 600; tenth += 1)
    requests.push({ arriveAtSeconds: tenth / 10, durationSeconds: 0.2 });
  const longEvery = exercise.longestRequestSeconds / 2;
  for (let at = 0; at < 60; at += longEvery)
    requests.push({ arriveAtSeconds: at, durationSeconds: exercise.longestRequestSeconds });
  requests.sort((a, b) => a.arriveAtSeconds - b.arriveAtSeconds);
  scenario.requests = requests;
  return scenario;
}

/** ECS accepts a container stopTimeout of 2–120 s on Fargate (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html); the delay 0–3600 s. */
const SHUTDOWN_RANGES = {
  deregistrationDelaySeconds: [0, 3600],
  gracefulTimeoutSeconds: [0, 3600],
  stopTimeoutSeconds: [2, 120],
} as const;

function checkShutdownGoal(
  exercise: ShutdownGoalExercise,
  settings: ShutdownSettings,
): CheckResult {
  for (const key of Object.keys(SHUTDOWN_RANGES) as (keyof typeof SHUTDOWN_RANGES)[]) {
    const [min, max] = SHUTDOWN_RANGES[key];
    const value = settings[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      return { correct: false, feedback: [`${key} must be a whole number from ${min} to ${max}.`] };
    }
  }
  const result = simulateShutdown(buildShutdownScenario(exercise, settings));
  const { summary } = result;
  const feedback = [summary.verdict];
  let correct = true;
  if (summary.failed > 0) correct = false;
  if (summary.exitCode !== 0) {
    correct = false;
    feedback.push('The container did not exit by itself: it was killed (exit 137).');
  }
  if (summary.timeToStopMs === null || summary.timeToStopMs > exercise.maxStopSeconds * 1000) {
    correct = false;
    feedback.push(
      `The old task must be gone within ${exercise.maxStopSeconds} s of the stop, or deploys crawl.`,
    );
  }
  if (correct) feedback.push('Zero requests lost, a clean exit, and a deploy that moves on.');
  return { correct, feedback };
}

/** Decide whether `answer` solves `exercise`. Never throws on any input. */
export function checkAnswer(exercise: Exercise, answer: Answer): CheckResult {
  switch (exercise.kind) {
    case 'choice': {
      if (answer.kind !== 'choice') return wrongKind();
      const correct = answer.optionId === exercise.solution.optionId;
      return { correct, feedback: [correct ? 'Right.' : 'Not this one.'] };
    }
    case 'text': {
      if (answer.kind !== 'text') return wrongKind();
      const given = normalizeTextAnswer(answer.text);
      const correct = exercise.accept.some((accepted) => normalizeTextAnswer(accepted) === given);
      return {
        correct,
        feedback: [correct ? 'Right.' : given === '' ? 'Type an answer first.' : 'Not quite.'],
      };
    }
    case 'find-bug': {
      if (answer.kind !== 'find-bug') return wrongKind();
      const correct = exercise.bugLines.includes(answer.line);
      return {
        correct,
        feedback: [
          correct ? `Line ${answer.line} is the bug.` : `Line ${answer.line} is fine as it is.`,
        ],
      };
    }
    case 'capacity-number': {
      if (answer.kind !== 'number') return wrongKind();
      const result = computeCapacity({
        ...capacityInput(exercise.settings),
        workerClass: exercise.workerClass,
      });
      const expected = result[exercise.field];
      const correct = Number.isFinite(answer.value) && answer.value === expected;
      return {
        correct,
        feedback: [correct ? 'Right.' : 'The calculator gets a different figure.'],
      };
    }
    case 'capacity-goal':
      return answer.kind === 'capacity' ? checkCapacityGoal(exercise, answer.values) : wrongKind();
    case 'proxy-count':
      return answer.kind === 'number' ? checkProxyCount(exercise, answer.value) : wrongKind();
    case 'proxy-goal':
      return answer.kind === 'proxy'
        ? checkProxyGoal(exercise, answer.x_for, answer.x_proto)
        : wrongKind();
    case 'shutdown-goal':
      return answer.kind === 'shutdown'
        ? checkShutdownGoal(exercise, answer.settings)
        : wrongKind();
    case 'dockerfile-goal':
      return answer.kind === 'text' ? checkDockerfileForExercise(answer.text) : wrongKind();
  }
}

/** The chain in words, e.g. "client → CloudFront → ALB (HTTPS listener) → Gunicorn". */
export function describeChain(chain: readonly Parameters<typeof describeHop>[0][]): string {
  return ['client', ...chain.map(describeHop), 'Gunicorn'].join(' → ');
}
