/**
 * Loads a component's code on first use (for panels a reader may never open), so the
 * widget's initial JavaScript stays small. `request()` starts the import; until it resolves
 * `Component` is null, and a failed import sets `error` to a sentence for the reader.
 */
import type { ComponentType } from 'preact';
import { useCallback, useState } from 'preact/hooks';

export interface LazyComponent<P> {
  Component: ComponentType<P> | null;
  error: string;
  request: () => void;
}

export function useLazyComponent<P>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  const [Component, setComponent] = useState<ComponentType<P> | null>(null);
  const [error, setError] = useState('');
  const [started, setStarted] = useState(false);
  const request = useCallback(() => {
    if (started) return;
    setStarted(true);
    load()
      .then((loaded) => {
        setComponent(() => loaded);
      })
      .catch(() => {
        setStarted(false);
        setError('This panel could not be loaded. Reload the page to try again.');
      });
  }, [load, started]);
  return { Component, error, request };
}
