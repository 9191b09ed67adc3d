import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDockerfile } from './parse';
import { buildModel } from './model';
import { checkDockerfile } from './check';
import { parseExecForm, expandVars, splitShellCommands } from './words';

describe('parser', () => {
  it('joins continuations without a separator and drops comment lines inside them', () => {
    const parsed = parseDockerfile('FROM x\nRUN a \\\n# note\n  && b\nCMD ["c"]\n');
    const run = parsed.instructions[1]!;
    expect(run.args).toBe('a   && b');
    expect(run.line).toBe(2);
    expect(run.endLine).toBe(4);
    expect(parsed.instructions[2]!.line).toBe(5);
  });

  it('finds the keyword after any blanks, even when it starts on a continuation line', () => {
    const parsed = parseDockerfile('FROM x\n\t run\techo  hi\n  \\\nCMD ["c"]\n');
    expect(parsed.instructions.map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'x'],
      ['RUN', 'echo  hi'],
      ['CMD', '["c"]'],
    ]);
    expect(parsed.instructions[1]!.column).toBe(3);
  });

  it('honours the escape directive (backtick) and rejects odd ones with a finding', () => {
    const parsed = parseDockerfile('# escape=`\nFROM x\nRUN a `\n  b\n');
    expect(parsed.escape).toBe('`');
    expect(parsed.instructions[1]!.args).toBe('a   b');
    const odd = checkDockerfile('# escape=x\nFROM python:3.12-slim\n');
    expect(odd.find((f) => f.code === 'parse-error')?.message).toMatch(/escape/);
  });

  it('reads directives only at the top', () => {
    const parsed = parseDockerfile(
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n\n# escape=`\nFROM x\n',
    );
    expect(parsed.directives.map((d) => d.name)).toEqual(['syntax', 'check']);
    expect(parsed.escape).toBe('\\');
  });

  it('takes heredoc bodies as part of the instruction', () => {
    const text = 'FROM x\nRUN <<EOF\nset -e\nCMD not-an-instruction\nEOF\nCMD ["gunicorn"]\n';
    const parsed = parseDockerfile(text);
    expect(parsed.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD']);
    expect(parsed.instructions[1]!.heredocs[0]!.body).toBe('set -e\nCMD not-an-instruction');
  });

  it('reports an unterminated heredoc', () => {
    const findings = checkDockerfile('FROM python:3.12-slim\nRUN <<EOF\necho hi\n');
    expect(findings.some((f) => f.code === 'parse-error' && /never closed/.test(f.message))).toBe(
      true,
    );
  });

  it('handles CRLF and a BOM', () => {
    const parsed = parseDockerfile('\uFEFFFROM x\r\nUSER app\r\n');
    expect(parsed.hadBom).toBe(true);
    expect(parsed.instructions.map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'x'],
      ['USER', 'app'],
    ]);
  });

  it('warns about a lone continuation at the end of the file', () => {
    const findings = checkDockerfile('FROM python:3.12-slim\nRUN echo hi \\');
    expect(findings.some((f) => f.code === 'parse-warning' && f.line === 2)).toBe(true);
  });

  it('explains empty input and binary junk', () => {
    expect(checkDockerfile('').map((f) => f.code)).toEqual(['parse-error']);
    const junk = checkDockerfile('\u0000\u0001PNG\u0002\u0003\u0000');
    expect(junk).toHaveLength(1);
    expect(junk[0]!.message).toMatch(/binary/);
  });

  it('copes with 10,000 lines and a 1 MB file', () => {
    const lines = Array.from({ length: 10_000 }, (_, k) => `RUN echo ${k}`).join('\n');
    const findings = checkDockerfile(`FROM python:3.12-slim\n${lines}\n`);
    expect(findings.some((f) => f.code === 'root-user')).toBe(true);
    const big = `FROM python:3.12-slim\nRUN echo ${'a'.repeat(1024 * 1024)}\n`;
    expect(() => checkDockerfile(big)).not.toThrow();
  });
});

describe('Docker decisions', () => {
  it('exec form only for a JSON array of strings', () => {
    expect(parseExecForm('["a", "b"]')).toEqual(['a', 'b']);
    expect(parseExecForm("['a']")).toBeNull();
    expect(parseExecForm('["a", 1]')).toBeNull();
    expect(parseExecForm('["a"')).toBeNull();
    expect(parseExecForm('a b')).toBeNull();
  });

  it('expands ARG/ENV with defaults', () => {
    const vars = new Map([['A', 'x']]);
    expect(expandVars('${A}-${B:-d}-$A-\\$A', vars)).toBe('x-d-x-$A');
    expect(expandVars('${A:+set}${B:+set}', vars)).toBe('set');
  });

  it('splits shell scripts into commands', () => {
    expect(splitShellCommands("a 'b c' && exec d; e | f").map((c) => c.words)).toEqual([
      ['a', 'b c'],
      ['exec', 'd'],
      ['e'],
      ['f'],
    ]);
  });

  it('uses global ARGs in FROM and inherits ENV through FROM <stage>', () => {
    const model = buildModel(
      parseDockerfile(
        'ARG V=3.12\nFROM python:${V}-slim AS base\nENV PORT=9000\nFROM base\nCMD gunicorn app:app\n',
      ),
    );
    expect(model.stages[0]!.image).toBe('python:3.12-slim');
    expect(model.finalChain).toHaveLength(2);
    expect(model.gunicorn?.port).toBe(9000);
    expect(model.gunicorn?.bindSource).toBe('port-env');
  });

  it('resets an inherited CMD when a later stage sets ENTRYPOINT', () => {
    const model = buildModel(
      parseDockerfile('FROM x AS a\nCMD ["gunicorn"]\nFROM a\nENTRYPOINT ["/run.sh"]\n'),
    );
    expect(model.cmd).toBeNull();
    expect(model.pid1Argv).toEqual(['/run.sh']);
  });

  it('finds Gunicorn behind tini, sh -c and GUNICORN_CMD_ARGS', () => {
    const model = buildModel(
      parseDockerfile(
        'FROM x\nENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:7000 --workers=3 --timeout 0"\nENTRYPOINT ["tini", "--"]\nCMD ["sh", "-c", "exec gunicorn app:app"]\n',
      ),
    );
    expect(model.gunicorn?.port).toBe(7000);
    expect(model.gunicorn?.workers).toBe('3');
    expect(model.gunicorn?.timeoutSeconds).toBe(0);
  });
});

describe('suppressions', () => {
  const base = 'FROM python:3.12-slim\n';
  it('marks a finding suppressed by the comment above, and keeps it', () => {
    const findings = checkDockerfile(
      `${base}# flask-lab-ignore: stop-signal-quick -- load test image\nSTOPSIGNAL SIGINT\n`,
    );
    const hit = findings.find((f) => f.code === 'stop-signal-quick');
    expect(hit?.suppressed).toEqual({
      by: 'flask-lab-ignore: stop-signal-quick',
      reason: 'load test image',
    });
  });

  it('honours file-level pragmas and hadolint ids for rules with a hadolint peer', () => {
    const file = checkDockerfile(`# flask-lab-ignore-file: healthcheck-missing\n${base}`);
    expect(file.find((f) => f.code === 'healthcheck-missing')?.suppressed).toBeDefined();
    const hadolint = checkDockerfile(`${base}# hadolint ignore=DL3003\nRUN cd /app && make\n`);
    expect(hadolint.find((f) => f.code === 'run-cd')?.suppressed?.by).toBe(
      'hadolint ignore=DL3003',
    );
    const unrelated = checkDockerfile(`${base}# hadolint ignore=DL3008\nRUN cd /app && make\n`);
    expect(unrelated.find((f) => f.code === 'run-cd')?.suppressed).toBeUndefined();
  });

  it('applies a comment only to the instruction right below it', () => {
    const findings = checkDockerfile(
      `${base}RUN cd /a && make\n# flask-lab-ignore: run-cd\nRUN cd /b && make\n`,
    );
    const runCd = findings.filter((f) => f.code === 'run-cd');
    expect(runCd.map((f) => [f.line, f.suppressed !== undefined])).toEqual([
      [2, false],
      [4, true],
    ]);
  });

  it('does not let a comment separated by a blank line suppress', () => {
    const findings = checkDockerfile(
      `${base}# flask-lab-ignore: stop-signal-quick\n\nSTOPSIGNAL SIGINT\n`,
    );
    expect(findings.find((f) => f.code === 'stop-signal-quick')?.suppressed).toBeUndefined();
  });
});

describe('robustness', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
        (text, ignore) => {
          const findings = checkDockerfile(text, { dockerignore: ignore });
          for (const f of findings) expect(f.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on Dockerfile-shaped noise', () => {
    const token = fc.constantFrom(
      'FROM ',
      'python:3.12-slim',
      'AS b',
      'RUN ',
      'CMD ',
      'ENTRYPOINT ',
      '["sh","-c","',
      '"]',
      '\\\n',
      '\n',
      '<<EOF',
      'EOF',
      '# escape=`\n',
      '`',
      '$PORT',
      '${X:-1}',
      'USER ',
      'root',
      'COPY --from=b ',
      '. .',
      'ENV ',
      'A=1',
      "'",
      '"',
      'HEALTHCHECK CMD curl ',
      'gunicorn ',
      '-b ',
      '--timeout 0',
      'ARG ',
      '\r\n',
      '\uFEFF',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
        checkDockerfile(parts.join(''), { dockerignore: parts.join('') });
      }),
      { numRuns: 500 },
    );
  });
});

describe('no catastrophic patterns', () => {
  it('handles long runs that would make backtracking regexes quadratic', () => {
    // Each of these finishes quickly with the loop-based helpers; a quadratic regex would not.
    const runs = [
      `FROM python:3.12-slim\nRUN ${'useradd '.repeat(50_000)}\n`,
      `FROM python:3.12-slim\nCOPY ${'/'.repeat(200_000)}x /app/\n`,
      `FROM python:3.12-slim\nENV A=${'eyJ'.repeat(100_000)}\n`,
      `FROM python:3.12-slim\nCMD ${'['.repeat(100_000)}\n`,
      `FROM python:3.12-slim\nRUN ${'"'.repeat(100_001)}\n`,
    ];
    for (const text of runs) expect(checkDockerfile(text).length).toBeGreaterThan(0);
  });
});
