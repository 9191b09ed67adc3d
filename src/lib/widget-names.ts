/**
 * Every interactive widget a chapter can declare in its frontmatter and place with
 * `<WidgetSlot widget="…">`. Adding a widget: add its name here, then register its island
 * in src/components/WidgetSlot.astro.
 */
export const WIDGET_NAMES = [
  'proxy-hops',
  'trusted-hosts',
  'capacity',
  'shutdown-timeline',
  'readiness',
  'dockerfile-checker',
  'worker-model',
  'async-view',
  'checklist',
  'exercises',
  'keep-alive',
] as const;

export type WidgetName = (typeof WIDGET_NAMES)[number];
