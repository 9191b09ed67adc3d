/**
 * The production checklist as data (chapter 8): groups of items, each with a stable id (its
 * anchor on the page and its key in saved progress), the section that explains it and, where
 * one exists, the widget that demonstrates it. Exports the ticked state as Markdown for a
 * pull-request template or a runbook.
 */

export interface ChecklistItem {
  /** Stable and published: used as the item's anchor and in saved progress. Never rename. */
  readonly id: string;
  readonly text: string;
  /** Site path with fragment of the section that explains the item. */
  readonly section: string;
  readonly sectionLabel: string;
  /** The official documentation (or upstream source) the rule rests on: at least one. */
  readonly sources: readonly { readonly label: string; readonly href: string }[];
  /** The widget scenario that demonstrates it, when one does. */
  readonly widget?: { readonly label: string; readonly href: string };
}

export interface ChecklistGroup {
  readonly id: string;
  readonly title: string;
  readonly items: readonly ChecklistItem[];
}

/** Markdown has no escape for everything, but these keep text from becoming markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\[\]*_<>|])/g, '\\$1');
}

export interface MarkdownOptions {
  /** Absolute site origin for links, e.g. https://example.org (no trailing slash). */
  readonly origin: string;
  readonly title: string;
  /** A date line for the document, or null. */
  readonly date: string | null;
}

export function checklistToMarkdown(
  groups: readonly ChecklistGroup[],
  ticks: Readonly<Record<string, boolean>>,
  options: MarkdownOptions,
): string {
  const lines: string[] = [`# ${escapeMarkdown(options.title)}`, ''];
  if (options.date !== null) lines.push(`Reviewed: ${escapeMarkdown(options.date)}`, '');
  const all = groups.flatMap((group) => group.items);
  const done = all.filter((item) => ticks[item.id] === true).length;
  lines.push(`${done} of ${all.length} items checked.`, '');
  for (const group of groups) {
    lines.push(`## ${escapeMarkdown(group.title)}`, '');
    for (const item of group.items) {
      const box = ticks[item.id] === true ? '[x]' : '[ ]';
      const official = item.sources
        .map((source) => `[${escapeMarkdown(source.label)}](${source.href})`)
        .join(', ');
      lines.push(
        `- ${box} ${escapeMarkdown(item.text)} ([${escapeMarkdown(item.sectionLabel)}](${options.origin}${item.section}); source: ${official})`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Problems with checklist data: duplicate or malformed ids, links off the site. */
export function findChecklistProblems(groups: readonly ChecklistGroup[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const group of groups) {
    for (const id of [group.id, ...group.items.map((item) => item.id)]) {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) problems.push(`${id}: not kebab-case`);
      if (ids.has(id)) problems.push(`${id}: duplicate id`);
      ids.add(id);
    }
    for (const item of group.items) {
      if (!/^\/[a-z0-9-]+\/#[a-z0-9_-]+$/.test(item.section))
        problems.push(`${item.id}: section must be /slug/#anchor`);
      if (item.sources.length === 0) problems.push(`${item.id}: no official source`);
      for (const source of item.sources)
        if (!/^https:\/\/[a-z0-9.-]+\/\S*$/.test(source.href))
          problems.push(`${item.id}: source ${source.href} is not an https link`);
      if (
        item.widget &&
        !/^\/[a-z0-9-]+\/(\?[A-Za-z0-9=&_-]*)?#[a-z0-9_-]+$/.test(item.widget.href)
      ) {
        problems.push(`${item.id}: widget link must be /slug/#widget-id`);
      }
    }
  }
  return problems;
}
