/**
 * Helpers around answers that the widgets and the interview log share: the blank answer an
 * exercise starts from, an answer in one line of text, and the answer's text when it has one
 * (for the line diff beside the solution).
 */
import type { Answer, Exercise } from './types';

export function initialAnswer(exercise: Exercise): Answer {
  switch (exercise.kind) {
    case 'choice':
      return { kind: 'choice', optionId: '' };
    case 'text':
      return { kind: 'text', text: '' };
    case 'dockerfile-goal':
      return { kind: 'text', text: exercise.start };
    case 'find-bug':
      return { kind: 'find-bug', line: 0 };
    case 'capacity-number':
    case 'proxy-count':
      return { kind: 'number', value: Number.NaN };
    case 'proxy-goal':
      // No ProxyFix at all: the state of an app that was just put behind the proxies.
      return { kind: 'proxy', x_for: 0, x_proto: 0 };
    case 'capacity-goal':
      return {
        kind: 'capacity',
        values: Object.fromEntries(
          exercise.editable.map((range) => [
            range.field,
            exercise.settings[range.field] ?? range.min,
          ]),
        ),
      };
    case 'shutdown-goal':
      return { kind: 'shutdown', settings: exercise.start };
  }
}

/** One line describing an answer, for logs and "your answer". */
export function describeAnswer(exercise: Exercise, answer: Answer): string {
  switch (answer.kind) {
    case 'choice': {
      if (exercise.kind !== 'choice') return answer.optionId;
      return (
        exercise.options.find((option) => option.id === answer.optionId)?.text ?? '(nothing chosen)'
      );
    }
    case 'text':
      return answer.text === '' ? '(empty)' : answer.text;
    case 'find-bug':
      return answer.line === 0 ? '(no line chosen)' : `line ${answer.line}`;
    case 'number':
      return Number.isFinite(answer.value) ? String(answer.value) : '(no number)';
    case 'capacity':
      return Object.entries(answer.values)
        .map(([field, value]) => `${field} = ${String(value)}`)
        .join(', ');
    case 'proxy':
      return `x_for=${answer.x_for}, x_proto=${answer.x_proto}`;
    case 'shutdown': {
      const s = answer.settings;
      return `PID 1: ${s.pid1}; deregistration delay ${s.deregistrationDelaySeconds} s; graceful_timeout ${s.gracefulTimeoutSeconds} s; stopTimeout ${s.stopTimeoutSeconds} s`;
    }
  }
}

/** The text of a text answer (diffed against the solution), or null. */
export function answerText(answer: Answer): string | null {
  return answer.kind === 'text' ? answer.text : null;
}
