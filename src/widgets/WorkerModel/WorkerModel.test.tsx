// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeState } from '../../runtime/url-state';
import { WORKER_PRESETS } from '../../sim/workers';
import { WorkerModel } from './WorkerModel';

function conclusions(): HTMLElement {
  const heading = screen.getByRole('heading', { name: 'What this run shows' });
  return heading.parentElement!;
}

beforeEach(() => {
  // No Web Worker in this environment: the widget must fall back to chunked main-thread runs.
  vi.stubGlobal('Worker', undefined);
  window.history.replaceState(null, '', '/gunicorn/');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('WorkerModel', () => {
  it('is a figure with a caption and labelled controls for every setting', () => {
    render(<WorkerModel preset="cpu-bound" />);
    const figure = screen.getByRole('figure');
    expect(within(figure).getByText(/discrete-event simulation/)).toBeTruthy();
    for (const label of [
      'Workers (processes)',
      'CPU cores',
      'Threads per worker',
      'worker_connections',
      'timeout',
      'backlog',
      'Requests per second',
      'CPU per request',
      'IO wait per request',
      'pool_size',
      'max_overflow',
      'pool_timeout',
      'Random seed',
    ]) {
      const pattern = new RegExp(`^${label.replace(/[()]/g, '\\$&')}`);
      expect(screen.getByLabelText(pattern)).toBeTruthy();
    }
  });

  it('words its conclusions from the run and updates them when workers change', async () => {
    render(<WorkerModel preset="cpu-bound" />);
    expect(screen.getByRole('button', { name: 'CPU-bound API' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await waitFor(
      () => {
        expect(conclusions().textContent).toContain('CPU-bound');
      },
      {
        timeout: 20_000,
      },
    );
    expect(conclusions().textContent).toContain('4 workers share 2 cores');
    const workers = screen.getByLabelText(/^Workers \(processes\)/);
    fireEvent.input(workers, { target: { value: '16' } });
    await waitFor(
      () => {
        expect(conclusions().textContent).toContain('16 workers share 2 cores');
      },
      {
        timeout: 20_000,
      },
    );
    expect(screen.getByRole('button', { name: 'CPU-bound API' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    // The chart compares 2, 4, 8 and 16 workers; its data table lists them.
    expect(screen.getAllByRole('rowheader').map((cell) => cell.textContent)).toContain(
      '8 sync workers',
    );
  });

  it('starts from the preset it is given and switches story on a button press', async () => {
    render(<WorkerModel preset="io-heavy" />);
    expect(screen.getByRole('button', { name: 'IO-heavy API' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await waitFor(
      () => {
        expect(conclusions().textContent).toContain('waiting on IO');
      },
      {
        timeout: 20_000,
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Slow endpoint' }));
    await waitFor(
      () => {
        expect(conclusions().textContent).toContain('database connection');
      },
      {
        timeout: 20_000,
      },
    );
  });

  it('keeps the defaults and says why when the URL state is junk', async () => {
    window.history.replaceState(null, '', '/gunicorn/?worker-model=%3Cscript%3E');
    render(<WorkerModel preset="cpu-bound" />);
    const notice = document.querySelector('.widget-notice')!;
    await waitFor(() => {
      expect(notice.textContent).not.toBe('');
    });
    expect(screen.getByRole('button', { name: 'CPU-bound API' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.querySelector('script')).toBeNull();
  });

  it('restores a shared scenario from the URL, clamping absurd numbers', async () => {
    const shared = { ...WORKER_PRESETS['io-heavy'], workers: 1e9 };
    window.history.replaceState(null, '', `/gunicorn/?worker-model=${encodeState(shared)}`);
    render(<WorkerModel preset="cpu-bound" />);
    const workers = screen.getByLabelText<HTMLInputElement>(/^Workers \(processes\)/);
    await waitFor(() => {
      expect(workers.value).toBe('32');
    });
  });

  it('shows the replay statically, with no Play button, when reduced motion is preferred', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('reduce'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    render(<WorkerModel preset="cpu-bound" />);
    await waitFor(
      () => {
        expect(screen.getByLabelText(/^Time in the first/)).toBeTruthy();
      },
      {
        timeout: 20_000,
      },
    );
    expect(screen.queryByRole('button', { name: /Play replay|Pause replay/ })).toBeNull();
  });
});
