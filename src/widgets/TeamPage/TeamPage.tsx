/**
 * The team page (/team/): a lead imports several learners' exported progress files and sees
 * one table — who solved which exercise and finished which chapter, with hints used and when.
 * Every file goes through the same reader as the learner's own import (readProgressUpload:
 * size, parser, bounds); a bad file gets one line and the others still load. All in this tab:
 * nothing is uploaded or stored.
 */
import { useState } from 'preact/hooks';
import { readProgressUpload } from '../../runtime/progress-store';
import {
  memberNames,
  summarizeMember,
  type TeamCell,
  type TeamMember,
} from '../../sim/training/team';
import { EXERCISE_CHAPTERS } from '../../sim/training/types';
import { CHAPTER_TITLES, EXERCISES } from '../../training/exercises/index';
import { useMounted } from '../ProgressPage/use-mounted';
import './TeamPage.css';

/** At most this many files at once: each is a column, and a table wider than this is unreadable. */
export const MAX_TEAM_FILES = 40;

interface FileLine {
  readonly file: string;
  readonly text: string;
  readonly used: boolean;
}

function day(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 10);
}

function CellText({ cell, hints }: { cell: TeamCell; hints: number }) {
  if (cell.state === 'not-started') return <span class="tp-muted">not started</span>;
  const hintText = `${cell.hintsUsed} of ${hints} hint${hints === 1 ? '' : 's'}`;
  if (cell.state === 'tried') {
    return (
      <>
        tried ({cell.attempts}×), {hintText}
        {cell.solutionShown ? ', saw the solution' : ''}
      </>
    );
  }
  return (
    <>
      <span class="tp-ok">✓ solved</span>
      {cell.solvedAt !== null ? (
        <>
          {' '}
          <time dateTime={cell.solvedAt}>{day(cell.solvedAt)}</time>
        </>
      ) : null}
      , {hintText}
      {cell.solutionShown ? ', saw the solution' : ''}
    </>
  );
}

export function TeamPage() {
  const mounted = useMounted();
  const [members, setMembers] = useState<TeamMember[]>([]);
  const [lines, setLines] = useState<FileLine[]>([]);
  const [busy, setBusy] = useState(false);

  const onFiles = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    setBusy(true);
    const room = Math.max(0, MAX_TEAM_FILES - members.length);
    const names = memberNames(
      files.map((file) => file.name),
      members.map((member) => member.name),
    );
    const added: TeamMember[] = [];
    const report: FileLine[] = [];
    for (const [index, file] of files.entries()) {
      const name = names[index] ?? file.name;
      if (added.length >= room) {
        report.push({
          file: file.name,
          text: `not read: the table holds at most ${MAX_TEAM_FILES} files.`,
          used: false,
        });
        continue;
      }
      // One file per task, so the page stays responsive while a lead drops in a whole team.
      await new Promise((resolve) => window.setTimeout(resolve, 0));
      const result = await readProgressUpload(file);
      if (!result.ok) {
        report.push({ file: file.name, text: result.message, used: false });
        continue;
      }
      added.push(summarizeMember(name, result.parsed.progress, EXERCISES));
      report.push({
        file: file.name,
        text:
          result.parsed.notice === null
            ? `read as “${name}”.`
            : `read as “${name}”. ${result.parsed.notice}`,
        used: true,
      });
    }
    setMembers((current) => [...current, ...added]);
    setLines(report);
    setBusy(false);
  };

  if (!mounted) return <p>Loading the team page…</p>;
  const usedCount = lines.filter((line) => line.used).length;
  return (
    <div class="tp">
      <section aria-labelledby="tp-import-title" class="tp-controls">
        <h2 id="tp-import-title">Import progress files</h2>
        <p>
          Ask each learner for the file <a href="/progress/">their progress page</a> exports, and
          rename it after them (every export is called flask-deploy-lab-progress-DATE.json). Pick
          several at once; more can be added later. The files are read in this tab only: nothing is
          uploaded or stored, and closing the tab forgets them.
        </p>
        <div class="tp-actions">
          <label class="tp-import">
            Progress files (JSON)
            <input
              type="file"
              accept="application/json,.json"
              multiple
              disabled={busy}
              onChange={(event) => {
                void onFiles(event.currentTarget);
              }}
            />
          </label>
          <button
            type="button"
            disabled={members.length === 0}
            onClick={() => {
              window.print();
            }}
          >
            Print the table
          </button>
          <button
            type="button"
            disabled={members.length === 0 && lines.length === 0}
            onClick={() => {
              setMembers([]);
              setLines([]);
            }}
          >
            Clear
          </button>
        </div>
        <div role="status" aria-live="polite" class="tp-status">
          {lines.length > 0 ? (
            <>
              <p>
                {usedCount} of {lines.length} file{lines.length === 1 ? '' : 's'} read
                {usedCount === lines.length ? '.' : '; the others were left out:'}
              </p>
              <ul class="tp-lines">
                {lines.map((line, index) => (
                  <li
                    key={`${line.file}-${index}`}
                    class={line.used ? 'tp-line' : 'tp-line tp-bad'}
                  >
                    <span aria-hidden="true">{line.used ? '✓ ' : '✗ '}</span>
                    <strong>{line.file}</strong>: {line.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </section>
      {members.length === 0 ? (
        <p class="tp-empty">No files yet: the table appears here once one file is read.</p>
      ) : (
        <section aria-labelledby="tp-table-title">
          <h2 id="tp-table-title">
            The team: {members.length} learner{members.length === 1 ? '' : 's'}
          </h2>
          <div class="tp-scroll" role="region" aria-labelledby="tp-table-title" tabIndex={0}>
            <table class="tp-table">
              <caption class="visually-hidden">
                Exercises (rows) by learner (columns): solved or not, when, and hints used
              </caption>
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  {members.map((member) => (
                    <th scope="col" key={member.name}>
                      {member.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr class="tp-total">
                  <th scope="row">All exercises</th>
                  {members.map((member) => (
                    <td key={member.name}>
                      {member.solved} of {EXERCISES.length} solved, {member.hintsUsed} hint
                      {member.hintsUsed === 1 ? '' : 's'}
                      {member.lastActivity !== null ? (
                        <>
                          ; last active{' '}
                          <time dateTime={member.lastActivity}>{day(member.lastActivity)}</time>
                        </>
                      ) : null}
                    </td>
                  ))}
                </tr>
              </tbody>
              {EXERCISE_CHAPTERS.map((chapter) => (
                <tbody key={chapter}>
                  <tr class="tp-chapter">
                    <th scope="rowgroup">{CHAPTER_TITLES[chapter]}</th>
                    {members.map((member) => {
                      const summary = member.chapters.get(chapter);
                      return (
                        <td key={member.name}>
                          {summary?.complete === true ? (
                            <span class="tp-ok">✓ chapter finished</span>
                          ) : (
                            `${summary?.solved ?? 0} of ${summary?.total ?? 0} solved`
                          )}
                        </td>
                      );
                    })}
                  </tr>
                  {EXERCISES.filter((exercise) => exercise.chapter === chapter).map((exercise) => (
                    <tr key={exercise.id}>
                      <th scope="row" class="tp-exercise">
                        {exercise.title}
                      </th>
                      {members.map((member) => {
                        const cell = member.cells.get(exercise.id);
                        return (
                          <td key={member.name} data-state={cell?.state}>
                            {cell !== undefined ? (
                              <CellText cell={cell} hints={exercise.hints.length} />
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

export default TeamPage;
