// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeState } from '../runtime/url-state';
import { useUrlState } from '../runtime/use-url-state';
import { WidgetFrame } from './WidgetFrame';

interface Counter {
  count: number;
}
const validate = (raw: unknown): Counter | null =>
  typeof raw === 'object' && raw !== null && typeof (raw as Counter).count === 'number'
    ? { count: Math.max(0, Math.min(10, Math.round((raw as Counter).count))) }
    : null;
const DEFAULTS: Counter = { count: 1 };

function Demo() {
  const { state, setState, reset, notice, dismissNotice, shareUrl } = useUrlState(
    'demo',
    DEFAULTS,
    validate,
  );
  return (
    <WidgetFrame
      id="demo"
      title="Demo"
      caption="A counter."
      notice={notice}
      onDismissNotice={dismissNotice}
      onReset={reset}
      shareUrl={shareUrl}
    >
      <p aria-live="polite">Count {state.count}</p>
      <button
        type="button"
        onClick={() => {
          setState((s) => ({ count: s.count + 1 }));
        }}
      >
        Add
      </button>
    </WidgetFrame>
  );
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('WidgetFrame with useUrlState', () => {
  it('renders a labelled figure with its caption and tools', () => {
    render(<Demo />);
    const figure = screen.getByRole('figure', { name: 'Demo' });
    expect(figure.id).toBe('demo');
    expect(screen.getByText('A counter.').tagName).toBe('FIGCAPTION');
    expect(screen.getByRole('button', { name: 'Reset' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy link to this scenario' })).toBeTruthy();
  });

  it('applies a valid state from the URL and writes changes back', async () => {
    window.history.replaceState(null, '', `/?demo=${encodeState({ count: 4 })}`);
    render(<Demo />);
    await screen.findByText('Count 4');
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByText('Count 5');
    await waitFor(() => {
      expect(new URL(window.location.href).searchParams.get('demo')).toBe(
        encodeState({ count: 5 }),
      );
    });
  });

  it('shows a notice and the defaults for a hostile URL, never its markup', async () => {
    window.history.replaceState(
      null,
      '',
      `/?demo=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    const { container } = render(<Demo />);
    await screen.findByText(/default scenario is shown/);
    expect(screen.getByText('Count 1')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('resets to the defaults and removes its state from the URL', async () => {
    window.history.replaceState(null, '', `/?other=1&demo=${encodeState({ count: 7 })}`);
    render(<Demo />);
    await screen.findByText('Count 7');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    await screen.findByText('Count 1');
    const url = new URL(window.location.href);
    expect(url.searchParams.get('demo')).toBeNull();
    expect(url.searchParams.get('other')).toBe('1');
  });
});
