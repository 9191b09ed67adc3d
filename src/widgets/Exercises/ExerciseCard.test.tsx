// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findExercise } from '../../training/exercises/index';
import { ExerciseCard } from './ExerciseCard';

afterEach(cleanup);

function exercise(id: string) {
  const found = findExercise(id);
  if (found === undefined) throw new Error(`no exercise ${id}`);
  return found;
}

describe('ExerciseCard', () => {
  it('reveals hints one at a time and reports how many were shown', () => {
    const onHint = vi.fn();
    render(
      <ExerciseCard
        exercise={exercise('proxy-count-cloudfront-alb')}
        mode="practice"
        idPrefix="t"
        headingLevel={3}
        onHint={onHint}
      />,
    );
    expect(screen.queryByText(/appending proxies/i)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show hint 1 of 3' }));
    expect(screen.getByText('Hints used: 1 of 3')).toBeTruthy();
    expect(
      screen.getAllByRole('listitem').filter((li) => li.closest('.ex-hint-list')),
    ).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Show hint 2 of 3' }));
    expect(onHint).toHaveBeenLastCalledWith(2);
  });

  it('checks through the simulation, then explains', async () => {
    const onAttempt = vi.fn();
    render(
      <ExerciseCard
        exercise={exercise('proxy-count-cloudfront-alb')}
        mode="practice"
        idPrefix="t"
        headingLevel={3}
        onAttempt={onAttempt}
      />,
    );
    const field = screen.getByRole('spinbutton', { name: 'x_for' });
    fireEvent.input(field, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Not yet.')).toBeTruthy();
    expect(screen.queryByText('Why')).toBeNull();
    fireEvent.input(field, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Correct.')).toBeTruthy();
    expect(screen.getByText('Why')).toBeTruthy();
    expect(onAttempt).toHaveBeenCalledTimes(2);
  });

  it('shows the solution beside the learner’s Dockerfile without replacing it', () => {
    render(
      <ExerciseCard
        exercise={exercise('dockerfile-pass')}
        mode="practice"
        idPrefix="t"
        headingLevel={3}
      />,
    );
    const area = screen.getByRole('textbox', { name: /Dockerfile/ });
    if (!(area instanceof HTMLTextAreaElement)) throw new Error('not a textarea');
    fireEvent.input(area, { target: { value: 'FROM python:3.12-slim\n# my work in progress\n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show solution' }));
    expect(area.value).toContain('# my work in progress');
    const diff = screen.getByRole('list', { name: 'Differences, line by line' });
    expect(diff.textContent).toContain('only in your answer: # my work in progress');
    expect(diff.textContent).toContain('only in the solution: USER appuser');
  });

  it('hides hints, solutions and explanations in interview mode', async () => {
    render(
      <ExerciseCard
        exercise={exercise('proxy-count-cloudfront-alb')}
        mode="interview"
        idPrefix="t"
        headingLevel={3}
      />,
    );
    expect(screen.queryByRole('button', { name: /hint/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /solution/i })).toBeNull();
    fireEvent.input(screen.getByRole('spinbutton', { name: 'x_for' }), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Correct.')).toBeTruthy();
    expect(screen.queryByText('Why')).toBeNull();
  });
});
