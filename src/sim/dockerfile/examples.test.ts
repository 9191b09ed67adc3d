import { describe, expect, it } from 'vitest';
import { checkDockerfile, passes } from './check';
import { EXAMPLES, GOOD_DOCKERFILE, GOOD_DOCKERIGNORE } from './examples';
import { applyAllFixes, applyEdits, applyFix } from './fix';
import { scoreChecklist } from './checklist';

const errors = (dockerfile: string, dockerignore?: string) =>
  checkDockerfile(dockerfile, { dockerignore }).filter((f) => f.level === 'error' && !f.suppressed);

describe('examples', () => {
  it('has the guide’s good image and at least eight broken ones', () => {
    expect(EXAMPLES.filter((e) => e.expected.length > 0).length).toBeGreaterThanOrEqual(8);
    expect(errors(GOOD_DOCKERFILE, GOOD_DOCKERIGNORE)).toEqual([]);
  });

  it('scores the good image at full marks on the chapter 8 checklist', () => {
    const score = scoreChecklist(
      checkDockerfile(GOOD_DOCKERFILE, { dockerignore: GOOD_DOCKERIGNORE }),
    );
    expect(score.passed).toBe(score.total);
  });

  it.each(EXAMPLES.filter((e) => e.expected.length > 0).map((e) => [e.id, e] as const))(
    '%s reports what it demonstrates',
    (_id, example) => {
      const codes = checkDockerfile(example.dockerfile, { dockerignore: example.dockerignore }).map(
        (f) => f.code,
      );
      for (const code of example.expected) expect(codes).toContain(code);
      expect(
        scoreChecklist(checkDockerfile(example.dockerfile, { dockerignore: example.dockerignore }))
          .passed,
      ).toBeLessThan(9);
    },
  );

  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    '%s passes after applying every safe fix',
    (_id, example) => {
      const fixed = applyAllFixes({
        dockerfile: example.dockerfile,
        dockerignore: example.dockerignore,
      });
      const findings = checkDockerfile(fixed.dockerfile, { dockerignore: fixed.dockerignore });
      expect(passes(findings), JSON.stringify(findings.filter((f) => f.level === 'error'))).toBe(
        true,
      );
    },
  );
});

describe('fixes', () => {
  it('turns shell form into exec form', () => {
    const text = 'FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:8000 app:app\n';
    const finding = checkDockerfile(text).find((f) => f.code === 'shell-form-cmd')!;
    const fixed = applyFix({ dockerfile: text }, finding);
    expect(fixed.dockerfile).toBe(
      'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    );
  });

  it('prefixes exec when the shell form needs the shell (variables)', () => {
    const text = 'FROM python:3.12-slim\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n';
    const fixed = applyAllFixes({ dockerfile: text });
    expect(fixed.dockerfile).toContain('CMD exec gunicorn -b 0.0.0.0:$PORT app:app');
  });

  it('adds a user and switches to it before CMD', () => {
    const text = 'FROM python:3.12-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n';
    const finding = checkDockerfile(text).find((f) => f.code === 'root-user')!;
    const lines = applyFix({ dockerfile: text }, finding).dockerfile.split('\n');
    expect(lines[1]).toMatch(/^RUN useradd .*appuser$/);
    expect(lines[2]).toBe('USER appuser');
    expect(lines[3]).toMatch(/^CMD/);
    expect(checkDockerfile(lines.join('\n')).map((f) => f.code)).not.toContain('root-user');
  });

  it('adds PYTHONUNBUFFERED right after the final FROM', () => {
    const text =
      'FROM python:3.12-slim AS build\nRUN true\nFROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n';
    const finding = checkDockerfile(text).find((f) => f.code === 'python-unbuffered')!;
    expect(applyFix({ dockerfile: text }, finding).dockerfile.split('\n')[3]).toBe(
      'ENV PYTHONUNBUFFERED=1',
    );
  });

  it('adds the missing .dockerignore lines', () => {
    const text = 'FROM python:3.12-slim\nCOPY . .\n';
    const fixed = applyAllFixes({ dockerfile: text, dockerignore: '.git\n' });
    const codes = checkDockerfile(fixed.dockerfile, { dockerignore: fixed.dockerignore }).map(
      (f) => f.code,
    );
    expect(codes).not.toContain('dockerignore-incomplete');
    expect(fixed.dockerignore?.startsWith('.git\n')).toBe(true);
  });

  it('creates a .dockerignore when there is none', () => {
    const fixed = applyAllFixes({ dockerfile: 'FROM python:3.12-slim\nCOPY . .\n' });
    expect(fixed.dockerignore).toContain('**/.env');
    expect(fixed.dockerignore).toContain('instance/');
  });

  it('keeps CRLF line endings and the BOM', () => {
    expect(
      applyEdits('\uFEFFa\r\nb\r\n', [
        { target: 'dockerfile', startLine: 2, endLine: 1, lines: ['x'] },
      ]),
    ).toBe('\uFEFFa\r\nx\r\nb\r\n');
  });

  it('skips an edit that overlaps one already accepted', () => {
    const out = applyEdits('a\nb\nc\n', [
      { target: 'dockerfile', startLine: 2, endLine: 2, lines: ['B'] },
      { target: 'dockerfile', startLine: 1, endLine: 2, lines: ['X'] },
    ]);
    expect(out).toBe('a\nB\nc\n');
  });
});

describe('gunicorn-bind-default fix', () => {
  it('adds --bind inside a sh -c string and in shell form', () => {
    for (const cmd of ['CMD ["sh", "-c", "exec gunicorn app:app"]', 'CMD exec gunicorn app:app']) {
      const text = `FROM python:3.12-slim\n${cmd}\n`;
      const finding = checkDockerfile(text).find((f) => f.code === 'gunicorn-bind-default')!;
      const fixed = applyFix({ dockerfile: text }, finding).dockerfile;
      expect(fixed).toContain('gunicorn --bind 0.0.0.0:8000 app:app');
      expect(checkDockerfile(fixed).map((f) => f.code)).not.toContain('gunicorn-bind-default');
    }
  });
});
