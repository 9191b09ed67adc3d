/**
 * International host names need nameprep (src/sim/proxy/nameprep-impl.ts and its tables, about
 * 4 KB gzipped). Islands do not ship it: a simulation that meets a non-ASCII or `xn--` label
 * throws NameprepDataMissing, this hook then loads the tables as their own chunk and runs the
 * simulation again. Pages whose host names are plain ASCII never fetch them.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { NameprepDataMissing, provideNameprep } from '../sim/proxy/nameprep';

let loading: Promise<void> | null = null;

function loadNameprepData(): Promise<void> {
  loading ??= import('../sim/proxy/nameprep-impl').then((loaded) => {
    provideNameprep(loaded.nameprep);
  });
  return loading;
}

export interface WithNameprep<T> {
  readonly status: 'ready' | 'loading' | 'failed';
  /** The current result when ready; otherwise the last ready one (undefined before any). */
  readonly value: T | undefined;
  /** Why the tables did not arrive ('' unless failed). */
  readonly message: string;
}

/**
 * `compute()` re-run when `deps` change, and once more when the tables arrive. While they load,
 * the last result stays on screen, so the inputs a reader is typing into never unmount.
 */
export function useWithNameprep<T>(compute: () => T, deps: readonly unknown[]): WithNameprep<T> {
  const [loaded, setLoaded] = useState(0);
  const [failure, setFailure] = useState('');
  const last = useRef<T | undefined>(undefined);
  const outcome = useMemo((): T | NameprepDataMissing => {
    try {
      return compute();
    } catch (error) {
      if (error instanceof NameprepDataMissing) return error;
      throw error;
    }
  }, [...deps, loaded]); // the caller's deps, plus `loaded`
  const missing = outcome instanceof NameprepDataMissing;
  useEffect(() => {
    if (!missing) return undefined;
    let live = true;
    loadNameprepData().then(
      () => {
        if (live) setLoaded((count) => count + 1);
      },
      () => {
        loading = null;
        if (live)
          setFailure(
            'The tables for international host names could not be loaded. Reload the page to try again.',
          );
      },
    );
    return () => {
      live = false;
    };
  }, [missing]);
  if (!missing) {
    last.current = outcome;
    return { status: 'ready', value: outcome, message: '' };
  }
  return { status: failure ? 'failed' : 'loading', value: last.current, message: failure };
}
