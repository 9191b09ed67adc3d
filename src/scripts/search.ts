/**
 * The search dialog, on Pagefind's JS API. The index is fetched from this site's own
 * /pagefind/ folder on first use; nothing is requested from anywhere else.
 *
 * Each page found is listed with its best sections (Pagefind's sub-results, one per heading),
 * each a link with a plain-text excerpt. Keyboard: ArrowDown / ArrowUp move from the search
 * field through the result links and back, Enter opens the focused result (or, in the field,
 * the first one), Escape closes the dialog.
 */

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}
interface PagefindResult {
  data(): Promise<PagefindResultData>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
}

const MAX_PAGES = 8;
const MAX_SECTIONS = 3;

let pagefind: Promise<Pagefind | null> | null = null;

function loadPagefind(): Promise<Pagefind | null> {
  // A variable path keeps the bundler from trying to resolve a file that only exists after the build.
  const path = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ path) as Promise<Pagefind>).catch(() => null);
  return pagefind;
}

/** Render Pagefind's excerpt as text, keeping only its <mark> highlights. */
export function renderExcerpt(excerpt: string, into: HTMLElement): void {
  // An inert document decodes entities and drops any tags without running anything. The
  // explicit <body> keeps a leading space ("<mark>SIGTERM</mark> because"): before it, the HTML
  // parser drops whitespace, which glued words together.
  const parser = new DOMParser();
  const asText = (html: string) =>
    parser.parseFromString(`<!doctype html><body>${html}`, 'text/html').body.textContent;
  const parts = excerpt.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = document.createTextNode(asText(part));
      if (marked) {
        const mark = document.createElement('mark');
        mark.appendChild(text);
        into.appendChild(mark);
      } else into.appendChild(text);
    }
  }
}

/**
 * The sections to list under a page: Pagefind's sub-results in its order (best first), without
 * the one that merely repeats the page (its URL has no heading anchor) when sections follow.
 */
export function sectionsOf(result: PagefindResultData, max = MAX_SECTIONS): PagefindSubResult[] {
  const subs = result.sub_results ?? [];
  const headed = subs.filter((sub) => sub.url.includes('#'));
  return (headed.length > 0 ? headed : subs).slice(0, max);
}

/** The next link to focus for ArrowDown (+1) / ArrowUp (-1); -1 means the search field. */
export function nextFocus(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  const next = current + step;
  if (next < -1) return -1;
  return Math.min(next, count - 1);
}

function renderResult(result: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = result.url;
  link.className = 'search-result-title';
  link.textContent = result.meta.title ?? result.url;
  item.append(link);
  const sections = sectionsOf(result);
  if (sections.length === 0) {
    const excerpt = document.createElement('p');
    excerpt.className = 'search-excerpt';
    renderExcerpt(result.excerpt, excerpt);
    item.append(excerpt);
    return item;
  }
  const list = document.createElement('ul');
  list.className = 'search-sections';
  for (const section of sections) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = section.url;
    a.className = 'search-section-title';
    a.textContent = section.title;
    const excerpt = document.createElement('p');
    excerpt.className = 'search-excerpt';
    renderExcerpt(section.excerpt, excerpt);
    li.append(a, excerpt);
    list.append(li);
  }
  item.append(list);
  return item;
}

export function setupSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
  const input = document.querySelector<HTMLInputElement>('[data-search-input]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const openButton = document.querySelector<HTMLButtonElement>('[data-search-open]');
  if (!dialog || !input || !list || !status || !openButton) return;

  const open = (): void => {
    if (dialog.open) return;
    dialog.showModal();
    input.select();
    void loadPagefind();
  };
  openButton.addEventListener('click', open);
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    const typing =
      target?.closest('input, textarea, select, [contenteditable="true"]') !== null &&
      target !== null;
    if ((event.key === 'k' && (event.ctrlKey || event.metaKey)) || (event.key === '/' && !typing)) {
      event.preventDefault();
      open();
    }
  });
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });

  const links = (): HTMLAnchorElement[] => [...list.querySelectorAll<HTMLAnchorElement>('a[href]')];
  dialog.addEventListener('keydown', (event) => {
    // A search field swallows the first Escape (it clears the text); close on any Escape.
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Enter') return;
    const all = links();
    const current = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Enter') {
      // In the field, Enter opens the first result (instead of submitting the dialog form);
      // on a result link the browser follows it.
      if (document.activeElement === input) {
        event.preventDefault();
        const first = all[0];
        if (first) window.location.assign(first.href);
      }
      return;
    }
    if (current === -1 && document.activeElement !== input) return;
    event.preventDefault();
    const next = nextFocus(current, all.length, event.key === 'ArrowDown' ? 1 : -1);
    if (next === -1) input.focus();
    else all[next]?.focus();
  });
  // Following a result on this same page (an anchor) leaves the dialog open otherwise.
  list.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a[href]')) dialog.close();
  });

  let generation = 0;
  input.addEventListener('input', () => {
    const query = input.value.trim().slice(0, 200);
    const mine = ++generation;
    list.replaceChildren();
    if (!query) {
      status.textContent = '';
      return;
    }
    void loadPagefind().then(async (pf) => {
      if (!pf) {
        status.textContent = 'Search is available on the built site (npm start), not in astro dev.';
        return;
      }
      const found = await pf.search(query);
      if (mine !== generation || !found) return;
      const top = await Promise.all(found.results.slice(0, MAX_PAGES).map((r) => r.data()));
      if (mine !== generation) return;
      status.textContent =
        found.results.length === 0
          ? `No results for “${query}”.`
          : `${found.results.length} page${found.results.length === 1 ? '' : 's'} for “${query}”. Arrow keys move through the results.`;
      list.replaceChildren(...top.map(renderResult));
    });
  });
}
