// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeState } from '../../runtime/url-state';
import { Capacity } from './Capacity';

function verdict(): HTMLElement {
  const element = document.querySelector('.cap-verdict');
  if (!(element instanceof HTMLElement)) throw new Error('no verdict');
  return element;
}

function numberField(name: RegExp): HTMLInputElement {
  const element = screen.getByRole('spinbutton', { name });
  if (!(element instanceof HTMLInputElement)) throw new Error('not an input');
  return element;
}

function commit(input: HTMLInputElement, value: string): void {
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input, { target: { value } });
}

beforeEach(() => {
  window.history.replaceState(null, '', '/the-container/');
});

afterEach(() => {
  cleanup();
});

describe('Capacity widget', () => {
  it("starts from the guide's example and explains 160 vs what is reached", () => {
    render(<Capacity preset="guide-example" />);
    expect(verdict().textContent).toContain('Fits.');
    const table = document.querySelector('.cap-table');
    expect(table?.textContent).toContain('4 tasks × 8 workers × pool_size 5');
    expect(table?.textContent).toContain('160');
    expect(table?.textContent).toContain('480');
    // Sync workers: 64 connections at most during the deploy, of 97.
    expect(verdict().textContent).toContain('at most 64 connections');
    expect(verdict().textContent).toContain('97 available');
  });

  it('turning the guide example into gthread with 5 threads makes it exceed, with fixes', async () => {
    render(<Capacity preset="guide-example" />);
    commit(numberField(/^threads per worker$/), '5');
    await waitFor(() => {
      expect(verdict().textContent).toContain('Does not fit.');
    });
    const fixes = document.querySelector('.cap-fixes')?.textContent ?? '';
    expect(fixes).toContain('Settings that would fit');
    expect(fixes).toMatch(/pool_size 1, max_overflow 0/);
    expect(fixes).toContain('PgBouncer');
  });

  it('says the settings that would fit are alternatives, and each "Try" alone makes it fit', async () => {
    render(<Capacity preset="guide-example" />);
    commit(numberField(/^threads per worker$/), '5');
    await waitFor(() => {
      expect(verdict().textContent).toContain('Does not fit.');
    });
    const fixes = document.querySelector('.cap-fixes')!;
    expect(fixes.textContent).toContain('alternatives, any one alone is enough');
    const tries = screen.getAllByRole('button', { name: /^Try: / });
    expect(tries.length).toBeGreaterThan(1);
    fireEvent.click(tries[0]!);
    await waitFor(() => {
      expect(verdict().textContent).toContain('Fits.');
    });
  });

  it('500 workers is clamped to 256 and the widget notice says so', async () => {
    render(<Capacity preset="guide-example" />);
    const workers = numberField(/^workers per task$/);
    commit(workers, '500');
    await waitFor(() => {
      expect(workers.value).toBe('256');
    });
    expect(document.querySelector('.widget-notice')?.textContent).toContain(
      'workers: 500 is above the largest value this calculator models (256); using 256.',
    );
  });

  it('clamps an out-of-range value and says so', async () => {
    render(<Capacity preset="guide-example" />);
    const workers = numberField(/^workers per task$/);
    commit(workers, '-5');
    await waitFor(() => {
      expect(screen.getByText(/workers: -5 is below the minimum 1; using 1\./)).toBeTruthy();
    });
    expect(workers.value).toBe('1');
  });

  it('keeps the last good value when the text is not a number', async () => {
    render(<Capacity preset="guide-example" />);
    const tasks = numberField(/^desired tasks$/);
    fireEvent.change(tasks, { target: { value: '' } });
    await waitFor(() => {
      expect(screen.getByText(/desired tasks: "" is not a number; keeping 4\./)).toBeTruthy();
    });
    expect(verdict().textContent).toContain('Fits.');
  });

  it('scenario buttons load a preset', async () => {
    render(<Capacity />);
    fireEvent.click(screen.getByRole('button', { name: 'gthread app' }));
    await waitFor(() => {
      expect(verdict().textContent).toContain('Fits only between deploys.');
    });
  });

  it('worker-count presets follow the vCPUs', async () => {
    render(<Capacity preset="guide-example" />);
    fireEvent.click(screen.getByRole('button', { name: /2 × CPU \+ 1 \(Gunicorn docs\)/ }));
    await waitFor(() => {
      expect(numberField(/^workers per task$/).value).toBe('9');
    });
  });

  it('reads a shared scenario from the URL, clamping what is out of range', async () => {
    const state = {
      vcpus: 2,
      workers: 4,
      workerClass: 'gthread',
      threads: 8,
      tasks: 3,
      poolSize: 9999,
    };
    window.history.replaceState(null, '', `/the-container/?capacity=${encodeState(state)}`);
    render(<Capacity />);
    await waitFor(() => {
      expect(numberField(/^threads per worker$/).value).toBe('8');
    });
    expect(numberField(/^pool_size per worker$/).value).toBe('1000');
    expect(screen.getByText(/From the link: pool_size: 9999 is above/)).toBeTruthy();
  });

  it('ignores garbage in the URL with a notice and shows the default scenario', async () => {
    window.history.replaceState(
      null,
      '',
      '/the-container/?capacity=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    );
    render(<Capacity preset="guide-example" />);
    await waitFor(() => {
      expect(screen.getByText(/scenario was ignored/)).toBeTruthy();
    });
    expect(document.querySelector('script')).toBeNull();
    expect(numberField(/^workers per task$/).value).toBe('8');
  });

  it('focus="workers" opens the Gunicorn and memory sections and puts memory first', () => {
    render(<Capacity focus="workers" />);
    const sections = [...document.querySelectorAll('details.cap-section')];
    const open = sections
      .filter((d) => d.hasAttribute('open'))
      .map((d) => d.querySelector('summary')?.textContent);
    expect(open).toEqual(['Gunicorn, per task', 'Memory, per task']);
    const headings = [...document.querySelectorAll('.cap-block h4')].map((h) => h.textContent);
    expect(headings[0]).toBe('Memory per task');
  });

  it('PgBouncer caps what PostgreSQL sees once it is switched on', async () => {
    render(<Capacity preset="guide-example" focus="pool" />);
    commit(numberField(/^threads per worker$/), '5');
    await waitFor(() => {
      expect(verdict().textContent).toContain('Does not fit.');
    });
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'PgBouncer between the app and PostgreSQL' }),
    );
    await waitFor(() => {
      expect(verdict().textContent).toContain('Fits.');
    });
    const row = screen.getByRole('rowheader', { name: /PostgreSQL sees after PgBouncer/ });
    expect(row.parentElement?.textContent).toContain('20 / 20');
    // 320 clients in a deploy are more than max_client_conn 100.
    expect(document.querySelector('.cap-warnings')?.textContent).toContain('max_client_conn = 100');
  });

  it('every number field has a label and every slider a name', () => {
    render(<Capacity />);
    for (const input of document.querySelectorAll('input')) {
      const labelled =
        input.getAttribute('aria-label') !== null ||
        (input.id !== '' && document.querySelector(`label[for="${input.id}"]`) !== null);
      expect(labelled, input.outerHTML).toBe(true);
    }
  });
});
