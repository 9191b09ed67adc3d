/**
 * Each rule fires on files that have the problem and stays quiet on the fixed version. The
 * expected verdicts follow the documented behaviour each rule cites, not the code.
 */
import { describe, expect, it } from 'vitest';
import { attributes, byCode, deployment, run, SERVICE, taskDefinition } from '../test-helpers';

const gunicornCmd = (...flags: string[]) => ['gunicorn', ...flags, 'app:app'];

describe('graceful-timeout-exceeds-stop-timeout', () => {
  it('fires when graceful_timeout is not shorter than ECS stopTimeout, at the stopTimeout line', () => {
    const td = taskDefinition({
      command: gunicornCmd('--graceful-timeout', '60'),
      stopTimeout: 30,
    });
    const [f] = byCode(run({ 'td.json': td }), 'graceful-timeout-exceeds-stop-timeout');
    expect(f).toBeDefined();
    expect(f!.file).toBe('td.json');
    expect(td.split('\n')[f!.line - 1]).toContain('stopTimeout');
    expect(f!.related.map((r) => r.file)).toContain('td.json');
  });
  it('counts the Gunicorn and ECS defaults (30 s each) as a tie that SIGKILLs', () => {
    const td = taskDefinition({ command: gunicornCmd() });
    expect(byCode(run({ 'td.json': td }), 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });
  it('stays quiet when stopTimeout exceeds graceful_timeout', () => {
    const td = taskDefinition({
      command: gunicornCmd('--graceful-timeout', '25'),
      stopTimeout: 35,
    });
    expect(byCode(run({ 'td.json': td }), 'graceful-timeout-exceeds-stop-timeout')).toEqual([]);
  });
  it('subtracts the preStop sleep from terminationGracePeriodSeconds on Kubernetes', () => {
    const container = `command: ["gunicorn", "--graceful-timeout", "25", "app:app"]
lifecycle:
  preStop:
    sleep:
      seconds: 10`;
    const bad = deployment(container, 'terminationGracePeriodSeconds: 30');
    const good = deployment(container, 'terminationGracePeriodSeconds: 45');
    expect(byCode(run({ 'k8s.yaml': bad }), 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(
      1,
    );
    expect(byCode(run({ 'k8s.yaml': good }), 'graceful-timeout-exceeds-stop-timeout')).toEqual([]);
  });
  it('reads Compose stop_grace_period durations', () => {
    const compose = (grace: string) =>
      `services:\n  web:\n    build: .\n    command: gunicorn --graceful-timeout 20 app:app\n    stop_grace_period: ${grace}\n`;
    expect(
      byCode(run({ 'compose.yaml': compose('15s') }), 'graceful-timeout-exceeds-stop-timeout'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'compose.yaml': compose('1m') }), 'graceful-timeout-exceeds-stop-timeout'),
    ).toEqual([]);
  });
});

describe('deregistration-delay-shorter-than-timeout', () => {
  const td = taskDefinition({
    command: gunicornCmd('--timeout', '60', '--graceful-timeout', '20'),
    stopTimeout: 30,
  });
  it('fires when the delay is shorter than a sync worker may run a request', () => {
    const r = run({
      'td.json': td,
      'tg.json': attributes({ 'deregistration_delay.timeout_seconds': '30' }),
    });
    const [f] = byCode(r, 'deregistration-delay-shorter-than-timeout');
    expect(f?.file).toBe('tg.json');
  });
  it('stays quiet when the delay covers the timeout', () => {
    const r = run({
      'td.json': td,
      'tg.json': attributes({ 'deregistration_delay.timeout_seconds': '90' }),
    });
    expect(byCode(r, 'deregistration-delay-shorter-than-timeout')).toEqual([]);
  });
});

describe('ecs-stop-timeout-above-fargate-max', () => {
  it('fires above 120 s on Fargate only', () => {
    const fargate = taskDefinition({ command: gunicornCmd(), stopTimeout: 300 });
    const ec2 = taskDefinition(
      { command: gunicornCmd(), stopTimeout: 300 },
      { requiresCompatibilities: ['EC2'] },
    );
    expect(byCode(run({ 'td.json': fargate }), 'ecs-stop-timeout-above-fargate-max')).toHaveLength(
      1,
    );
    expect(byCode(run({ 'td.json': ec2 }), 'ecs-stop-timeout-above-fargate-max')).toEqual([]);
  });
});

describe('prestop-missing', () => {
  const container = 'command: ["gunicorn", "app:app"]';
  it('fires for a pod behind a Service without preStop', () => {
    expect(
      byCode(run({ 'k8s.yaml': deployment(container, '', SERVICE) }), 'prestop-missing'),
    ).toHaveLength(1);
  });
  it('stays quiet with a preStop sleep, or with no Service or Ingress', () => {
    const withSleep = `${container}\nlifecycle:\n  preStop:\n    sleep:\n      seconds: 5`;
    expect(
      byCode(run({ 'k8s.yaml': deployment(withSleep, '', SERVICE) }), 'prestop-missing'),
    ).toEqual([]);
    expect(byCode(run({ 'k8s.yaml': deployment(container) }), 'prestop-missing')).toEqual([]);
  });
});

describe('shell-pid1', () => {
  it('fires on sh -c "… && gunicorn" in a Kubernetes command, at that command', () => {
    const k8s = deployment('command: ["sh", "-c", "flask db upgrade && gunicorn app:app"]');
    const [f] = byCode(run({ 'k8s.yaml': k8s }), 'shell-pid1');
    expect(f).toBeDefined();
    expect(k8s.split('\n')[f!.line - 1]).toContain('sh');
  });
  it('stays quiet with exec, or without a shell', () => {
    expect(
      byCode(
        run({
          'k8s.yaml': deployment(
            'command: ["sh", "-c", "flask db upgrade && exec gunicorn app:app"]',
          ),
        }),
        'shell-pid1',
      ),
    ).toEqual([]);
    expect(
      byCode(run({ 'k8s.yaml': deployment('command: ["gunicorn", "app:app"]') }), 'shell-pid1'),
    ).toEqual([]);
  });
});

describe('compose-stop-signal-quick', () => {
  const compose = (signal: string) =>
    `services:\n  web:\n    build: .\n    command: ["gunicorn", "app:app"]\n    stop_signal: ${signal}\n    stop_grace_period: 40s\n`;
  it('fires on SIGINT and SIGQUIT, stays quiet on SIGTERM', () => {
    expect(
      byCode(run({ 'compose.yaml': compose('SIGINT') }), 'compose-stop-signal-quick'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'compose.yaml': compose('SIGQUIT') }), 'compose-stop-signal-quick'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'compose.yaml': compose('SIGTERM') }), 'compose-stop-signal-quick'),
    ).toEqual([]);
  });
});

describe('keepalive-race', () => {
  const alb = (idle: string) => attributes({ 'idle_timeout.timeout_seconds': idle });
  it('fires for gthread keepalive 5 s behind a 60 s ALB, at the keepalive value', () => {
    const td = taskDefinition({ command: gunicornCmd('--threads', '4', '--keep-alive', '5') });
    const [f] = byCode(run({ 'td.json': td, 'lb.json': alb('60') }), 'keepalive-race');
    expect(f?.file).toBe('td.json');
    expect(f?.related).toContainEqual({ file: 'lb.json', line: expect.any(Number) as number });
  });
  it('stays quiet for the sync worker, which closes every connection', () => {
    const td = taskDefinition({ command: gunicornCmd('--keep-alive', '5') });
    expect(byCode(run({ 'td.json': td, 'lb.json': alb('60') }), 'keepalive-race')).toEqual([]);
  });
  it('stays quiet when keepalive outlasts the idle timeout', () => {
    const td = taskDefinition({ command: gunicornCmd('-k', 'gevent', '--keep-alive', '65') });
    expect(byCode(run({ 'td.json': td, 'lb.json': alb('60') }), 'keepalive-race')).toEqual([]);
  });
  it('uses nginx as the proxy only when nginx reuses upstream connections', () => {
    const conf = (extra: string) =>
      `upstream app { server web:8000; ${extra} }\nserver { listen 80; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } }\n`;
    const gunicorn = 'worker_class = "gthread"\nthreads = 4\nkeepalive = 2\n';
    expect(
      byCode(
        run({ 'gunicorn.conf.py': gunicorn, 'nginx.conf': conf('keepalive 8;') }),
        'keepalive-race',
      ),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'gunicorn.conf.py': gunicorn, 'nginx.conf': conf('') }), 'keepalive-race'),
    ).toEqual([]);
  });
});

describe('timeout-exceeds-proxy-timeout', () => {
  const conf = (t: string) =>
    `server { listen 80; location / { proxy_pass http://127.0.0.1:8000; proxy_read_timeout ${t}; } }\n`;
  it('fires when a sync worker may outlast nginx proxy_read_timeout', () => {
    const r = run({ 'gunicorn.conf.py': 'timeout = 120\n', 'nginx.conf': conf('60s') });
    expect(byCode(r, 'timeout-exceeds-proxy-timeout')).toHaveLength(1);
  });
  it('stays quiet when the proxy waits longer', () => {
    const r = run({ 'gunicorn.conf.py': 'timeout = 30\n', 'nginx.conf': conf('2m') });
    expect(byCode(r, 'timeout-exceeds-proxy-timeout')).toEqual([]);
  });
});

describe('trust rules (ProxyFix chain model)', () => {
  const app = (proxyFix: string, extra = '') =>
    `from flask import Flask\nfrom werkzeug.middleware.proxy_fix import ProxyFix\napp = Flask(__name__)\n${proxyFix}\n${extra}`;
  const albOnly = attributes({ 'idle_timeout.timeout_seconds': '60' });
  it('x_for=1, x_proto=1 behind one ALB is correct: no trust finding', () => {
    const r = run({
      'app.py': app('app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)'),
      'lb.json': albOnly,
    });
    expect(r.findings.filter((f) => f.code.startsWith('proxyfix-'))).toEqual([]);
  });
  it('x_for=2 behind one ALB is spoofable, reported at the ProxyFix call', () => {
    const text = app('app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1)');
    const [f] = byCode(run({ 'app.py': text, 'lb.json': albOnly }), 'proxyfix-spoofable');
    expect(f).toBeDefined();
    expect(text.split('\n')[f!.line - 1]).toContain('ProxyFix(');
  });
  it('no ProxyFix behind an ALB loses https and leaks the ALB address, at Flask(...)', () => {
    const r = run({ 'app.py': app(''), 'lb.json': albOnly });
    expect(byCode(r, 'proxyfix-loses-https')[0]?.line).toBe(3);
    expect(byCode(r, 'proxyfix-leaks-proxy-address')).toHaveLength(1);
  });
  it('stays quiet when no Python file was given (the Flask side is unknown)', () => {
    expect(
      run({ 'lb.json': albOnly }).findings.filter((f) => f.code.startsWith('proxyfix-')),
    ).toEqual([]);
  });
  it('trusted-hosts-rejects-host: nginx sends Host $proxy_host by default', () => {
    const hosts = 'app.config["TRUSTED_HOSTS"] = ["shop.example.com"]';
    const nginx = (host: string) =>
      `server { listen 80; server_name shop.example.com; location / { proxy_pass http://app:8000; ${host} proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; } }\n`;
    const pf = 'app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=0)';
    expect(
      byCode(
        run({ 'app.py': app(pf, hosts), 'nginx.conf': nginx('') }),
        'trusted-hosts-rejects-host',
      ),
    ).toHaveLength(1);
    expect(
      byCode(
        run({ 'app.py': app(pf, hosts), 'nginx.conf': nginx('proxy_set_header Host $host;') }),
        'trusted-hosts-rejects-host',
      ),
    ).toEqual([]);
  });
  it('session-cookie-secure-scheme-http: Secure cookie while Flask sees http behind TLS termination', () => {
    const secure = 'app.config["SESSION_COOKIE_SECURE"] = True';
    const noProto = app('app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=0)', secure);
    const withProto = app('app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)', secure);
    expect(
      byCode(run({ 'app.py': noProto, 'lb.json': albOnly }), 'session-cookie-secure-scheme-http'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'app.py': withProto, 'lb.json': albOnly }), 'session-cookie-secure-scheme-http'),
    ).toEqual([]);
  });
});

describe('capacity rules (capacity model)', () => {
  it('workers-exceed-cpu: 8 workers on a 0.5 vCPU task; quiet with 2', () => {
    const td = (w: string) => taskDefinition({ command: gunicornCmd('-w', w) }, { cpu: '512' });
    expect(byCode(run({ 'td.json': td('8') }), 'workers-exceed-cpu')).toHaveLength(1);
    expect(byCode(run({ 'td.json': td('2') }), 'workers-exceed-cpu')).toEqual([]);
  });
  it('workers-from-host-cpu-count fires on cpu_count() and names the CPU granted', () => {
    const r = run({
      'gunicorn.conf.py': 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n',
      'k8s.yaml': deployment(
        'command: ["gunicorn", "app:app"]\nresources:\n  limits:\n    cpu: "1"',
      ),
    });
    const [f] = byCode(r, 'workers-from-host-cpu-count');
    expect(f?.message).toContain('1 vCPU');
    expect(
      byCode(run({ 'gunicorn.conf.py': 'workers = 3\n' }), 'workers-from-host-cpu-count'),
    ).toEqual([]);
  });
  it('db-connections-exceed-max: pools × tasks × deploy surge against max_connections', () => {
    const td = taskDefinition({ command: gunicornCmd('-w', '4', '--threads', '16') });
    const svc = JSON.stringify({
      services: [
        {
          serviceName: 'web',
          desiredCount: 4,
          deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
        },
      ],
    });
    const app =
      'from sqlalchemy import create_engine\nengine = create_engine(URL, pool_size=5, max_overflow=10)\n';
    // gthread, 16 threads: 4 workers × 15 (the pool limit) × 4 tasks = 240 against 100.
    const [f] = byCode(
      run({ 'td.json': td, 'svc.json': svc, 'db.py': app }, { maxDbConnections: 100 }),
      'db-connections-exceed-max',
    );
    expect(f?.file).toBe('db.py');
    expect(
      byCode(
        run({ 'td.json': td, 'svc.json': svc, 'db.py': app }, { maxDbConnections: 1000 }),
        'db-connections-exceed-max',
      ),
    ).toEqual([]);
    expect(
      byCode(run({ 'td.json': td, 'svc.json': svc, 'db.py': app }), 'db-connections-exceed-max'),
    ).toEqual([]);
  });
  it('memory-exceeds-limit: 8 × 300 MiB in a 1024 MiB task', () => {
    const td = taskDefinition({ command: gunicornCmd('-w', '8') }, { memory: '1024' });
    expect(
      byCode(run({ 'td.json': td }, { perWorkerMemoryMiB: 300 }), 'memory-exceeds-limit'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'td.json': td }, { perWorkerMemoryMiB: 100 }), 'memory-exceeds-limit'),
    ).toEqual([]);
    expect(byCode(run({ 'td.json': td }), 'memory-exceeds-limit')).toEqual([]);
  });
});

describe('health rules', () => {
  const app = (body: string) =>
    `from flask import Flask\napp = Flask(__name__)\n\n@app.route("/healthz")\ndef healthz():\n    ${body}\n    return "ok"\n`;
  const k8s = deployment(
    'command: ["gunicorn", "app:app"]\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8000',
  );
  it('liveness-depends-on-database fires when the liveness route queries the database', () => {
    const [f] = byCode(
      run({ 'k8s.yaml': k8s, 'app.py': app('db.session.execute(text("SELECT 1"))') }),
      'liveness-depends-on-database',
    );
    expect(f?.file).toBe('k8s.yaml');
    expect(f?.related[0]?.file).toBe('app.py');
    expect(
      byCode(run({ 'k8s.yaml': k8s, 'app.py': app('pass') }), 'liveness-depends-on-database'),
    ).toEqual([]);
  });
  it('startup-shorter-than-boot compares the probe budget with the boot time given', () => {
    expect(
      byCode(run({ 'k8s.yaml': k8s }, { appBootSeconds: 45 }), 'startup-shorter-than-boot'),
    ).toHaveLength(1);
    expect(
      byCode(run({ 'k8s.yaml': k8s }, { appBootSeconds: 20 }), 'startup-shorter-than-boot'),
    ).toEqual([]);
    expect(byCode(run({ 'k8s.yaml': k8s }), 'startup-shorter-than-boot')).toEqual([]);
  });
  it('image-healthcheck-ignored: an image HEALTHCHECK with a pod that has no probe', () => {
    const dockerfile =
      'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "print(1)"\nCMD ["gunicorn", "app:app"]\n';
    const noProbe = deployment('command: ["gunicorn", "app:app"]');
    expect(
      byCode(run({ Dockerfile: dockerfile, 'k8s.yaml': noProbe }), 'image-healthcheck-ignored'),
    ).toHaveLength(1);
    expect(
      byCode(run({ Dockerfile: dockerfile, 'k8s.yaml': k8s }), 'image-healthcheck-ignored'),
    ).toEqual([]);
  });
});

describe('mechanical fixes as diffs', () => {
  it('replaces exactly the value read, keeping quotes and units', () => {
    const td = taskDefinition({
      command: gunicornCmd('--graceful-timeout', '60'),
      stopTimeout: 30,
    });
    const [f] = byCode(run({ 'td.json': td }), 'graceful-timeout-exceeds-stop-timeout');
    expect(f?.fix?.diff).toMatch(/^-\s+"stopTimeout": 30$/m);
    expect(f?.fix?.diff).toMatch(/^\+\s+"stopTimeout": 65$/m);
    const compose =
      'services:\n  web:\n    build: .\n    command: ["gunicorn", "--graceful-timeout", "20", "app:app"]\n    stop_grace_period: 15s\n';
    const [c] = byCode(run({ 'compose.yaml': compose }), 'graceful-timeout-exceeds-stop-timeout');
    expect(c?.fix?.diff).toContain('+    stop_grace_period: 25s');
    const conf = 'worker_class = "gthread"\nkeepalive = 5\n';
    const [k] = byCode(
      run({
        'gunicorn.conf.py': conf,
        'lb.json': attributes({ 'idle_timeout.timeout_seconds': '60' }),
      }),
      'keepalive-race',
    );
    expect(k?.fix?.diff).toContain('+keepalive = 65');
  });
  it('gives no diff when the value sits inside a larger token (an annotation list)', () => {
    const ingress = `${deployment('command: ["gunicorn", "--timeout", "60", "app:app"]')}---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=20,slow_start.duration_seconds=0
spec:
  ingressClassName: alb
`;
    const [f] = byCode(run({ 'k8s.yaml': ingress }), 'deregistration-delay-shorter-than-timeout');
    expect(f).toBeDefined();
    expect(f?.fix?.diff).toBeUndefined();
  });
});

describe('the image as the launch', () => {
  it("takes the Dockerfile checker's shell verdict into the drain model", () => {
    const wrapped =
      'FROM python:3.12-slim\nCMD ["sh", "-c", "flask db upgrade && gunicorn app:app"]\n';
    const direct = 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n';
    const compose = 'services:\n  web:\n    build: .\n    stop_grace_period: 40s\n';
    const shutdown = (dockerfile: string) =>
      (
        run({ Dockerfile: dockerfile, 'compose.yaml': compose }).scenarios.shutdown as {
          scenario: { container: { pid1: string } };
        }
      ).scenario.container.pid1;
    expect(shutdown(wrapped)).toBe('shell-form-dash');
    expect(shutdown(direct)).toBe('exec-form');
  });
});
