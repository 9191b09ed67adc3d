/**
 * The learner's progress as Preact state, shared by the exercises, checklist, progress and
 * interview widgets. Kept out of src/runtime/progress-store.ts so the site-wide script (sidebar
 * marks) does not pull Preact into every page.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { createEmptyProgress, type Progress } from '../../sim/training/progress';
import { loadProgress, subscribeProgress, updateProgress } from '../../runtime/progress-store';

/**
 * Progress as Preact state. Server rendering and the first client render use empty progress
 * (hydration matches); the stored value is read after mount.
 */
export function useProgress(): {
  progress: Progress;
  notice: string | null;
  update: (change: (progress: Progress) => Progress) => void;
  dismissNotice: () => void;
  setNotice: (notice: string | null) => void;
} {
  const [progress, setProgress] = useState<Progress>(createEmptyProgress);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const first = loadProgress();
    setProgress(first.progress);
    setNotice(first.notice);
    return subscribeProgress(() => {
      setProgress(loadProgress().progress);
    });
  }, []);
  const update = useCallback((change: (progress: Progress) => Progress) => {
    const failure = updateProgress(change);
    if (failure !== null) setNotice(failure);
  }, []);
  const dismissNotice = useCallback(() => {
    setNotice(null);
  }, []);
  return { progress, notice, update, dismissNotice, setNotice };
}
