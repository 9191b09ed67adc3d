/**
 * The ids stored progress is measured against: the exercises in the manifest (guided goals
 * added there count at once) and the checklist's published ids. Small on purpose: the
 * site-wide sidebar script loads it on every page.
 */
import type { ProgressCatalog } from '../sim/training/progress';
import { EXERCISE_MANIFEST } from './exercise-manifest';
import publishedChecklistIds from './published-checklist-ids.json';

export const PROGRESS_CATALOG: ProgressCatalog = {
  exercises: new Set(EXERCISE_MANIFEST.map((exercise) => exercise.id)),
  checklist: new Set(publishedChecklistIds),
};
