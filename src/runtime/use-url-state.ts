/**
 * `useUrlState` — a widget's state, kept in the page URL so the scenario can be shared.
 * See url-state.ts for the encoding and the safety rules.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { readState, urlWithState, urlWithoutState, type Validator } from './url-state';

export interface UrlState<T> {
  state: T;
  setState: (next: T | ((previous: T) => T)) => void;
  /** Back to the defaults, and the widget's param removed from the URL. */
  reset: () => void;
  /** A sentence to show when the URL carried unusable state; null otherwise. */
  notice: string | null;
  dismissNotice: () => void;
  /** An absolute link that reproduces the current state. */
  shareUrl: () => string;
}

const WRITE_DELAY_MS = 250;

export function useUrlState<T>(id: string, defaults: T, validate: Validator<T>): UrlState<T> {
  // Server rendering and the first client render both use the defaults, so hydration matches;
  // the URL's state is applied right after mount.
  const [state, setStateRaw] = useState<T>(defaults);
  const [notice, setNotice] = useState<string | null>(null);
  const touched = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const result = readState(id, validate, window.location.search);
    if (result.state !== null) setStateRaw(result.state);
    if (result.notice !== null) setNotice(result.notice);
    // Read once on mount: later URL edits come from this hook itself.
  }, []);

  useEffect(() => {
    if (!touched.current) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      try {
        window.history.replaceState(
          window.history.state,
          '',
          urlWithState(window.location.href, id, state),
        );
      } catch {
        // A URL that is too long for the browser: the state still works on the page.
      }
    }, WRITE_DELAY_MS);
    return () => {
      window.clearTimeout(timer.current);
    };
  }, [id, state]);

  const setState = useCallback((next: T | ((previous: T) => T)) => {
    touched.current = true;
    setStateRaw(next);
  }, []);

  const reset = useCallback(() => {
    touched.current = false;
    window.clearTimeout(timer.current);
    setStateRaw(defaults);
    setNotice(null);
    try {
      window.history.replaceState(
        window.history.state,
        '',
        urlWithoutState(window.location.href, id),
      );
    } catch {
      // Nothing to undo.
    }
  }, [defaults, id]);

  const shareUrl = useCallback(() => urlWithState(window.location.href, id, state), [id, state]);
  const dismissNotice = useCallback(() => {
    setNotice(null);
  }, []);

  return { state, setState, reset, notice, dismissNotice, shareUrl };
}
