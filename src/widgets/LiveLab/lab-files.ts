/**
 * The lab project's file tree, embedded in the page at build time (a JSON data block written
 * by src/pages/lab/[...lab].astro from lab/build-lab.mjs). Read only after the click.
 */
import type { LabFileTree } from '../../runtime/webcontainer/lab-types';

export const LAB_FILES_ELEMENT_ID = 'lab-files';

/** Parse and check the tree: an object of `{ file: { contents: string } }` entries. */
export function parseLabFiles(text: string): LabFileTree {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('the lab project is not a file tree');
  }
  const tree: Record<string, { file: { contents: string } }> = {};
  for (const [name, node] of Object.entries(raw)) {
    const contents: unknown =
      typeof node === 'object' && node !== null && 'file' in node
        ? (node as { file: { contents?: unknown } }).file.contents
        : undefined;
    if (!/^[a-z0-9._-]+$/i.test(name) || typeof contents !== 'string') {
      throw new Error(`the lab project has an unusable entry: ${name.slice(0, 40)}`);
    }
    tree[name] = { file: { contents } };
  }
  if (!('chain.mjs' in tree) || !('send.mjs' in tree))
    throw new Error('the lab project is incomplete');
  return tree;
}

export function readLabFiles(): LabFileTree {
  const element = document.getElementById(LAB_FILES_ELEMENT_ID);
  if (!element?.textContent) throw new Error('the lab project is missing from this page');
  return parseLabFiles(element.textContent);
}
