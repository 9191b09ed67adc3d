// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProgress } from '../../runtime/progress-store';
import { CAPACITY_GOAL } from '../../sim/training/widget-goals';
import { Capacity } from '../Capacity/Capacity';

beforeEach(() => {
  window.localStorage.clear();
  window.history.replaceState(null, '', '/the-container/');
});
afterEach(() => {
  cleanup();
});

describe('WidgetGoal inside the capacity widget', () => {
  it('checks the goal live and records it in progress once reached', async () => {
    render(<Capacity preset="guide-example" />);
    fireEvent.click(screen.getByRole('button', { name: 'Start this goal' }));
    const goal = screen.getByRole('region', { name: `Goal: ${CAPACITY_GOAL.title}` });
    await waitFor(() => {
      expect(goal.textContent).toContain('✗ Not yet: The deploy peak fits');
    });
    expect(loadProgress().progress.exercises[CAPACITY_GOAL.id]).toBeUndefined();
    // Fewer tasks would fit, but is not what the goal asks.
    fireEvent.click(screen.getByRole('button', { name: /^Try: at most/ }));
    await waitFor(() => {
      expect(goal.textContent).toContain('✗ Not yet: No fewer tasks');
    });
    expect(loadProgress().progress.exercises[CAPACITY_GOAL.id]).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Try: pool_size/ }));
    await waitFor(() => {
      expect(goal.textContent).toContain('Goal reached');
    });
    expect(loadProgress().progress.exercises[CAPACITY_GOAL.id]?.solved).toBe(true);
  });
});
