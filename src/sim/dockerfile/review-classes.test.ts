/**
 * The classes of mistakes a hand review of public Flask Dockerfiles found (issue 15), and the
 * checker messages the expert review corrected (issue 13). Every input is written here.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, checkDockerfile } from './check';
import type { Finding } from './types';

const SLIM = 'FROM python:3.12-slim-bookworm';
const codes = (text: string, dockerignore?: string, today?: string): string[] =>
  checkDockerfile(text, { dockerignore, today }).map((f) => f.code);
const find = (text: string, code: string): Finding | undefined =>
  checkDockerfile(text).find((f) => f.code === code);

describe('secret-in-env and values that are file paths', () => {
  it('does not report a secret-sounding name whose value is a path to the secret', () => {
    for (const value of ['/app/credentials.json', './secrets/key.pem', '~/.aws/credentials'])
      expect(codes(`${SLIM}\nENV GOOGLE_APPLICATION_CREDENTIALS=${value}\n`), value).not.toContain(
        'secret-in-env',
      );
  });
  it('still reports the name when the value is the secret itself', () => {
    expect(
      codes(`${SLIM}\nENV GOOGLE_APPLICATION_CREDENTIALS={"type":"service_account"}\n`),
    ).toContain('secret-in-env');
    expect(codes(`${SLIM}\nENV API_TOKEN=9f8e7d6c5b4a\n`)).toContain('secret-in-env');
    // A URL with a password is a secret even though it contains slashes.
    expect(codes(`${SLIM}\nENV DATABASE_URL=postgresql://app:pw@db/app\n`)).toContain(
      'secret-in-env',
    );
  });
});

describe('add-instead-of-copy reads ARG values', () => {
  it('stays quiet when the ARG default is a URL (COPY cannot fetch it)', () => {
    const text = `${SLIM}\nARG WHEEL_URL=https://example.com/dist/app-1.0-py3-none-any.whl\nADD $WHEEL_URL /tmp/\n`;
    expect(codes(text)).not.toContain('add-instead-of-copy');
    const global = `ARG SRC=https://example.com/x.tgz\n${SLIM}\nARG SRC\nADD \${SRC} /opt/\n`;
    expect(codes(global)).not.toContain('add-instead-of-copy');
  });
  it('stays quiet when the ARG has no default (the build may pass a URL)', () => {
    expect(codes(`${SLIM}\nARG SRC\nADD $SRC /opt/\n`)).not.toContain('add-instead-of-copy');
  });
  it('fires when the ARG default is a local file', () => {
    expect(codes(`${SLIM}\nARG SRC=app.py\nADD $SRC /app/\n`)).toContain('add-instead-of-copy');
  });
});

describe('dockerignore-incomplete', () => {
  const ignore = '.git\n';
  it('stays quiet when no instruction copies the whole context', () => {
    expect(codes(`${SLIM}\nCOPY app.py requirements.txt ./\n`, ignore)).not.toContain(
      'dockerignore-incomplete',
    );
    expect(codes(`${SLIM}\nCOPY --from=build /app .\n`, ignore)).not.toContain(
      'dockerignore-incomplete',
    );
  });
  it('fires, naming the copy, when one does', () => {
    const found = checkDockerfile(`${SLIM}\nWORKDIR /app\nADD . /app\n`, {
      dockerignore: ignore,
    }).find((f) => f.code === 'dockerignore-incomplete');
    expect(found?.message).toMatch(/ADD on line 3 copies the whole build context/);
  });
});

describe('eol-python: Alpine-only tags and distribution bases', () => {
  const eol = (from: string, today?: string) =>
    codes(`FROM ${from}\n`, undefined, today).includes('eol-python');
  it('reports end-of-life Alpine, Debian and Ubuntu bases', () => {
    for (const from of [
      'python:alpine3.11',
      'python:3.12-alpine3.19',
      'alpine:3.11',
      'alpine:3.18.4',
      'ubuntu:18.04',
      'ubuntu:bionic',
      'ubuntu:bionic-20230530',
      'ubuntu:23.10',
      'debian:buster',
      'debian:10-slim',
      'debian:bullseye-slim',
      'docker.io/library/debian:9',
      'python:3.12-slim-bullseye',
    ])
      expect(eol(from), from).toBe(true);
  });
  it('stays quiet on supported ones', () => {
    for (const from of [
      'python:3.12-alpine',
      'python:3.13-alpine3.22',
      'alpine:3.23',
      'debian:bookworm-slim',
      'debian:12',
      'ubuntu:24.04',
      'ubuntu:noble',
      'python:3.12-slim-bookworm',
    ])
      expect(eol(from), from).toBe(false);
  });
  it('compares with the date it is given', () => {
    expect(eol('alpine:3.22', '2027-05-02')).toBe(true);
    expect(eol('alpine:3.22', '2027-05-01')).toBe(false);
    expect(eol('python:3.11-slim', '2027-11-01')).toBe(true);
    expect(eol('ubuntu:18.04', '2023-05-31')).toBe(false);
    expect(eol('ubuntu:18.04', '2023-06-01')).toBe(true);
  });
  it('names the release and its end date', () => {
    expect(find('FROM ubuntu:18.04\n', 'eol-python')?.message).toMatch(
      /Ubuntu 18\.04 \(bionic\).*May 2023/,
    );
    expect(find('FROM python:alpine3.11\n', 'eol-python')?.message).toMatch(
      /Alpine 3\.11.*2021-11-01/,
    );
  });
});

describe('unpinned-base and COPY --from an image', () => {
  it('reports an image copied from by :latest or by no tag', () => {
    const text = `${SLIM}\nCOPY --from=ghcr.io/astral-sh/uv:latest /uv /bin/uv\nCOPY --from=busybox /bin/wget /bin/\n`;
    const found = checkDockerfile(text).filter((f) => f.code === 'unpinned-base');
    expect(found.map((f) => f.line)).toEqual([2, 3]);
  });
  it('stays quiet on stages and pinned images', () => {
    const text = `${SLIM} AS build\nRUN true\n${SLIM}\nCOPY --from=build /a /a\nCOPY --from=0 /b /b\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv\nCOPY --from=busybox@sha256:${'a'.repeat(64)} /bin/wget /bin/\n`;
    expect(codes(text)).not.toContain('unpinned-base');
  });
});

describe('hadolint rules that matter for Flask images', () => {
  it('DL3009: apt-get update without removing the lists, even with no install', () => {
    expect(codes(`${SLIM}\nRUN apt-get update\n`)).toContain('apt-lists-not-removed');
    expect(find(`${SLIM}\nRUN apt-get update\n`, 'apt-lists-not-removed')?.peers).toContain(
      'DL3009',
    );
  });
  it('DL4006: a pipe under /bin/sh; quiet with pipefail in SHELL, or || only', () => {
    expect(
      find(`${SLIM}\nRUN wget -qO- https://example.com/i.sh | sh\n`, 'pipefail-missing')?.peers,
    ).toContain('DL4006');
    const heredoc = `# syntax=docker/dockerfile:1\n${SLIM}\nRUN <<EOF\ncurl -fsSL https://example.com/a.tgz | tar -xz\nEOF\n`;
    expect(codes(heredoc)).toContain('pipefail-missing');
    expect(
      codes(
        `FROM python:3.12-alpine\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -qO- https://example.com/a | tar -x\n`,
      ),
    ).not.toContain('pipefail-missing');
    expect(codes(`${SLIM}\nRUN test -f /x || echo 'a | b'\n`)).not.toContain('pipefail-missing');
    expect(codes(`${SLIM}\nRUN ["sh", "-c", "a | b"]\n`)).not.toContain('pipefail-missing');
  });
  it('DL3027: apt instead of apt-get', () => {
    expect(find(`${SLIM}\nRUN apt install -y curl\n`, 'apt-instead-of-apt-get')?.peers).toContain(
      'DL3027',
    );
    expect(codes(`${SLIM}\nRUN apt-get install -y curl\n`)).not.toContain('apt-instead-of-apt-get');
  });
  it('DL3008 / DL3013 / DL3018 as info: packages without versions', () => {
    const found = find(
      `FROM python:3.12-alpine\nRUN apk add --no-cache libpq && pip install flask gunicorn==23.0.0\n`,
      'unpinned-packages',
    );
    expect(found?.level).toBe('info');
    expect(found?.message).toMatch(/^libpq, flask are installed without a version/);
    expect(found?.peers).toEqual(expect.arrayContaining(['DL3008', 'DL3013', 'DL3018']));
    expect(codes(`FROM python:3.12-alpine\nRUN apk add --no-cache libpq=16.4-r0\n`)).not.toContain(
      'unpinned-packages',
    );
  });
});

describe('an ARG chain that doubles a value', () => {
  const chain = (doublings: number): string => {
    let text = 'ARG A0=3.12-slim\n';
    for (let k = 1; k <= doublings; k += 1) text += `ARG A${k}=\${A${k - 1}}\${A${k - 1}}\n`;
    return `${text}FROM python:\${A${doublings}}\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n`;
  };
  it('is checked with bounded output, and says where the value was cut', () => {
    for (const doublings of [28, 29, 40]) {
      const findings = checkDockerfile(chain(doublings));
      expect(JSON.stringify(findings).length).toBeLessThan(100_000);
      for (const finding of findings)
        expect(finding.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      const cut = findings.filter((f) => f.code === 'expansion-too-long');
      expect(cut).toHaveLength(1);
      expect(cut[0]!.line).toBe(11); // A10: 9 × 2^10 characters > 8,192
      expect(findings.some((f) => f.code === 'parse-error')).toBe(false);
    }
  });
  it('bounds the total across many long values', () => {
    let text = 'ARG A0=xxxxxxxx\n';
    for (let k = 1; k <= 10; k += 1) text += `ARG A${k}=\${A${k - 1}}\${A${k - 1}}\n`; // 8,192 chars
    for (let k = 0; k < 400; k += 1) text += `ARG B${k}=\${A10}-\n`;
    text += `${SLIM}\n`;
    const findings = checkDockerfile(text).filter((f) => f.code === 'expansion-too-long');
    expect(findings.some((f) => /stopped expanding/.test(f.message))).toBe(true);
  });
});

describe('issue 13: the checker says what Docker really does', () => {
  it('a single-quoted "JSON array" CMD is an error: /bin/sh finds no program "[gunicorn,"', () => {
    const findings = checkDockerfile(`${SLIM}\nCMD ['gunicorn', 'app:app']\n`);
    const broken = findings.find((f) => f.code === 'invalid-json-args');
    expect(broken?.level).toBe('error');
    expect(broken?.message).toContain('"[gunicorn,: not found"');
    expect(broken?.message).toContain('127');
    expect(broken?.message).toMatch(/Gunicorn never runs/);
    // Not also told that Gunicorn misses SIGTERM: it never starts.
    expect(findings.some((f) => f.code === 'shell-form-cmd')).toBe(false);
  });
  it('the shell test command [ … ] is not almost-JSON', () => {
    const text = `${SLIM}\nCMD [ -f /app/ready ] && exec gunicorn -b 0.0.0.0:8000 app:app\n`;
    expect(codes(text)).not.toContain('invalid-json-args');
  });
  it('FLASK_ENV is obsolete (removed in Flask 2.3.0), not a debug risk', () => {
    const findings = checkDockerfile(`${SLIM}\nENV FLASK_ENV=development\n`);
    expect(findings.some((f) => f.code === 'flask-debug')).toBe(false);
    const obsolete = findings.find((f) => f.code === 'flask-env-obsolete');
    expect(obsolete?.level).toBe('info');
    expect(obsolete?.message).toMatch(/removed FLASK_ENV in 2\.3\.0/);
  });
});
