import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const shutdownExercises: readonly Exercise[] = [
  {
    id: 'shutdown-zero-lost',
    kind: 'shutdown-goal',
    variant: 'shutdown-goal',
    chapter: '/graceful-shutdown/',
    title: 'Make this ECS deploy lose zero requests',
    prompt:
      'An ECS service behind an ALB serves ten short requests a second with 8 sync workers, plus reports that take as long as shown below. Someone shortened the deregistration delay to speed up deploys. Change the settings so a deploy loses no request, the container exits by itself (exit 0), and the old task is gone within the time limit.',
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
    hints: [
      'On ECS the ALB drains first; SIGTERM comes after the deregistration delay.',
      'What happens to a request still running when the delay ends?',
      'Who is PID 1 with a shell-form CMD on python:*-slim, and does it pass SIGTERM on?',
    ],
    explanation:
      'ECS deregisters the task and the ALB drains it for the deregistration delay; requests still in flight when it ends get a 502. Then ECS sends SIGTERM and, stopTimeout later, SIGKILL. Drain longer than the longest request, let Gunicorn be PID 1 (exec form) so SIGTERM reaches it, and keep graceful_timeout below stopTimeout.',
    docs: [DOC.albDeregistration, DOC.ecsStopTimeout, DOC.gunicornSignals, DOC.dockerCmd],
    minutes: 8,
    rubric: {
      strong:
        'Orders the limits (deregistration delay ≥ longest request; graceful_timeout < stopTimeout ≤ 120 s on Fargate), fixes PID 1, and contrasts ECS’s drain-first order with Kubernetes’ race.',
      acceptable: 'Reaches zero lost requests with a sensible reason for each change.',
      weak: 'Turns knobs at random, or sets everything to the maximum without seeing the deploy-time cost.',
    },
    followUps: [
      'What changes on Kubernetes, where endpoints are removed while SIGTERM is sent?',
      'Why not simply set the deregistration delay to 300 s?',
    ],
  },
  {
    id: 'shutdown-shell-form',
    kind: 'choice',
    chapter: '/graceful-shutdown/',
    title: 'Shell-form CMD and SIGTERM',
    prompt:
      'The image is `python:3.12-slim` and ends with `CMD gunicorn -c gunicorn.conf.py app:app`. What happens on `docker stop`?',
    options: [
      { id: 'graceful', text: 'Gunicorn gets SIGTERM and finishes in-flight requests.' },
      {
        id: 'killed',
        text: '/bin/sh (dash) is PID 1 and does not forward SIGTERM; Gunicorn never hears it and is SIGKILLed when the timeout runs out.',
      },
      { id: 'immediate', text: 'The container exits at once because the shell exits.' },
    ],
    solution: { kind: 'choice', optionId: 'killed' },
    hints: ['Shell form runs the command under `/bin/sh -c`.', 'On Debian, /bin/sh is dash.'],
    explanation:
      'Shell form makes `/bin/sh -c` PID 1. Debian’s dash does not exec the last command and does not forward signals, so nothing drains and the container is killed at the deadline (exit 137). Use exec form, or `exec gunicorn …`.',
    docs: [DOC.dockerCmd, DOC.gunicornSignals],
    minutes: 2,
  },
  {
    id: 'shutdown-find-bug-liveness',
    kind: 'find-bug',
    chapter: '/graceful-shutdown/',
    title: 'Find the bug in the probes',
    prompt:
      'A slow database makes this Deployment restart its pods in a loop. Which line is the bug?',
    fileName: 'deployment.yaml (excerpt)',
    lines: [
      'readinessProbe:',
      '  httpGet: { path: /ready, port: 8000 }',
      '  periodSeconds: 5',
      'livenessProbe:',
      '  httpGet: { path: /ready, port: 8000 }',
      '  periodSeconds: 10',
      '  failureThreshold: 3',
    ],
    bugLines: [5],
    solution: { kind: 'find-bug', line: 5 },
    hints: [
      'Which endpoint checks the database?',
      'What does a failed liveness probe do, compared with a failed readiness probe?',
    ],
    explanation:
      'Liveness points at `/ready`, which checks the database. A slow database then fails liveness and the kubelet restarts healthy processes — a restart loop. Liveness should hit a cheap `/health` that only says the process is alive.',
    docs: [DOC.k8sProbes],
    minutes: 2,
    rubric: {
      strong:
        'Finds line 5 and explains readiness (stop routing) vs liveness (restart), with a cheap /health, and adds that on ECS there is no readiness probe: the ALB target-group check replaces tasks, so it must stay cheap too.',
      acceptable: 'Finds line 5.',
      weak: 'Blames the period or threshold, or moves the database check into the ALB health check on ECS.',
    },
    followUps: [
      'The same service moves to ECS behind an ALB. Which path should the target group health check call, and why?',
    ],
  },
];
