/**
 * The guided goals inside the simulators (WIDGET_GOALS), listed on the progress page beside the
 * exercises: each with its state and a link to the widget it lives in.
 */
import type { Progress } from '../../sim/training/progress';
import { WIDGET_GOALS } from '../../sim/training/widget-goals';

/**
 * The figure each goal lives in: the widget instance id on its chapter page
 * (src/components/WidgetSlot.astro names an instance `id`, or `widget-preset`, or `widget`).
 */
export const GOAL_WIDGETS: Readonly<Record<string, string>> = {
  'widget-proxy-unspoofable': 'proxy-hops-cloudfront-alb',
  'widget-shutdown-zero-lost-20s': 'shutdown-timeline',
  'widget-capacity-deploy-surge': 'capacity-guide-example',
};

/** Where a goal is played: its chapter, scrolled to its widget when one is known. */
export function goalHref(goal: { readonly id: string; readonly chapter: string }): string {
  const widget = GOAL_WIDGETS[goal.id];
  return widget === undefined ? goal.chapter : `${goal.chapter}#${widget}`;
}

export function GoalsTable({ progress }: { progress: Progress }) {
  const met = WIDGET_GOALS.filter((g) => progress.exercises[g.id]?.solved === true).length;
  return (
    <section aria-labelledby="pp-goals-title">
      <h2 id="pp-goals-title">Guided goals in the simulators</h2>
      <p>
        {met} of {WIDGET_GOALS.length} goals met. Each is checked live by its widget’s simulation
        and counts like an exercise.
      </p>
      <table class="pp-table">
        <caption class="visually-hidden">Guided goals</caption>
        <thead>
          <tr>
            <th scope="col">Goal</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {WIDGET_GOALS.map((goal) => (
            <tr key={goal.id}>
              <th scope="row">
                <a href={goalHref(goal)}>{goal.title}</a>
              </th>
              <td>{progress.exercises[goal.id]?.solved === true ? '✓ met' : 'not met yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
