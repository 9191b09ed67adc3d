/** Lookups shared by the interview views: the exercises by id, and their seeded variants. */
import { parseInterviewQuery, type ParsedInterview } from '../../sim/training/interview';
import type { Exercise } from '../../sim/training/types';
import { generateVariant } from '../../sim/training/variants';
import { EXERCISES } from '../../training/exercises/index';

export const KNOWN_IDS: ReadonlySet<string> = new Set(EXERCISES.map((exercise) => exercise.id));
export const TITLES: ReadonlyMap<string, string> = new Map(EXERCISES.map((e) => [e.id, e.title]));

export function readPlanFromLocation(): ParsedInterview {
  return parseInterviewQuery(window.location.search, KNOWN_IDS);
}

export function variantsFor(seed: number, ids: readonly string[]): Exercise[] {
  return ids.flatMap((id) => {
    const exercise = EXERCISES.find((e) => e.id === id);
    return exercise ? [generateVariant(exercise, seed)] : [];
  });
}
