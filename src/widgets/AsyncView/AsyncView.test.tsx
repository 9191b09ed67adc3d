// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AsyncView } from './AsyncView';

beforeEach(() => {
  window.history.replaceState(null, '', '/async-views/');
});
afterEach(cleanup);

/** The headline conclusion (the frame's verdict bar) and the ones listed under the timelines. */
function conclusionText(): string {
  const verdict = document.querySelector('.widget-verdict')?.textContent ?? '';
  const rest =
    screen.queryByRole('heading', { name: 'What else this shows' })?.parentElement?.textContent ??
    '';
  return `${verdict} ${rest}`;
}

describe('AsyncView', () => {
  it('compares sequential awaits with gather and shows the worker count as the limit', () => {
    render(<AsyncView />);
    expect(screen.getByRole('figure')).toBeTruthy();
    // Defaults: 20 ms CPU + 300/200/250 ms calls → 770 ms vs 320 ms.
    expect(document.querySelector('.widget-verdict')?.textContent).toContain('770 ms');
    expect(conclusionText()).toContain('770 ms');
    expect(conclusionText()).toContain('320 ms');
    expect(conclusionText()).toContain('at most 2 of the 4 requests');
    expect(screen.getAllByText('✕ cancelled').length).toBeGreaterThan(0);
  });

  it('raises the concurrency only when the workers slider moves, not with gather', () => {
    render(<AsyncView />);
    fireEvent.input(screen.getByLabelText('Sync workers'), { target: { value: '4' } });
    expect(conclusionText()).toContain('at most 4 of the 4 requests');
  });

  it('stops cancelling the create_task job once it is shorter than the view', () => {
    render(<AsyncView />);
    fireEvent.input(screen.getByLabelText('create_task job'), { target: { value: '50' } });
    expect(screen.queryAllByText('✕ cancelled')).toHaveLength(0);
    expect(conclusionText()).toContain('finished before the view returned');
  });
});
