/** Public API of the Dockerfile checker. */
export { checkDockerfile, passes, ruleMeta, RULE_METAS, MAX_INPUT_CHARS } from './check';
export { applyAllFixes, applyEdits, applyFix, type Files } from './fix';
export { scoreChecklist, CHECKLIST, type ChecklistScore } from './checklist';
export type { Finding, Level, Edit, RuleMeta, CheckOptions } from './types';
