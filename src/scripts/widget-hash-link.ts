/**
 * Scenario links that keep their state in the URL hash (`#dockerfile-checker~v1.…`, so the text
 * never reaches a server) name no element, so the browser does not scroll to the widget, and an
 * island that hydrates when visible would wait until the reader scrolls there. Scroll to the
 * widget whose id prefixes the hash: it comes into view, hydrates, and restores the link at once.
 */
export function widgetIdFromHash(hash: string): string | null {
  const match = /^#([a-z][a-z0-9-]{0,80})~/.exec(hash);
  return match ? match[1]! : null;
}

export function scrollToHashWidget(): void {
  const id = widgetIdFromHash(window.location.hash);
  if (id === null) return;
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
}
