/**
 * Site-wide progressive enhancement, bundled once for every page: theme switch, search
 * dialog, copy buttons on code blocks and "copy link" on heading anchors. Every feature
 * degrades to plain HTML without JavaScript.
 */
import { setupHydration } from './hydration';
import { setupProgressMarks } from './progress-marks';
import { setupSearch } from './search';
import { scrollToHashWidget } from './widget-hash-link';

const THEME_KEY = 'fdl-theme';

function applyTheme(choice: string): void {
  const dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
}

function setupTheme(): void {
  const selects = [...document.querySelectorAll<HTMLSelectElement>('[data-theme-select]')];
  if (selects.length === 0) return;
  let stored = 'system';
  try {
    stored = localStorage.getItem(THEME_KEY) ?? 'system';
  } catch {
    // Storage can be blocked; the theme then follows the system.
  }
  let choice = ['light', 'dark'].includes(stored) ? stored : 'system';
  for (const select of selects) {
    select.value = choice;
    select.addEventListener('change', () => {
      choice = select.value;
      for (const other of selects) other.value = choice;
      try {
        if (choice === 'system') localStorage.removeItem(THEME_KEY);
        else localStorage.setItem(THEME_KEY, choice);
      } catch {
        // Not persisted, but still applied for this page.
      }
      applyTheme(choice);
    });
  }
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    applyTheme(choice);
  });
}

/** Terminal blocks copy without their `$ ` prompts (and without output lines that follow none). */
export function stripPrompts(text: string): string {
  const lines = text.split('\n');
  const hasPrompt = lines.some((line) => /^\$ /.test(line));
  if (!hasPrompt) return text;
  return lines
    .filter((line) => /^\$ /.test(line))
    .map((line) => line.replace(/^\$ /, ''))
    .join('\n');
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function flash(button: HTMLElement, message: string): void {
  const label = button.dataset['label'] ?? button.textContent;
  button.dataset['label'] = label;
  button.textContent = message;
  window.setTimeout(() => {
    button.textContent = label;
  }, 1600);
}

const TERMINAL_LANGS = new Set(['sh', 'shell', 'bash', 'console', 'shellsession', 'zsh']);

function setupCodeCopy(): void {
  for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.parentNode?.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    const lang = pre.dataset['language'] ?? '';
    if (lang && lang !== 'plaintext') {
      const badge = document.createElement('span');
      badge.className = 'code-lang';
      badge.textContent = lang;
      wrapper.appendChild(badge);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-copy';
    button.textContent = 'Copy';
    button.setAttribute(
      'aria-label',
      TERMINAL_LANGS.has(lang) ? 'Copy commands (without prompts)' : 'Copy code',
    );
    button.addEventListener('click', () => {
      const raw = pre.textContent;
      const text = TERMINAL_LANGS.has(lang) ? stripPrompts(raw) : raw;
      void copyText(text).then((ok) => {
        flash(button, ok ? 'Copied' : 'Copy failed');
      });
    });
    wrapper.appendChild(button);
    // Scrollable code must be reachable by keyboard (WCAG 2.1.1).
    pre.tabIndex = 0;
  }
}

function setupAnchors(): void {
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('a[data-anchor]')) {
    anchor.addEventListener('click', (event) => {
      event.preventDefault();
      const url = new URL(anchor.href);
      history.replaceState(null, '', url.hash);
      void copyText(url.href).then((ok) => {
        anchor.dataset['copied'] = ok ? 'yes' : 'no';
        const status = document.querySelector('[data-anchor-status]');
        if (status)
          status.textContent = ok
            ? 'Link copied to the clipboard.'
            : 'Link shown in the address bar.';
        window.setTimeout(() => delete anchor.dataset['copied'], 1600);
      });
      document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
    });
  }
}

setupHydration();
setupTheme();
setupSearch();
setupCodeCopy();
setupAnchors();
setupProgressMarks();
scrollToHashWidget();
