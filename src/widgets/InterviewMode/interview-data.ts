/** Lookups shared by the interview views: the exercises by id, and their seeded variants. */
import {
  parseInterviewerQuery,
  parseInterviewQuery,
  type ParsedInterview,
  type ParsedInterviewerLink,
} from '../../sim/training/interview';
import type { Exercise } from '../../sim/training/types';
import { generateVariant } from '../../sim/training/variants';
import { EXERCISES } from '../../training/exercises/index';

export const KNOWN_IDS: ReadonlySet<string> = new Set(EXERCISES.map((exercise) => exercise.id));
export const TITLES: ReadonlyMap<string, string> = new Map(EXERCISES.map((e) => [e.id, e.title]));

export function readPlanFromLocation(): ParsedInterview {
  return parseInterviewQuery(window.location.search, KNOWN_IDS);
}

export function readInterviewerPlanFromLocation(): ParsedInterviewerLink {
  return parseInterviewerQuery(window.location.search, KNOWN_IDS);
}

/** A fresh interviewer key: 16 bytes from the browser's CSPRNG, as 22 base64url characters. */
export function drawInterviewKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function variantsFor(seed: number, ids: readonly string[]): Exercise[] {
  return ids.flatMap((id) => {
    const exercise = EXERCISES.find((e) => e.id === id);
    return exercise ? [generateVariant(exercise, seed)] : [];
  });
}
