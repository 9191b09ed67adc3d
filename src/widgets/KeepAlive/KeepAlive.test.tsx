// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { urlWithState } from '../../runtime/url-state';
import { KeepAlive } from './KeepAlive';

function verdict(): string {
  return document.querySelector('.widget-verdict')?.textContent ?? '';
}

beforeEach(() => {
  window.history.replaceState(null, '', '/gunicorn/');
});
afterEach(() => {
  cleanup();
});

describe('KeepAlive widget', () => {
  it('opens on the failure: 502s from the ALB that never reach the app logs', () => {
    render(<KeepAlive />);
    expect(verdict()).toMatch(/502s from the ALB: about [\d.]+ an hour/);
    expect(verdict()).toContain("none of them in Gunicorn's access log");
  });

  it('applying the fix clears the 502s', async () => {
    render(<KeepAlive />);
    fireEvent.click(screen.getByRole('button', { name: 'Set keepalive to 75 s' }));
    await waitFor(() => {
      expect(verdict()).toMatch(/^No 502s/);
    });
    expect(
      screen.getByRole<HTMLInputElement>('spinbutton', { name: 'keepalive (seconds)' }).value,
    ).toBe('75');
  });

  it('a request sent as Gunicorn closes gets a 502, and a GET behind nginx is resent', async () => {
    render(<KeepAlive />);
    fireEvent.click(screen.getByRole('button', { name: 'Send it as Gunicorn closes' }));
    await waitFor(() => {
      expect(document.querySelector('.ka-probe-result')?.textContent).toContain(
        'the client gets a 502',
      );
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'In front of Gunicorn' }), {
      target: { value: 'nginx' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Method' }), {
      target: { value: 'GET' },
    });
    await waitFor(() => {
      expect(document.querySelector('.ka-probe-result')?.textContent).toContain('nginx resends it');
    });
  });

  it('the sync worker never races', async () => {
    render(<KeepAlive />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Worker class' }), {
      target: { value: 'sync' },
    });
    await waitFor(() => {
      expect(verdict()).toContain('sync worker closes the connection after every response');
    });
  });

  it('restores a shared scenario from the URL, and shrugs off junk', async () => {
    window.history.replaceState(
      null,
      '',
      urlWithState(window.location.href, 'keep-alive', { proxy: 'nginx', retry: 'all' }),
    );
    render(<KeepAlive />);
    await waitFor(() => {
      expect(verdict()).toContain('nginx resends every one');
    });
    cleanup();
    window.history.replaceState(null, '', '/gunicorn/?keep-alive=%7B%7B%7B');
    render(<KeepAlive />);
    await waitFor(() => {
      expect(document.querySelector('.widget-notice')?.textContent).not.toBe('');
    });
    expect(verdict()).toMatch(/502s from the ALB/);
  });
});
