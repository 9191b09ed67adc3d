/**
 * Bad input gets a clear message per file and never takes the report down: the other
 * files are still audited. (Speed and memory targets are in bench/audit.bench.ts.)
 */
import { describe, expect, it } from 'vitest';
import { auditFiles } from './index';
import { MAX_AUDIT_FILE_CHARS } from './types';
import { byCode, run, taskDefinition } from './test-helpers';

const GOOD_TD = taskDefinition({
  command: ['gunicorn', '--graceful-timeout', '60', 'app:app'],
  stopTimeout: 30,
});

function withGood(name: string, text: string) {
  return run({ [name]: text, 'td.json': GOOD_TD });
}

function fileOf(report: ReturnType<typeof run>, name: string) {
  return report.files.find((f) => f.name === name)!;
}

describe('bad input', () => {
  it('a YAML alias bomb is read without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: apps/v1\nkind: Deployment\n${levels.join('\n')}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env: *l\n`;
    const r = withGood('k8s.yaml', bomb);
    expect(fileOf(r, 'k8s.yaml').kind).toBe('kubernetes');
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('a file over 1 MB gets a notice', () => {
    const r = withGood('big.yaml', 'a: 1\n'.repeat(MAX_AUDIT_FILE_CHARS / 5 + 1));
    expect(fileOf(r, 'big.yaml').notice).toMatch(/Larger than 1 MB/);
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('binary data gets a notice', () => {
    const r = withGood('image.png', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR');
    expect(fileOf(r, 'image.png').notice).toMatch(/Binary/);
  });

  it('a file of the wrong kind gets a notice, by content, not by name', () => {
    const notDockerfile = withGood('Dockerfile', 'services:\n  web:\n    image: x\n');
    expect(fileOf(notDockerfile, 'Dockerfile').notice).toMatch(/no FROM/);
    const hinted = auditFiles([{ name: 'paste', text: 'just some words', kind: 'nginx' }]);
    expect(hinted.files[0]!.notice).toMatch(/Given as a nginx configuration/);
    const yamlNotOurs = withGood('values.yaml', 'replicaCount: 2\nimage: x\n');
    expect(fileOf(yamlNotOurs, 'values.yaml').notice).toMatch(/Not a kind/);
  });

  it('JSON with __proto__ keys neither pollutes prototypes nor breaks reading', () => {
    const td = GOOD_TD.replace(
      '"family"',
      '"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "family"',
    );
    const r = run({ 'td.json': td });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('Python that would need running is "cannot tell", listed per setting', () => {
    const r = withGood(
      'gunicorn.conf.py',
      'import os\nworkers = get_workers()\ntimeout = int(os.environ["T"])\n',
    );
    const file = fileOf(r, 'gunicorn.conf.py');
    expect(file.cannotTell?.map((c) => [c.setting, c.line])).toEqual([
      ['workers', 2],
      ['timeout', 3],
    ]);
  });

  it('circular nginx includes are reported, not followed', () => {
    const r = withGood(
      'nginx.conf',
      'http { include a.conf; server { location / { proxy_pass http://app:8000; } } }',
    );
    const loop = run({
      'nginx.conf':
        'http { include a.conf; server { location / { proxy_pass http://app:8000; } } }',
      'a.conf': 'include b.conf;',
      'b.conf': 'include a.conf; keepalive_timeout 5;',
    });
    expect(fileOf(r, 'nginx.conf').notice).toBeUndefined();
    expect(fileOf(loop, 'nginx.conf').notice).toMatch(/Circular include/);
  });

  it('malformed YAML and deeply nested JSON get a notice', () => {
    const r = withGood('k8s.yaml', 'apiVersion: v1\nkind: Pod\nspec: [unclosed\n');
    expect(fileOf(r, 'k8s.yaml').notice).toMatch(/Not valid YAML/);
    const deep = run({
      'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      'td.json': GOOD_TD,
    });
    expect(fileOf(deep, 'deep.json').notice).toBeDefined();
    expect(byCode(deep, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('reads a Python file with a syntax error as far as it parses, with a notice', () => {
    const r = withGood('gunicorn.conf.py', 'workers = 4\ndef broken(:\ntimeout = 90\n');
    expect(fileOf(r, 'gunicorn.conf.py').notice).toMatch(/syntax error/);
  });
});

describe('alias guard', () => {
  it('a file with thousands of aliases is not parsed, and says why', () => {
    const r = run({
      'anchors.yaml': `apiVersion: v1\nkind: List\nx: &a [1]\n${'- *a\n'.repeat(2000)}`,
    });
    expect(r.files[0]!.notice).toMatch(/alias/);
  });

  it('a 1 MB file of 166,000 aliases gets the notice and the other files are still audited', () => {
    const text = `a: &a 1\nb: [${Array<string>(166_000).fill('*a').join(', ')}]\n`;
    expect(text.length).toBeLessThan(MAX_AUDIT_FILE_CHARS);
    const r = withGood('k8s/aliases.yaml', text);
    expect(fileOf(r, 'k8s/aliases.yaml').notice).toMatch(/More than 1000 YAML aliases/);
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });
});

describe('node-count guard', () => {
  it.each([
    [
      'a flow list of 500,000 items',
      `apiVersion: v1\nkind: List\nitems: [${'1,'.repeat(500_000)}1]\n`,
    ],
    ['260,000 empty documents', `apiVersion: v1\nkind: Pod\n${'---\n'.repeat(260_000)}`],
    [
      'a list of 340,000 empty items',
      `apiVersion: v1\nkind: List\nitems:\n${'- \n'.repeat(340_000)}`,
    ],
  ])('%s gets a notice and the other files are still audited', (_, text) => {
    expect(text.length).toBeLessThan(MAX_AUDIT_FILE_CHARS);
    const r = withGood('k8s/big.yaml', text);
    expect(fileOf(r, 'k8s/big.yaml').notice).toMatch(/More than 100,000 YAML entries/);
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('a long file of realistic manifests is still read', () => {
    const doc = (k: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web${k}\nspec:\n  template:\n    spec:\n      terminationGracePeriodSeconds: 30\n      containers:\n        - name: web\n          image: web:${k}\n          args: ["--graceful-timeout=60"]\n`;
    const text = Array.from({ length: 2000 }, (_, k) => doc(k)).join('---\n');
    const r = run({ 'k8s/all.yaml': text });
    expect(fileOf(r, 'k8s/all.yaml')).toMatchObject({ kind: 'kubernetes' });
    expect(fileOf(r, 'k8s/all.yaml').notice).toBeUndefined();
  });
});

describe('Python token guard', () => {
  it.each([
    ['260,000 `x=1` lines', 'x=1\n'.repeat(260_000)],
    ['a list of 500,000 items', `X = [${'1,'.repeat(500_000)}]\n`],
  ])('%s gets a notice and the other files are still audited', (_, text) => {
    const r = withGood('gunicorn.conf.py', text);
    expect(fileOf(r, 'gunicorn.conf.py').notice).toMatch(/More than 600,000 Python tokens/);
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('a long Gunicorn config is still read', () => {
    const filler = Array.from(
      { length: 20_000 },
      (_, k) => `setting_${k} = int(os.getenv("S${k}", "${k}"))`,
    );
    const r = run({ 'gunicorn.conf.py': `import os\n${filler.join('\n')}\nworkers = 4\n` });
    expect(fileOf(r, 'gunicorn.conf.py')).toMatchObject({ kind: 'gunicorn-conf' });
    expect(fileOf(r, 'gunicorn.conf.py').notice).toBeUndefined();
  });
});

describe('Dockerfile length guard', () => {
  it('a 1 MB Dockerfile of 130,000 ENV lines gets a notice and the other files are still audited', () => {
    const r = withGood('Dockerfile', `FROM python:3.12\n${'ENV a=1\n'.repeat(130_000)}`);
    expect(fileOf(r, 'Dockerfile').notice).toMatch(/more than 20,000 lines/);
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
  });

  it('a long Dockerfile under the limit is still read', () => {
    const r = run({
      Dockerfile: `FROM python:3.12\n${'ENV a=1\n'.repeat(5000)}CMD ["gunicorn", "app:app"]\n`,
    });
    expect(fileOf(r, 'Dockerfile')).toMatchObject({ kind: 'dockerfile' });
    expect(fileOf(r, 'Dockerfile').notice).toBeUndefined();
  });
});

describe('large and almost-JSON files', () => {
  const stopTimeoutLine = (text: string) =>
    text.split('\n').findIndex((l) => l.includes('"stopTimeout"')) + 1;

  it('a task definition with thousands of containers is read, the finding on its line', () => {
    const filler = Array.from({ length: 8000 }, (_, k) => ({ name: `side${k}`, image: 'x:1' }));
    const parsed = JSON.parse(GOOD_TD) as {
      taskDefinition: { containerDefinitions: unknown[] };
    };
    parsed.taskDefinition.containerDefinitions.push(...filler);
    const text = JSON.stringify(parsed, null, 2);
    expect(text.length).toBeGreaterThan(500_000);
    const r = run({ 'td.json': text });
    expect(fileOf(r, 'td.json')).toMatchObject({ kind: 'ecs' });
    expect(fileOf(r, 'td.json').notice).toBeUndefined();
    const [finding] = byCode(r, 'graceful-timeout-exceeds-stop-timeout');
    expect(finding?.related.map((x) => x.line).concat(finding.line)).toContain(
      stopTimeoutLine(text),
    );
  });

  it('JSON with a trailing comma is still read (as YAML flow style), like strict JSON', () => {
    const loose = GOOD_TD.replace('"essential": true,', '"essential": true,\n').replace(
      /\n(\s*)\]\n(\s*)\}\n\}$/,
      ',\n$1]\n$2}\n}',
    );
    expect(loose).not.toBe(GOOD_TD);
    expect(() => {
      JSON.parse(loose);
    }).toThrow();
    const strict = byCode(run({ 'td.json': GOOD_TD }), 'graceful-timeout-exceeds-stop-timeout');
    const read = byCode(run({ 'td.json': loose }), 'graceful-timeout-exceeds-stop-timeout');
    expect(read).toHaveLength(1);
    expect(read[0]!.message).toBe(strict[0]!.message);
  });
});
