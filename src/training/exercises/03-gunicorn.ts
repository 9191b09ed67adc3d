import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const gunicornExercises: readonly Exercise[] = [
  {
    id: 'gunicorn-workers-start',
    kind: 'choice',
    chapter: '/gunicorn/',
    title: 'How many workers to start with',
    prompt:
      'A task has 4 vCPUs and runs sync workers. Gunicorn is started without `--workers`. What should change?',
    options: [
      { id: 'keep', text: 'Nothing: Gunicorn picks one worker per CPU by default.' },
      {
        id: 'start-8-9',
        text: 'Gunicorn runs a single worker by default; start around 2 × CPU (8, or 9 by Gunicorn’s 2 × cores + 1), then load-test within the memory limit.',
      },
      { id: 'max', text: 'Set 64 workers: more workers always means more throughput.' },
    ],
    solution: { kind: 'choice', optionId: 'start-8-9' },
    hints: [
      'What is the default of the `workers` setting?',
      'Workers beyond the cores add context switches, not throughput.',
    ],
    explanation:
      'The `workers` default is 1 (or WEB_CONCURRENCY). The guide starts at 2 × CPU, Gunicorn’s docs at 2 × cores + 1; then measure. Each sync worker is a whole process, so memory grows with the count.',
    docs: [DOC.gunicornSettings, DOC.gunicornDesign],
    minutes: 2,
    rubric: {
      strong:
        'Knows the default is 1, gives 2 × CPU (or 2n+1) as a start, mentions memory per worker and load testing, and scaling out with tasks instead of piling up workers.',
      acceptable: 'Gives a 2 × CPU starting point.',
      weak: 'Assumes Gunicorn auto-sizes, or picks a huge number.',
    },
    followUps: [
      'How would you measure the memory each worker needs?',
      'When do threads (gthread) help more than extra workers?',
    ],
  },
  {
    id: 'gunicorn-access-log',
    kind: 'text',
    chapter: '/gunicorn/',
    title: 'Access log to stdout',
    prompt:
      'Gunicorn writes no access log by default. Which command-line option sends it to standard output, as a container should?',
    accept: ['--access-logfile -', '--access-logfile=-', "--access-logfile '-'"],
    multiline: false,
    solution: { kind: 'text', text: '--access-logfile -' },
    hints: ['The option’s name ends in “logfile”.', 'A single dash means standard output.'],
    explanation:
      '`--access-logfile -` (or `accesslog = "-"` in gunicorn.conf.py) writes the access log to stdout, where the container runtime collects it.',
    docs: [DOC.gunicornSettings],
    minutes: 1,
  },
  {
    id: 'gunicorn-find-bug-bind',
    kind: 'find-bug',
    chapter: '/gunicorn/',
    title: 'Find the bug in gunicorn.conf.py',
    prompt:
      'nginx on the same VM proxies to Gunicorn and terminates TLS. The VM has a public IP. Which line is the bug?',
    fileName: 'gunicorn.conf.py',
    lines: [
      'import os',
      '',
      'bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")',
      'workers = int(os.environ.get("GUNICORN_WORKERS", "4"))',
      'accesslog = "-"',
      'errorlog = "-"',
      'timeout = 30',
      'graceful_timeout = 30',
      'proc_name = "shop"',
    ],
    bugLines: [3],
    solution: { kind: 'find-bug', line: 3 },
    hints: [
      'Who should be able to reach Gunicorn’s port directly?',
      'What does 0.0.0.0 mean on a host with a public address?',
    ],
    explanation:
      'Bound to 0.0.0.0 on a VM with a public address, Gunicorn is reachable without nginx — and a client talking to it directly can forge X-Forwarded-For that ProxyFix then trusts. Bind `127.0.0.1:8000` or a Unix socket (`unix:/run/shop.sock`).',
    docs: [DOC.gunicornSettings, DOC.flaskProxyFix],
    minutes: 3,
    rubric: {
      strong:
        'Finds line 3, explains the bypass and the ProxyFix spoofing it enables, offers 127.0.0.1 or a Unix socket, and notes that 0.0.0.0 inside a container reachable only by the load balancer is fine.',
      acceptable: 'Finds line 3 and says to bind to localhost.',
      weak: 'Blames the timeout or worker count.',
    },
    followUps: ['Why is 0.0.0.0 normal inside a container on ECS?'],
  },
];
