/** The expected answer of an exercise in words, for the solution view and the interviewer. */
import type { Exercise } from './types';

/** The expected answer of an exercise in words, for the interviewer and "show solution". */
export function describeSolution(exercise: Exercise): string {
  switch (exercise.kind) {
    case 'choice':
      return (
        exercise.options.find((option) => option.id === exercise.solution.optionId)?.text ?? ''
      );
    case 'text':
    case 'dockerfile-goal':
      return exercise.solution.text;
    case 'find-bug':
      return `Line ${exercise.solution.line}: ${exercise.lines[exercise.solution.line - 1] ?? ''}`;
    case 'capacity-number':
    case 'proxy-count':
      return String(exercise.solution.value);
    case 'capacity-goal':
      return Object.entries(exercise.solution.values)
        .map(([field, value]) => `${field} = ${String(value)}`)
        .join(', ');
    case 'proxy-goal':
      return `ProxyFix(app.wsgi_app, x_for=${exercise.solution.x_for}, x_proto=${exercise.solution.x_proto})`;
    case 'shutdown-goal': {
      const s = exercise.solution.settings;
      return `PID 1: ${s.pid1}; deregistration delay ${s.deregistrationDelaySeconds} s; graceful_timeout ${s.gracefulTimeoutSeconds} s; stopTimeout ${s.stopTimeoutSeconds} s`;
    }
  }
}
