// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { releaseHydrated } from './hydration';

afterEach(() => {
  document.body.replaceChildren();
});

function slot(hydrated: boolean): HTMLElement {
  const live = document.createElement('div');
  live.setAttribute('data-widget-live', '');
  live.setAttribute('inert', '');
  const island = document.createElement('astro-island');
  if (!hydrated) island.setAttribute('ssr', '');
  live.append(island);
  document.body.append(live);
  return live;
}

describe('releaseHydrated (widgets stay inert until their island hydrates)', () => {
  it('keeps a server-rendered island inert and releases it once Astro drops `ssr`', () => {
    const waiting = slot(false);
    const ready = slot(true);
    expect(releaseHydrated(document)).toBe(1);
    expect(waiting.hasAttribute('inert')).toBe(true);
    expect(ready.hasAttribute('inert')).toBe(false);
    waiting.querySelector('astro-island')?.removeAttribute('ssr');
    expect(releaseHydrated(document)).toBe(0);
    expect(waiting.hasAttribute('inert')).toBe(false);
  });
});
