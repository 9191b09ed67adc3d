/**
 * A guided goal inside a simulator: "Start" loads the goal's scenario, the conditions are
 * checked live by the simulation (src/sim/training/widget-goals.ts), and the first time they
 * all hold the goal is recorded in progress like a solved exercise.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { loadProgress, updateProgress } from '../../runtime/progress-store';
import { recordExerciseEvent } from '../../sim/training/progress';
import type { GoalStatus, WidgetGoal as Goal } from '../../sim/training/widget-goals';
import './WidgetGoal.css';

export interface WidgetGoalProps {
  goal: Goal;
  /** The live check of the current state; shown once the goal is started. */
  status: GoalStatus;
  /** Load the goal's starting scenario into the widget. */
  onStart: () => void;
}

export function WidgetGoal({ goal, status, onStart }: WidgetGoalProps) {
  const [active, setActive] = useState(false);
  const [solvedBefore, setSolvedBefore] = useState(false);
  const [saveNotice, setSaveNotice] = useState<string | null>(null);
  const recorded = useRef(false);

  useEffect(() => {
    setSolvedBefore(loadProgress().progress.exercises[goal.id]?.solved === true);
  }, [goal.id]);

  useEffect(() => {
    if (!active || !status.met || recorded.current) return;
    recorded.current = true;
    const at = new Date().toISOString();
    setSaveNotice(
      updateProgress((p) =>
        recordExerciseEvent(p, goal.id, { type: 'attempt', correct: true, at }),
      ),
    );
  }, [active, status.met, goal.id]);

  const solvedNow = active && status.met;
  return (
    <section class="wg" aria-label={`Goal: ${goal.title}`} data-met={solvedNow}>
      <p class="wg-title">
        <strong>Goal:</strong> {goal.title}
        {solvedBefore && !solvedNow ? <span class="wg-badge"> (solved before)</span> : null}{' '}
        <button
          type="button"
          onClick={() => {
            recorded.current = false;
            setActive(true);
            onStart();
          }}
        >
          {active ? 'Start over' : 'Start this goal'}
        </button>
      </p>
      {active ? (
        <>
          <ul class="wg-conditions">
            {status.conditions.map((c) => (
              <li key={c.text} data-holds={c.holds}>
                <span class="wg-mark">{c.holds ? '✓ Yes:' : '✗ Not yet:'}</span> {c.text}
              </li>
            ))}
          </ul>
          <p class="wg-result" role="status" aria-live="polite">
            {solvedNow
              ? `Goal reached. Counted in your progress as solved.${saveNotice ? ` ${saveNotice}` : ''}`
              : ''}
          </p>
        </>
      ) : null}
    </section>
  );
}

export default WidgetGoal;
