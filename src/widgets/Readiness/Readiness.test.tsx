// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Readiness } from './Readiness';

function verdicts(): string[] {
  return [...document.querySelectorAll('.rdy-verdict')].map((e) => e.textContent);
}

beforeEach(() => {
  window.history.replaceState(null, '', '/graceful-shutdown/');
});
afterEach(() => {
  cleanup();
});

describe('Readiness widget', () => {
  it('shows the liveness restart loop next to the readiness recovery', () => {
    render(<Readiness />);
    const [liveness, readiness] = verdicts();
    expect(liveness).toMatch(/DB check in liveness: [1-9]\d* restarts/);
    expect(readiness).toContain('DB check in readiness: 0 restarts');
    expect(readiness).toMatch(/serves again \d+ s after the database returns/);
  });

  it('a short blip under the failure threshold restarts nothing', async () => {
    render(<Readiness />);
    const length = screen.getByRole('spinbutton', { name: 'DB outage length' });
    fireEvent.input(length, { target: { value: '15' } });
    fireEvent.change(length, { target: { value: '15' } });
    await waitFor(() => {
      expect(verdicts()[0]).toContain('0 restarts');
    });
  });

  it('clamps an absurd task count and says so', async () => {
    render(<Readiness />);
    const tasks = screen.getByRole('spinbutton', { name: 'Tasks (pods)' });
    fireEvent.input(tasks, { target: { value: '5000' } });
    fireEvent.change(tasks, { target: { value: '5000' } });
    await waitFor(() => {
      expect(document.querySelector('.widget-notice')?.textContent).toContain('using 10');
    });
  });
});
