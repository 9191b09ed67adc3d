/**
 * Deployment audit speed (issue 15). Targets: each sample bundle audited in under 50 ms; any
 * input of at most 1 MB in under 2 s and 256 MB. Each hostile input runs in its own child
 * process so that its peak memory (max RSS) is its own, and is timed in CPU time (user +
 * system, `process.cpuUsage`) as well as wall time: the wall time of a shared machine varies
 * with its load. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditFiles } from '../src/sim/audit';
import type { AuditInput } from '../src/sim/audit/types';

const SAMPLES = path.resolve('src/training/audit-samples');
const MIB = 1024 * 1024;

function readBundle(dir: string, prefix = ''): AuditInput[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory()
        ? readBundle(full, `${prefix}${name}/`)
        : [{ name: `${prefix}${name}`, text: readFileSync(full, 'utf8') }];
    });
}

/** Filler up to about `bytes` characters from a line maker. */
function fill(bytes: number, line: (k: number) => string, head = ''): string {
  const parts = [head];
  let size = head.length;
  for (let k = 0; size < bytes; k++) {
    const next = line(k);
    parts.push(next);
    size += next.length + 1;
  }
  return parts.join('\n');
}

/** Hostile inputs, each at most 1 MiB per file. */
const HOSTILE: Readonly<Record<string, () => AuditInput[]>> = {
  'YAML alias bomb (9 levels of 9)': () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i <= 9; i++) {
      const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(',');
      lines.push(`a${i}: &a${i} [${refs}]`);
    }
    lines.push('kind: Deployment', 'apiVersion: apps/v1', 'spec: *a9');
    return [{ name: 'k8s/bomb.yaml', text: lines.join('\n') }];
  },
  '1 MB YAML of 166,000 aliases': () => [
    { name: 'k8s/aliases.yaml', text: fill(MIB - 100, (k) => `b${k}: *a`, 'a: &a 1') },
  ],
  '1 MB Kubernetes YAML with 999 aliases (just under the limit)': () => [
    {
      name: 'k8s/config.yaml',
      text: fill(
        MIB - 100,
        (k) => (k < 999 ? `  b${k}: *a` : `  c${k}: "${k}"`),
        'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]',
      ),
    },
  ],
  '1 MB CloudFormation YAML (short-form tags)': () => [
    {
      name: 'template.yaml',
      text: fill(
        MIB - 100,
        (k) =>
          `  Svc${k}:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: !Ref Cluster\n      DesiredCount: ${k % 9}\n      DeploymentConfiguration:\n        MaximumPercent: 200`,
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:',
      ),
    },
  ],
  '1 MB YAML flow list of 500,000 items': () => [
    {
      name: 'k8s/flow.yaml',
      text: `apiVersion: v1\nkind: List\nitems: [${'1,'.repeat(500_000)}1]\n`,
    },
  ],
  '1 MB YAML of 260,000 empty documents': () => [
    { name: 'k8s/docs.yaml', text: `apiVersion: v1\nkind: Pod\n${'---\n'.repeat(260_000)}` },
  ],
  '1 MB YAML list of 340,000 empty items': () => [
    {
      name: 'k8s/items.yaml',
      text: `apiVersion: v1\nkind: List\nitems:\n${'- \n'.repeat(340_000)}`,
    },
  ],
  '1 MB compose.yaml (5,000 services)': () => [
    {
      name: 'compose.yaml',
      text: fill(
        MIB - 200,
        (k) =>
          `  web${k}:\n    image: app:${k}\n    command: gunicorn -w ${(k % 8) + 1} --graceful-timeout ${k % 90} app:app\n    stop_grace_period: ${k % 60}s`,
        'services:',
      ),
    },
  ],
  '1 MB Kubernetes YAML (many documents)': () => [
    {
      name: 'k8s/all.yaml',
      text: fill(
        MIB - 200,
        (k) =>
          `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web${k}\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: ${k % 100}\n      containers:\n        - name: web\n          args: ["--graceful-timeout=${k % 120}"]`,
      ),
    },
  ],
  '1 MB nginx.conf (nested blocks)': () => [
    {
      name: 'nginx.conf',
      text: `events {}\nhttp {\n${fill(MIB - 400, (k) => `  server { listen ${8000 + (k % 1000)}; location /p${k} { proxy_pass http://web:8000; proxy_read_timeout ${k % 300}s; keepalive_timeout ${k % 90}; } }`)}\n}\n`,
    },
  ],
  'nginx blocks nested 50,000 deep': () => [
    { name: 'nginx.conf', text: `${'location / {'.repeat(50_000)}${'}'.repeat(50_000)}` },
  ],
  '1 MB gunicorn.conf.py': () => [
    {
      name: 'gunicorn.conf.py',
      text: fill(
        MIB - 100,
        (k) => `workers_${k} = int(os.getenv("W${k}", "${k}")) * 2 + ${k}`,
        'import os',
      ),
    },
  ],
  '1 MB Flask app (routes)': () => [
    {
      name: 'app.py',
      text: fill(
        MIB - 100,
        (k) =>
          `@app.route("/p${k}")\ndef p${k}():\n    return db.session.execute(text("SELECT ${k}"))`,
        'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SECURE"] = True',
      ),
    },
  ],
  '1 MB Python of 260,000 `x=1` lines': () => [
    { name: 'gunicorn.conf.py', text: 'x=1\n'.repeat(260_000) },
  ],
  'Python of 149,000 `x=1` lines (just under the token limit)': () => [
    { name: 'gunicorn.conf.py', text: 'x=1\n'.repeat(149_000) },
  ],
  '1 MB Python list of 500,000 items': () => [
    { name: 'gunicorn.conf.py', text: `X = [${'1,'.repeat(500_000)}]\n` },
  ],
  'Python parentheses nested 100,000 deep': () => [
    { name: 'gunicorn.conf.py', text: `workers = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n` },
  ],
  '1 MB ECS task definition JSON': () => [
    {
      name: 'task-definition.json',
      text: JSON.stringify({
        taskDefinition: {
          cpu: '512',
          containerDefinitions: Array.from({ length: 13_500 }, (_, k) => ({
            name: `c${k}`,
            stopTimeout: k % 120,
            command: ['gunicorn', '-w', String(k % 9), 'app:app'],
          })),
        },
      }).slice(0, MIB - 10),
    },
  ],
  'JSON arrays nested 200,000 deep': () => [
    { name: 'task-definition.json', text: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
  ],
  'JSON with __proto__ keys': () => [
    {
      name: 'service.json',
      text: JSON.stringify({
        services: [{ deploymentConfiguration: { maximumPercent: 200 }, desiredCount: 4 }],
      }).replace(
        '{"services"',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"services"',
      ),
    },
  ],
  '1 MB Dockerfile (ENV lines)': () => [
    {
      name: 'Dockerfile',
      text: fill(
        MIB - 100,
        (k) => `ENV K${k}=v${k}`,
        'FROM python:3.12\nCMD ["gunicorn", "app:app"]',
      ),
    },
  ],
  'Dockerfile of 19,990 ENV lines (just under the line limit)': () => [
    {
      name: 'Dockerfile',
      text: `FROM python:3.12\n${'ENV a=1\n'.repeat(19_990)}CMD ["gunicorn", "app:app"]`,
    },
  ],
  'Dockerfile ARG doubling chain (28 levels)': () => {
    const lines = ['ARG A0=xx'];
    for (let i = 1; i <= 28; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    lines.push('FROM python:${A28}', 'CMD ["gunicorn", "app:app"]');
    return [{ name: 'Dockerfile', text: lines.join('\n') }];
  },
  '1 MB binary junk': () => {
    let seed = 1;
    let text = '';
    for (let i = 0; i < MIB; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      text += String.fromCharCode(seed % 256);
    }
    return [{ name: 'Dockerfile', text }];
  },
  '400 files of 2.5 KB each (1 MB in all)': () =>
    Array.from({ length: 400 }, (_, k) => ({
      name: `svc${k}/gunicorn.conf.py`,
      text: fill(2500, (j) => `# ${k}.${j}\ngraceful_timeout = ${j % 60}`, 'workers = 4'),
    })),
};

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
}

const hostileName = process.argv.find((arg) => arg.startsWith('--hostile='))?.slice(10);
if (hostileName !== undefined) {
  // Child mode: one hostile input, then print time and this process's peak memory.
  const make = HOSTILE[hostileName];
  if (make === undefined) process.exit(2);
  const inputs = make();
  const before = process.resourceUsage().maxRSS;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let outcome: string;
  try {
    const report = auditFiles(inputs);
    const notices = report.files.filter((f) => f.notice !== undefined).length;
    outcome = `${report.findings.length} findings, ${notices} file notice(s)`;
  } catch (error) {
    outcome = `THREW ${error instanceof Error ? error.message : String(error)}`;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ ms, cpuMs, peakMiB, baseMiB: before / 1024, outcome }));
} else {
  console.log('━━ audit (issue 15: sample bundle < 50 ms; any input ≤ 1 MB < 2 s and < 256 MB) ━━');
  for (const bundle of readdirSync(SAMPLES).sort()) {
    const inputs = readBundle(path.join(SAMPLES, bundle));
    for (let k = 0; k < 5; k++) auditFiles(inputs);
    const times: number[] = [];
    for (let k = 0; k < 21; k++) {
      const start = performance.now();
      auditFiles(inputs);
      times.push(performance.now() - start);
    }
    const report = auditFiles(inputs);
    console.log(
      `  sample ${bundle} (${inputs.length} files, ${report.findings.length} findings): median ${median(times).toFixed(2)} ms (target < 50 ms)`,
    );
  }
  let worst: { name: string; ms: number; peakMiB: number } | null = null;
  for (const name of Object.keys(HOSTILE)) {
    const child = spawnSync(process.execPath, [process.argv[1] ?? '', `--hostile=${name}`], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.log(
        `  hostile: ${name}: child exited ${String(child.status)} ${child.signal ?? ''} ${child.stderr.slice(0, 200)}`,
      );
      continue;
    }
    const figures = JSON.parse(line) as {
      ms: number;
      cpuMs: number;
      peakMiB: number;
      baseMiB: number;
      outcome: string;
    };
    console.log(
      `  hostile: ${name}: ${figures.cpuMs.toFixed(0)} ms CPU (${figures.ms.toFixed(0)} ms wall), peak RSS ${figures.peakMiB.toFixed(0)} MiB (${(figures.peakMiB - figures.baseMiB).toFixed(0)} MiB above the input's) — ${figures.outcome}`,
    );
    if (worst === null || figures.cpuMs > worst.ms)
      worst = { name, ms: figures.cpuMs, peakMiB: figures.peakMiB };
  }
  if (worst !== null)
    console.log(
      `  worst hostile input: ${worst.name}: ${worst.ms.toFixed(0)} ms CPU, peak RSS ${worst.peakMiB.toFixed(0)} MiB (targets < 2,000 ms, < 256 MB)`,
    );
}
