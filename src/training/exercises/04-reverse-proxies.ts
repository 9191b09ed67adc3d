import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const reverseProxyExercises: readonly Exercise[] = [
  {
    id: 'proxy-count-cloudfront-alb',
    kind: 'proxy-count',
    variant: 'proxy-count',
    chapter: '/reverse-proxies/',
    title: 'How many X-Forwarded-For values to trust',
    prompt:
      'Requests reach Gunicorn through the chain below. Every proxy in it appends its peer’s address to X-Forwarded-For. What `x_for` makes `request.remote_addr` the client’s address, even when the client sends its own X-Forwarded-For?',
    chain: ['cloudfront', 'alb'],
    clientIp: '203.0.113.7',
    solution: { kind: 'number', value: 2 },
    hints: [
      'ProxyFix takes the value `x_for` places from the right of X-Forwarded-For.',
      'Write down the header as Gunicorn receives it, hop by hop: who appends what?',
      'Count the proxies that append, not the ones you know about by name.',
    ],
    explanation:
      'Each appending proxy adds its TCP peer on the right. The value `x_for` places from the right is the one the first proxy wrote — the client’s address. One more would be whatever the client sent; one fewer is a proxy’s address.',
    docs: [DOC.werkzeugProxyFix, DOC.albHeaders, DOC.cloudFrontHeaders],
    minutes: 4,
    rubric: {
      strong:
        'Writes the header out hop by hop, gets the count, explains what one too many (spoofing) and one too few (a proxy IP) do, and insists on measuring real headers.',
      acceptable: 'Gets the count by counting appending proxies.',
      weak: 'Guesses, or picks a large number “just in case”.',
    },
    followUps: [
      'How would you verify the count in production?',
      'What changes if the ALB’s XFF processing mode is set to preserve?',
    ],
  },
  {
    id: 'proxy-goal-unspoofable',
    kind: 'proxy-goal',
    variant: 'proxy-goal',
    chapter: '/reverse-proxies/',
    title: 'Make remote_addr the client’s and unspoofable',
    prompt:
      'Set ProxyFix’s counts so that `request.remote_addr` is the client’s address, a forged X-Forwarded-For cannot change it, and `request.scheme` is https (the client used HTTPS).',
    chain: ['alb'],
    clientIp: '198.51.100.23',
    solution: { kind: 'proxy', x_for: 1, x_proto: 1 },
    hints: [
      'Two headers matter here: X-Forwarded-For and X-Forwarded-Proto.',
      'A proxy that sets a header (rather than appending) leaves a single value.',
    ],
    explanation:
      'Count the writers per header. Every proxy here appends one X-Forwarded-For value; only the last proxy’s X-Forwarded-Proto reaches Gunicorn, so one value is enough to trust.',
    docs: [DOC.werkzeugProxyFix, DOC.flaskProxyFix, DOC.albHeaders],
    minutes: 4,
    rubric: {
      strong:
        'Sets both counts from the chain, checks a forged header, and mentions SESSION_COOKIE_SECURE and TRUSTED_HOSTS as the next steps.',
      acceptable: 'Sets both counts right.',
      weak: 'Only sets x_for, or trusts extra values.',
    },
    followUps: ['Which Flask settings depend on the scheme being right?'],
  },
  {
    id: 'proxy-find-bug-nginx',
    kind: 'find-bug',
    chapter: '/reverse-proxies/',
    title: 'Find the bug: one nginx, two hops trusted',
    prompt:
      'Clients connect straight to nginx, which proxies to Gunicorn on 127.0.0.1:8000 with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`. Which line is the bug?',
    fileName: 'app.py',
    lines: [
      'from flask import Flask',
      'from werkzeug.middleware.proxy_fix import ProxyFix',
      '',
      'app = Flask(__name__)',
      'app.config["SESSION_COOKIE_SECURE"] = True',
      'app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1)',
    ],
    bugLines: [6],
    solution: { kind: 'find-bug', line: 6 },
    hints: [
      'How many proxies append to X-Forwarded-For here?',
      'With x_for=2, whose value does ProxyFix take?',
    ],
    explanation:
      'One proxy appends, so `x_for=1`. With 2, ProxyFix takes the value left of nginx’s — which only exists when the client sent its own X-Forwarded-For, so any client can pick its `remote_addr`.',
    docs: [DOC.werkzeugProxyFix],
    minutes: 2,
  },
  {
    id: 'proxy-no-proxy',
    kind: 'choice',
    chapter: '/reverse-proxies/',
    title: 'ProxyFix without a proxy',
    prompt:
      'Gunicorn is reachable directly from the internet and the app has `ProxyFix(app.wsgi_app, x_for=1)`. What happens?',
    options: [
      {
        id: 'nothing',
        text: 'Nothing: without a proxy the header is absent, so remote_addr stays the client’s.',
      },
      { id: 'spoof', text: 'Any client can send X-Forwarded-For and choose its own remote_addr.' },
      {
        id: 'error',
        text: 'Werkzeug rejects requests that carry X-Forwarded-For without a proxy.',
      },
    ],
    solution: { kind: 'choice', optionId: 'spoof' },
    hints: ['Who writes X-Forwarded-For when there is no proxy?'],
    explanation:
      'ProxyFix trusts whatever the header says. With no proxy the only writer is the client, so the client chooses `remote_addr`. Use ProxyFix only behind real proxies.',
    docs: [DOC.werkzeugProxyFix],
    minutes: 1,
  },
];
