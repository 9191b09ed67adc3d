import { describe, expect, it } from 'vitest';
import { checkAnswer, normalizeTextAnswer, SPOOFED_IP } from './check';
import { buildChainEnviron } from './proxy-chain';
import type {
  CapacityGoalExercise,
  DockerfileGoalExercise,
  ProxyCountExercise,
  ProxyGoalExercise,
  ShutdownGoalExercise,
  TextExercise,
} from './types';
import { renderDockerfile } from './variants';

const base = {
  title: 't',
  prompt: 'p',
  hints: ['h'],
  explanation: 'e',
  docs: [],
  minutes: 1,
} as const;

const count = (chain: ProxyCountExercise['chain']): ProxyCountExercise => ({
  ...base,
  id: 'c',
  kind: 'proxy-count',
  chapter: '/reverse-proxies/',
  chain,
  clientIp: '203.0.113.7',
  solution: { kind: 'number', value: chain.length },
});

describe('proxy-count checker (runs ProxyFix on the chain)', () => {
  it('accepts one trusted value per appending proxy', () => {
    expect(checkAnswer(count(['alb']), { kind: 'number', value: 1 }).correct).toBe(true);
    expect(checkAnswer(count(['cloudfront', 'alb']), { kind: 'number', value: 2 }).correct).toBe(
      true,
    );
  });

  it('rejects one too many (the client’s forged value wins) and one too few (a proxy address)', () => {
    const cf = count(['cloudfront', 'alb']);
    const tooMany = checkAnswer(cf, { kind: 'number', value: 3 });
    expect(tooMany.correct).toBe(false);
    expect(tooMany.feedback.join(' ')).toContain(SPOOFED_IP);
    expect(checkAnswer(cf, { kind: 'number', value: 1 }).correct).toBe(false);
    expect(checkAnswer(cf, { kind: 'number', value: 0 }).correct).toBe(false);
  });

  it('rejects junk numbers without throwing', () => {
    for (const value of [NaN, Infinity, -1, 1.5, 1e9]) {
      expect(checkAnswer(count(['alb']), { kind: 'number', value }).correct).toBe(false);
    }
  });

  it('builds the header the way the proxies append it', () => {
    const environ = buildChainEnviron(['cloudfront', 'alb'], {
      clientIp: '203.0.113.7',
      spoofedFor: '1.1.1.1',
      spoofedProto: null,
    });
    expect(environ.HTTP_X_FORWARDED_FOR).toBe('1.1.1.1,203.0.113.7, 130.176.10.20');
    expect(environ.HTTP_X_FORWARDED_PROTO).toBe('https');
  });
});

describe('proxy-goal checker', () => {
  const goal = (chain: ProxyGoalExercise['chain']): ProxyGoalExercise => ({
    ...base,
    id: 'g',
    kind: 'proxy-goal',
    chapter: '/reverse-proxies/',
    chain,
    clientIp: '198.51.100.23',
    solution: { kind: 'proxy', x_for: 1, x_proto: 1 },
  });

  it('needs the client address, no spoofing, and https', () => {
    expect(checkAnswer(goal(['alb']), { kind: 'proxy', x_for: 1, x_proto: 1 }).correct).toBe(true);
    expect(checkAnswer(goal(['alb']), { kind: 'proxy', x_for: 1, x_proto: 0 }).correct).toBe(false);
    expect(checkAnswer(goal(['alb']), { kind: 'proxy', x_for: 2, x_proto: 1 }).correct).toBe(false);
    expect(checkAnswer(goal(['alb']), { kind: 'proxy', x_for: 0, x_proto: 1 }).correct).toBe(false);
  });

  it('says when nginx behind an ALB has overwritten the scheme with http', () => {
    const result = checkAnswer(goal(['alb', 'nginx']), { kind: 'proxy', x_for: 2, x_proto: 1 });
    expect(result.correct).toBe(false);
    expect(result.feedback.join(' ')).toContain('scheme is http');
  });
});

describe('capacity-goal checker (runs computeCapacity)', () => {
  const exercise: CapacityGoalExercise = {
    ...base,
    id: 'cap',
    kind: 'capacity-goal',
    chapter: '/the-container/',
    settings: {
      tasks: 6,
      workers: 8,
      otherConnections: 5,
      maxConnections: 100,
      maximumPercent: 200,
    },
    editable: [
      { field: 'workers', min: 8, max: 12 },
      { field: 'maximumPercent', min: 100, max: 200 },
    ],
    solution: { kind: 'capacity', values: { workers: 8, maximumPercent: 150 } },
  };

  it('accepts a smaller surge that fits and rejects the full 200 % surge', () => {
    expect(
      checkAnswer(exercise, { kind: 'capacity', values: { maximumPercent: 150 } }).correct,
    ).toBe(true);
    expect(
      checkAnswer(exercise, { kind: 'capacity', values: { maximumPercent: 200 } }).correct,
    ).toBe(false);
  });

  it('rejects a surge so small that ECS cannot start a new task', () => {
    const result = checkAnswer(exercise, { kind: 'capacity', values: { maximumPercent: 100 } });
    expect(result.correct).toBe(false);
  });

  it('rejects values outside the editable range (fewer workers than required)', () => {
    expect(
      checkAnswer(exercise, { kind: 'capacity', values: { workers: 2, maximumPercent: 200 } })
        .correct,
    ).toBe(false);
    expect(checkAnswer(exercise, { kind: 'capacity', values: { workers: NaN } }).correct).toBe(
      false,
    );
  });
});

describe('shutdown-goal checker (runs simulateShutdown)', () => {
  const exercise: ShutdownGoalExercise = {
    ...base,
    id: 'sd',
    kind: 'shutdown-goal',
    chapter: '/graceful-shutdown/',
    start: {
      pid1: 'shell-form-dash',
      deregistrationDelaySeconds: 5,
      gracefulTimeoutSeconds: 30,
      stopTimeoutSeconds: 30,
    },
    longestRequestSeconds: 20,
    maxStopSeconds: 70,
    seed: 1,
    solution: {
      kind: 'shutdown',
      settings: {
        pid1: 'exec-form',
        deregistrationDelaySeconds: 25,
        gracefulTimeoutSeconds: 25,
        stopTimeoutSeconds: 30,
      },
    },
  };
  const good = exercise.solution.settings;

  it('accepts draining longer than the longest request with Gunicorn as PID 1', () => {
    expect(checkAnswer(exercise, { kind: 'shutdown', settings: good }).correct).toBe(true);
  });

  it('rejects a drain shorter than the longest request (502s)', () => {
    const result = checkAnswer(exercise, {
      kind: 'shutdown',
      settings: { ...good, deregistrationDelaySeconds: 5 },
    });
    expect(result.correct).toBe(false);
  });

  it('rejects dash as PID 1 (SIGKILL, exit 137) even when nothing is lost', () => {
    const result = checkAnswer(exercise, {
      kind: 'shutdown',
      settings: { ...good, pid1: 'shell-form-dash' },
    });
    expect(result.correct).toBe(false);
  });

  it('rejects the 300 s default drain: nothing lost, but the deploy crawls', () => {
    const result = checkAnswer(exercise, {
      kind: 'shutdown',
      settings: { ...good, deregistrationDelaySeconds: 300 },
    });
    expect(result.correct).toBe(false);
  });

  it('rejects a stopTimeout beyond Fargate’s 120 s', () => {
    expect(
      checkAnswer(exercise, { kind: 'shutdown', settings: { ...good, stopTimeoutSeconds: 600 } })
        .correct,
    ).toBe(false);
  });
});

describe('dockerfile-goal checker (runs checkDockerfile)', () => {
  const parts = { python: '3.12', module: 'shop', port: 8000, user: 'appuser' };
  const exercise: DockerfileGoalExercise = {
    ...base,
    id: 'df',
    kind: 'dockerfile-goal',
    chapter: '/the-container/',
    start: renderDockerfile({ ...parts, bugs: ['dev-server'] }),
    solution: { kind: 'text', text: renderDockerfile({ ...parts, bugs: [] }) },
  };

  it('accepts the guide’s image', () => {
    expect(checkAnswer(exercise, { kind: 'text', text: exercise.solution.text }).correct).toBe(
      true,
    );
  });

  it.each(['dev-server', 'shell-form', 'root', 'debug', 'secret'] as const)(
    'rejects an image with the %s bug',
    (bug) => {
      expect(
        checkAnswer(exercise, { kind: 'text', text: renderDockerfile({ ...parts, bugs: [bug] }) })
          .correct,
      ).toBe(false);
    },
  );

  it('rejects an empty file, binary junk and a file that no longer starts Gunicorn', () => {
    expect(checkAnswer(exercise, { kind: 'text', text: '' }).correct).toBe(false);
    expect(checkAnswer(exercise, { kind: 'text', text: '\u0000\u0001\u0002garbage' }).correct).toBe(
      false,
    );
    expect(
      checkAnswer(exercise, {
        kind: 'text',
        text: 'FROM python:3.12-slim\nUSER 10001\nCMD ["sleep", "infinity"]\n',
      }).correct,
    ).toBe(false);
    expect(checkAnswer(exercise, { kind: 'text', text: 'x'.repeat(1_000_000) }).correct).toBe(
      false,
    );
  });
});

describe('text answers', () => {
  const exercise: TextExercise = {
    ...base,
    id: 't',
    kind: 'text',
    chapter: '/gunicorn/',
    accept: ['--access-logfile -'],
    multiline: false,
    solution: { kind: 'text', text: '--access-logfile -' },
  };

  it('ignores case, spacing and quote style but not the content', () => {
    expect(normalizeTextAnswer('  GUNICORN   "app:create_app()" ')).toBe(
      normalizeTextAnswer("gunicorn 'app:create_app()'"),
    );
    expect(checkAnswer(exercise, { kind: 'text', text: ' --access-logfile   - ' }).correct).toBe(
      true,
    );
    expect(checkAnswer(exercise, { kind: 'text', text: '--error-logfile -' }).correct).toBe(false);
    expect(checkAnswer(exercise, { kind: 'text', text: '' }).correct).toBe(false);
  });

  it('rejects an answer of the wrong shape', () => {
    expect(checkAnswer(exercise, { kind: 'number', value: 1 }).correct).toBe(false);
  });
});
