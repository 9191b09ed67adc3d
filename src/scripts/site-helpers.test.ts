// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderExcerpt } from './search';
import { stripPrompts } from './site';

describe('stripPrompts (copy button on terminal blocks)', () => {
  it('copies only the commands, without "$ " and without output lines', () => {
    expect(
      stripPrompts(
        '$ pip install gunicorn\nCollecting gunicorn\n$ gunicorn --version\ngunicorn 23.0.0',
      ),
    ).toBe('pip install gunicorn\ngunicorn --version');
  });
  it('leaves blocks without prompts as they are', () => {
    expect(stripPrompts('FLASK_DEBUG=0\nexport X=1')).toBe('FLASK_DEBUG=0\nexport X=1');
  });
});

describe('renderExcerpt (search results)', () => {
  it('keeps Pagefind’s <mark> highlights and renders everything else as text', () => {
    const into = document.createElement('p');
    renderExcerpt('count <mark>ProxyFix</mark> hops <img src=x onerror=alert(1)> &amp; more', into);
    expect(into.querySelectorAll('mark')).toHaveLength(1);
    expect(into.querySelector('mark')?.textContent).toBe('ProxyFix');
    expect(into.querySelector('img')).toBeNull();
    expect(into.textContent).toContain('hops');
    expect(into.textContent).toContain('& more');
  });
});
