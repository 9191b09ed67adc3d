/**
 * The "make this Dockerfile pass" goal: the same checker the Dockerfile widget runs
 * (src/sim/dockerfile, rules listed in docs/dockerfile-checker.md), plus one guard so that
 * deleting everything does not count — the image must still start Gunicorn.
 */
import { checkDockerfile } from '../dockerfile/check';
import { buildModel } from '../dockerfile/model';
import { parseDockerfile } from '../dockerfile/parse';
import type { CheckResult } from './types';

/** Longest Dockerfile an exercise answer may be (a real one is a few KB). */
export const MAX_DOCKERFILE_ANSWER_CHARS = 20_000;

export function checkDockerfileForExercise(text: string): CheckResult {
  if (text.length > MAX_DOCKERFILE_ANSWER_CHARS) {
    return {
      correct: false,
      feedback: [
        `That is longer than ${MAX_DOCKERFILE_ANSWER_CHARS} characters; paste the Dockerfile only.`,
      ],
    };
  }
  const findings = checkDockerfile(text);
  // A suppression comment silences a finding in the widget, but it does not fix the image.
  const errors = findings.filter((finding) => finding.level === 'error');
  const feedback = errors.map(
    (finding) => `Line ${finding.line}: ${finding.code} — ${finding.message}`,
  );
  const model = buildModel(parseDockerfile(text));
  const startsGunicorn = model.gunicorn !== null;
  if (!startsGunicorn) feedback.push('The image must still start Gunicorn (CMD or ENTRYPOINT).');
  const correct = errors.length === 0 && startsGunicorn;
  if (correct) {
    const warnings = findings.filter((finding) => finding.level === 'warning').length;
    feedback.push(
      warnings === 0
        ? 'No errors and no warnings.'
        : `No errors. ${warnings} warning${warnings === 1 ? '' : 's'} left: worth a look in the checker.`,
    );
  }
  return { correct, feedback };
}
