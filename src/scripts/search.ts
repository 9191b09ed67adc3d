/**
 * The search dialog, on Pagefind's JS API. The index is fetched from this site's own
 * /pagefind/ folder on first use; nothing is requested from anywhere else.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface PagefindResult {
  data(): Promise<PagefindResultData>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] } | null>;
  debouncedSearch?(
    query: string,
    options?: unknown,
    ms?: number,
  ): Promise<{ results: PagefindResult[] } | null>;
}

let pagefind: Promise<Pagefind | null> | null = null;

function loadPagefind(): Promise<Pagefind | null> {
  // A variable path keeps the bundler from trying to resolve a file that only exists after the build.
  const path = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ path) as Promise<Pagefind>).catch(() => null);
  return pagefind;
}

/** Render Pagefind's excerpt as text, keeping only its <mark> highlights. */
export function renderExcerpt(excerpt: string, into: HTMLElement): void {
  // An inert document decodes entities and drops any tags without running anything.
  const parser = new DOMParser();
  const asText = (html: string) => parser.parseFromString(html, 'text/html').body.textContent;
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
  // A search field swallows the first Escape (it clears the text); close the dialog on any Escape.
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
    }
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
      const top = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
      if (mine !== generation) return;
      status.textContent =
        found.results.length === 0
          ? `No results for “${query}”.`
          : `${found.results.length} result${found.results.length === 1 ? '' : 's'} for “${query}”.`;
      for (const result of top) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = result.url;
        link.className = 'search-result-title';
        link.textContent = result.meta.title ?? result.url;
        const excerpt = document.createElement('p');
        excerpt.className = 'search-excerpt';
        renderExcerpt(result.excerpt, excerpt);
        item.append(link, excerpt);
        list.appendChild(item);
      }
    });
  });
}
