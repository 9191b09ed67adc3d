// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DockerfileChecker } from './DockerfileChecker';
import { decodeShared, encodeShared, payloadFromHash } from './share-codec';
import { NOT_BASE64URL, ignoredStateNotice } from '../../runtime/url-state';

function dockerfileArea(): HTMLTextAreaElement {
  const element = screen.getByLabelText('Dockerfile');
  if (!(element instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
  return element;
}

function verdict(): string {
  return document.querySelector('.dfc-verdict')?.textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/the-container/');
});

afterEach(() => {
  cleanup();
});

describe('DockerfileChecker widget', () => {
  it('shows the shell-form example failing, with the finding on its line', () => {
    render(<DockerfileChecker />);
    expect(verdict()).toContain('does not pass');
    expect(screen.getByText('shell-form-cmd')).toBeTruthy();
    const lines = dockerfileArea().value.split('\n');
    const cmdLine = lines.findIndex((l) => l.startsWith('CMD gunicorn')) + 1;
    expect(
      screen.getByRole('button', { name: `Go to line ${cmdLine} (shell-form-cmd)` }),
    ).toBeTruthy();
  });

  it('moves the cursor to a finding’s line when it is clicked', () => {
    render(<DockerfileChecker />);
    const area = dockerfileArea();
    const lines = area.value.split('\n');
    const cmdLine = lines.findIndex((l) => l.startsWith('CMD gunicorn')) + 1;
    fireEvent.click(screen.getByRole('button', { name: `Go to line ${cmdLine} (shell-form-cmd)` }));
    expect(document.activeElement).toBe(area);
    expect(area.selectionStart).toBe(lines.slice(0, cmdLine - 1).join('\n').length + 1);
  });

  it('applies every safe fix and then passes', async () => {
    render(<DockerfileChecker preset="dev-server" />);
    expect(verdict()).toContain('does not pass');
    fireEvent.click(screen.getByRole('button', { name: 'Apply all safe fixes' }));
    await waitFor(() => {
      expect(verdict()).toContain('this Dockerfile passes');
    });
    expect(dockerfileArea().value).toContain(
      'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp:app"]',
    );
  });

  it('applies one fix from its own button', () => {
    render(<DockerfileChecker preset="root" />);
    const button = screen.getAllByRole('button', { name: /^Apply fix for root-user/ })[0]!;
    fireEvent.click(button);
    expect(dockerfileArea().value).toContain('USER appuser');
    expect(screen.queryByText('root-user')).toBeNull();
  });

  it('re-checks after typing', async () => {
    render(<DockerfileChecker />);
    fireEvent.input(dockerfileArea(), {
      target: { value: 'FROM python:3.12-slim\nSTOPSIGNAL SIGKILL\n' },
    });
    await waitFor(() => {
      expect(screen.getByText('stop-signal-quick')).toBeTruthy();
    });
  });

  it('loads an example from the picker', () => {
    render(<DockerfileChecker />);
    fireEvent.change(screen.getByRole('combobox', { name: /Example/ }), {
      target: { value: 'good' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Load example' }));
    expect(verdict()).toContain('this Dockerfile passes');
    expect(document.querySelector('.dfc-score summary')?.textContent).toBe(
      'Chapter 8 checklist: 9 of 9',
    );
  });

  it('survives a 1 MB paste and binary junk with a readable finding', async () => {
    render(<DockerfileChecker />);
    fireEvent.input(dockerfileArea(), {
      target: { value: `FROM python:3.12-slim\nRUN echo ${'x'.repeat(1024 * 1024)}\n` },
    });
    await waitFor(() => {
      expect(screen.getByText('root-user')).toBeTruthy();
    });
    fireEvent.input(dockerfileArea(), { target: { value: '\u0000\u0001\u0002junk' } });
    await waitFor(() => {
      expect(document.body.textContent).toContain('binary data');
    });
  });

  it('restores a shared link from the hash', async () => {
    const payload = await encodeShared({
      dockerfile: 'FROM python:3.12-slim\nUSER root\n',
      dockerignore: null,
    });
    window.history.replaceState(null, '', `/the-container/#dockerfile-checker~${payload}`);
    render(<DockerfileChecker />);
    await waitFor(() => {
      expect(dockerfileArea().value).toBe('FROM python:3.12-slim\nUSER root\n');
    });
  });

  it('says so when the Dockerfile is too large for a link', async () => {
    render(<DockerfileChecker />);
    // Text that deflate cannot shrink much: a simple linear congruential sequence of letters.
    let seed = 12345;
    let noise = '';
    for (let k = 0; k < 20_000; k += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      noise += String.fromCharCode(97 + (seed % 26));
    }
    fireEvent.input(dockerfileArea(), {
      target: { value: `FROM python:3.12-slim\nLABEL x="${noise}"\n` },
    });
    await waitFor(() => {
      expect(document.querySelector('.dfc-share-note')?.textContent).toMatch(
        /Too large to share as a link/,
      );
    });
  });

  it('reads a link cut short with the site’s URL-state decoder and its notice, not atob’s error', async () => {
    const payload = await encodeShared({
      dockerfile: 'FROM python:3.12-slim\nUSER root\n'.repeat(20),
      dockerignore: null,
    });
    // Cut so the base64url text has a length atob refuses (4n + 1).
    let cut = payload.slice(0, -7);
    while ((cut.length - 'v1.'.length) % 4 !== 1) cut = cut.slice(0, -1);
    window.history.replaceState(null, '', `/the-container/#dockerfile-checker~${cut}`);
    render(<DockerfileChecker />);
    await waitFor(() => {
      expect(document.querySelector('.widget-notice')?.textContent).toContain(
        ignoredStateNotice(new Error(NOT_BASE64URL)),
      );
    });
    expect(document.querySelector('.widget-notice')?.textContent).not.toMatch(/atob|decoded/);
    expect(dockerfileArea().value).toContain('CMD gunicorn');
  });

  it('checks a large paste in the background and says so, then lists its findings', async () => {
    render(<DockerfileChecker />);
    const big = `FROM python:3.12-slim\n${'ENV A=1\n'.repeat(4000)}USER root\n`;
    fireEvent.input(dockerfileArea(), { target: { value: big } });
    await waitFor(() => {
      expect(document.querySelector('.dfc-status')?.textContent).toMatch(
        /^Checking \d+ KB in the background; you can keep typing\.$/,
      );
    });
    expect(screen.getByRole('progressbar', { name: 'Checking the Dockerfile' })).toBeTruthy();
    await waitFor(() => {
      expect(screen.getByText('root-user')).toBeTruthy();
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('ignores a damaged link with a notice and keeps the example', async () => {
    window.history.replaceState(null, '', '/the-container/#dockerfile-checker~v1.!!!<script>');
    render(<DockerfileChecker />);
    await waitFor(() => {
      expect(document.querySelector('.widget-notice')?.textContent).toContain('was ignored');
    });
    expect(dockerfileArea().value).toContain('CMD gunicorn');
    expect(document.querySelector('script')).toBeNull();
  });
});

describe('share codec', () => {
  it('round-trips text through deflate-raw and base64url', async () => {
    const state = {
      dockerfile: 'FROM python:3.12-slim\n# ünïcode ✓\n'.repeat(50),
      dockerignore: '.git\n',
    };
    const payload = await encodeShared(state);
    expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(state.dockerfile.length / 4);
    expect(await decodeShared(payload)).toEqual(state);
    expect(payloadFromHash(`#dockerfile-checker~${payload}`, 'dockerfile-checker')).toBe(payload);
  });

  it('refuses unknown versions, garbage and decompression bombs', async () => {
    await expect(decodeShared('v9.abc')).rejects.toThrow(/unknown version/);
    await expect(decodeShared('v1.AAAA')).rejects.toThrow(/damaged/);
    const bomb = await encodeShared({
      dockerfile: 'a'.repeat(3 * 1024 * 1024),
      dockerignore: null,
    });
    await expect(decodeShared(bomb)).rejects.toThrow(/larger than/);
  });
});
