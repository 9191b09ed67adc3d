// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { EXERCISE_MANIFEST } from '../../training/exercise-manifest';
import { EXERCISES } from '../../training/exercises/index';
import { TeamPage } from './TeamPage';

const [first, second] = EXERCISE_MANIFEST;

function progressFile(exercises: Record<string, unknown>): string {
  return JSON.stringify({
    format: 'flask-deploy-lab/progress',
    version: 1,
    exercises,
    checklist: {},
    resume: null,
  });
}

function choose(files: File[]): void {
  const input = screen.getByLabelText('Progress files (JSON)');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

afterEach(() => {
  cleanup();
});

describe('team page', () => {
  it('shows two good files side by side and one line for a bad one', async () => {
    render(<TeamPage />);
    choose([
      new File(
        [
          progressFile({
            [first?.id ?? '']: {
              solved: true,
              attempts: 2,
              hintsUsed: 1,
              solvedAt: '2026-11-28T10:00:00.000Z',
            },
          }),
        ],
        'ana.json',
      ),
      new File(['{"theme":"dark"}'], 'settings.json'),
      new File(
        [progressFile({ [second?.id ?? '']: { solved: false, attempts: 3, hintsUsed: 0 } })],
        'bo.json',
      ),
    ]);
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'ana' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: 'bo' })).toBeTruthy();
    expect(within(table).queryByRole('columnheader', { name: 'settings' })).toBeNull();

    const firstTitle = EXERCISES.find((e) => e.id === first?.id)?.title ?? '';
    const row = within(table).getByRole('row', { name: new RegExp(`^${firstTitle.slice(0, 20)}`) });
    const [anaCell, boCell] = within(row).getAllByRole('cell');
    expect(anaCell?.textContent).toMatch(/✓ solved 2026-11-28, 1 of \d+ hints?/);
    expect(boCell?.textContent).toBe('not started');

    const status = screen.getByRole('status');
    expect(status.textContent).toContain('2 of 3 files read');
    expect(status.textContent).toMatch(
      /settings\.json: Nothing was imported: the file is not in this site’s format/,
    );
  });

  it('a file of junk, an empty file and a huge file each get a line; nothing else changes', async () => {
    render(<TeamPage />);
    choose([new File(['\u0000\u0001 not json'], 'junk.json'), new File([''], 'empty.json')]);
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toContain('0 of 2 files read');
    });
    expect(screen.queryByRole('table')).toBeNull();
    choose([new File(['x'.repeat(600 * 1024)], 'huge.json')]);
    await waitFor(() => {
      expect(screen.getByRole('status').textContent).toMatch(
        /huge\.json: .*larger than a progress file/,
      );
    });
  });

  it('tells two same-named exports apart and keeps learners across imports', async () => {
    render(<TeamPage />);
    const file = () => new File([progressFile({})], 'flask-deploy-lab-progress-2026-12-01.json');
    choose([file(), file()]);
    await screen.findByRole('table');
    choose([file()]);
    await waitFor(() => {
      expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
        'Exercise',
        'flask-deploy-lab-progress-2026-12-01',
        'flask-deploy-lab-progress-2026-12-01 (2)',
        'flask-deploy-lab-progress-2026-12-01 (3)',
      ]);
    });
  });
});
