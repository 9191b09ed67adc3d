/**
 * Widgets are `inert` until their island has hydrated (src/components/WidgetSlot.astro), so a
 * click or a keystroke on the server-rendered controls cannot be silently dropped. Astro
 * removes the `ssr` attribute from an <astro-island> once it has hydrated; this lifts `inert`
 * from the widget at that moment. A scenario link (`?id=…#id`) is scrolled to again when its
 * widget has hydrated, in case the page above it changed height meanwhile.
 */

/** Lift `inert` from every widget whose island has hydrated; returns how many are still waiting. */
export function releaseHydrated(root: ParentNode): number {
  let waiting = 0;
  for (const live of root.querySelectorAll<HTMLElement>('[data-widget-live][inert]')) {
    const island = live.querySelector('astro-island');
    if (island === null || island.hasAttribute('ssr')) {
      waiting++;
      continue;
    }
    live.removeAttribute('inert');
    live.dispatchEvent(new CustomEvent('fdl:widget-ready', { bubbles: true }));
  }
  return waiting;
}

function scenarioTarget(): HTMLElement | null {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id) return null;
  const target = document.getElementById(id);
  return target?.closest<HTMLElement>('[data-widget-live]') ? target : null;
}

export function setupHydration(): void {
  const target = scenarioTarget();
  let userScrolled = false;
  const stop = () => {
    userScrolled = true;
  };
  if (target) {
    for (const type of ['wheel', 'touchmove', 'keydown'] as const)
      window.addEventListener(type, stop, { once: true, passive: true });
    document.addEventListener('fdl:widget-ready', (event) => {
      if (!userScrolled && event.target instanceof Element && event.target.contains(target))
        target.scrollIntoView({ block: 'start' });
    });
  }
  if (releaseHydrated(document) === 0) return;
  const observer = new MutationObserver(() => {
    if (releaseHydrated(document) === 0) observer.disconnect();
  });
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['ssr'] });
}
