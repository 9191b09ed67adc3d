import { describe, expect, it } from 'vitest';
import { checkDockerfile, RULE_METAS } from './check';
import { RULE_FIXTURES, GOOD_CASE } from './fixtures/rule-fixtures';
import { RULES } from './rules/index';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The public interface from docs/dockerfile-checker.md: these codes with exactly these levels. */
const SPEC: Record<string, 'error' | 'warning' | 'info'> = {
  'dev-server': 'error',
  'flask-debug': 'error',
  'shell-form-cmd': 'error',
  'shell-wrapper': 'warning',
  'exec-form-variable': 'warning',
  'invalid-json-args': 'error',
  'entrypoint-not-pid1': 'info',
  'root-user': 'error',
  'user-not-created': 'warning',
  'single-stage': 'warning',
  'build-tools-in-runtime': 'warning',
  'venv-not-on-path': 'error',
  'python-version-mismatch': 'error',
  'base-not-slim': 'info',
  'alpine-base': 'warning',
  'unpinned-base': 'warning',
  'eol-python': 'warning',
  'healthcheck-missing': 'warning',
  'healthcheck-tool-missing': 'error',
  'healthcheck-port-mismatch': 'warning',
  'secret-in-env': 'error',
  'secret-file-copied': 'error',
  'dockerignore-missing': 'warning',
  'dockerignore-incomplete': 'warning',
  'dockerignore-root-anchored': 'info',
  'pip-cache': 'info',
  'python-unbuffered': 'info',
  'gunicorn-bind-default': 'error',
  'expose-mismatch': 'warning',
  'stop-signal-quick': 'warning',
  'gunicorn-timeout-zero': 'warning',
  'gunicorn-reload': 'warning',
  'graceful-vs-stop-timeout': 'info',
  'no-gunicorn-config': 'info',
};
const HYGIENE = [
  'add-instead-of-copy',
  'apt-no-recommends',
  'apt-lists-not-removed',
  'workdir-relative',
  'multiple-cmd',
  'maintainer-deprecated',
  'legacy-env-format',
  'run-cd',
];

describe('rule registry', () => {
  it('implements every rule of docs/dockerfile-checker.md with its level', () => {
    const levels = new Map(RULE_METAS.map((m) => [m.code, m.level]));
    for (const [code, level] of Object.entries(SPEC)) expect(levels.get(code), code).toBe(level);
    for (const code of HYGIENE) expect(levels.has(code), code).toBe(true);
  });

  it('has one file per rule, named after its code, and unique codes', () => {
    const dir = fileURLToPath(new URL('./rules/', import.meta.url));
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(RULES.map((r) => r.meta.code).sort()).toEqual(files);
    expect(new Set(files).size).toBe(files.length);
  });

  it('keeps the hadolint peers the rules file names', () => {
    const peers = new Map(RULE_METAS.map((m) => [m.code, m.peers]));
    expect(peers.get('shell-form-cmd')).toContain('DL3025');
    expect(peers.get('root-user')).toContain('DL3002');
    expect(peers.get('unpinned-base')).toEqual(expect.arrayContaining(['DL3006', 'DL3007']));
    expect(peers.get('pip-cache')).toContain('DL3042');
    expect(peers.get('add-instead-of-copy')).toContain('DL3020');
    expect(peers.get('run-cd')).toContain('DL3003');
  });
});

describe.each(RULE_METAS.map((m) => m.code))('rule %s', (code) => {
  const fixture = RULE_FIXTURES[code];
  it('has fixtures', () => {
    expect(fixture).toBeDefined();
  });
  if (!fixture) return;
  it('fires on its fixture', () => {
    const findings = checkDockerfile(fixture.fires.dockerfile, {
      dockerignore: fixture.fires.dockerignore,
    });
    const hits = findings.filter((f) => f.code === code);
    expect(hits.length, JSON.stringify(findings.map((f) => f.code))).toBeGreaterThan(0);
    if (fixture.fires.line !== undefined)
      expect(hits.map((h) => h.line)).toContain(fixture.fires.line);
    for (const hit of hits) {
      expect(hit.message.length).toBeGreaterThan(20);
      expect(hit.chapterLink).toMatch(/^\/the-container\/#[a-z-]+$/);
      expect(hit.docUrl).toMatch(/^https:\/\//);
      expect(hit.column).toBeGreaterThanOrEqual(1);
    }
  });
  it('stays quiet on its near miss', () => {
    const findings = checkDockerfile(fixture.quiet.dockerfile, {
      dockerignore: fixture.quiet.dockerignore,
    });
    expect(findings.filter((f) => f.code === code)).toEqual([]);
  });
  it('stays quiet on the guide’s own Dockerfile', () => {
    const findings = checkDockerfile(GOOD_CASE.dockerfile, {
      dockerignore: GOOD_CASE.dockerignore,
    });
    expect(findings.filter((f) => f.code === code)).toEqual([]);
  });
});

describe('gunicorn-bind-default and a gunicorn.conf.py that may come with the build context', () => {
  const finding = (dockerfile: string, dockerignore?: string) =>
    checkDockerfile(dockerfile, { dockerignore }).find((f) => f.code === 'gunicorn-bind-default');
  const app = (copy: string, cmd = '["gunicorn", "app:app"]'): string =>
    `FROM python:3.12-slim\nWORKDIR /app\n${copy}\nCMD ${cmd}\n`;
  const UNSURE = /Unless a gunicorn\.conf\.py brought in by the (COPY|ADD) on line 3 sets bind/;

  it('says it cannot know when the file may land where Gunicorn starts', () => {
    for (const copy of ['COPY . .', 'COPY ./ /app/', 'COPY *.py ./', 'ADD . /app'])
      expect(finding(app(copy))?.message, copy).toMatch(UNSURE);
    // Relative WORKDIRs build on the previous one.
    const nested = `FROM python:3.12-slim\nWORKDIR /srv\nCOPY . /srv/app\nWORKDIR app\nCMD ["gunicorn", "app:app"]\n`;
    expect(finding(nested)?.message).toMatch(/brought in by the COPY on line 3/);
  });

  it('is certain when the file cannot be there', () => {
    const cases: [string, string | undefined][] = [
      [app('COPY . .'), 'gunicorn.conf.py\n'], // the .dockerignore keeps it out
      [app('COPY . .'), '*\n!app.py\n'],
      [app('COPY . /src'), undefined], // copied where Gunicorn does not look
      [app('COPY app.py requirements.txt ./'), undefined],
      [app('COPY --from=build /app .'), undefined],
    ];
    for (const [dockerfile, dockerignore] of cases) {
      const message = finding(dockerfile, dockerignore)?.message ?? '';
      expect(message, dockerfile).toMatch(/no PORT and no gunicorn\.conf\.py, so it listens/);
    }
  });

  it('is quiet once the command says where the settings come from', () => {
    expect(
      finding(app('COPY . .', '["gunicorn", "-c", "gunicorn.conf.py", "app:app"]')),
    ).toBeUndefined();
    expect(
      finding(app('COPY . .', '["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]')),
    ).toBeUndefined();
  });
});
