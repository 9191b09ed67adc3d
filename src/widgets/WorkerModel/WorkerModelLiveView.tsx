/**
 * A replay of the first seconds of traffic: the connections waiting in the listen backlog and
 * what each worker process holds, sample by sample. It plays by itself unless the reader prefers
 * reduced motion; a labelled time slider (keyboard-operable) shows any instant, and a text line
 * states the same numbers.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, type WorkerRunResult, type WorkerSettings } from '../../sim/workers';
import { computeSlotsPerWorker } from '../../sim/workers';

export interface WorkerModelLiveViewProps {
  idPrefix: string;
  live: WorkerRunResult;
  settings: WorkerSettings;
  reducedMotion: boolean;
}

/** Wall-clock milliseconds per sample while playing. */
const FRAME_MS = 40;
const MAX_DOTS = 80;

export function WorkerModelLiveView({
  idPrefix,
  live,
  settings,
  reducedMotion,
}: WorkerModelLiveViewProps) {
  const samples = live.series;
  const last = Math.max(0, samples.length - 1);
  const [index, setIndex] = useState(reducedMotion ? last : 0);
  const [playing, setPlaying] = useState(!reducedMotion);
  const frame = useRef<number | undefined>(undefined);
  const indexRef = useRef(index);
  indexRef.current = index;

  // New data: start again from the beginning (or show the end, statically).
  useEffect(() => {
    setIndex(reducedMotion ? last : 0);
    setPlaying(!reducedMotion);
  }, [live, reducedMotion, last]);

  useEffect(() => {
    if (!playing || reducedMotion) return;
    let previous = performance.now();
    const step = (now: number): void => {
      if (now - previous >= FRAME_MS) {
        previous = now;
        if (indexRef.current >= last) {
          setPlaying(false);
          return;
        }
        indexRef.current += 1;
        setIndex(indexRef.current);
      }
      frame.current = window.requestAnimationFrame(step);
    };
    frame.current = window.requestAnimationFrame(step);
    return () => {
      if (frame.current !== undefined) window.cancelAnimationFrame(frame.current);
    };
  }, [playing, reducedMotion, last]);

  const sample = samples[Math.min(index, last)];
  const perProcess = live.processSeries[Math.min(index, last)] ?? [];
  if (sample === undefined) return null;
  const slots = computeSlotsPerWorker(settings);
  const busyWorkers = perProcess.filter((held) => held > 0).length;
  const restarting = perProcess.filter((held) => held < 0).length;
  const seconds = formatNumber(sample.timeMs / 1000);
  const sliderId = `${idPrefix}-live-time`;

  return (
    <div class="wm-live">
      <div class="wm-live-controls">
        {reducedMotion ? null : (
          <button
            type="button"
            onClick={() => {
              if (!playing && index >= last) setIndex(0);
              setPlaying(!playing);
            }}
          >
            {playing ? 'Pause replay' : 'Play replay'}
          </button>
        )}
        <label for={sliderId}>Time in the first {formatNumber(live.windowMs / 1000)} s</label>
        <span class="wm-value" aria-hidden="true">
          {seconds} s
        </span>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-valuetext={`${seconds} s`}
          onInput={(event) => {
            setPlaying(false);
            setIndex(Number(event.currentTarget.value));
          }}
        />
      </div>
      <p class="wm-live-text">
        At {seconds} s: {formatNumber(sample.queued)} waiting in the backlog; {busyWorkers} of{' '}
        {perProcess.length} workers busy
        {restarting > 0 ? `, ${restarting} restarting after a timeout kill` : ''}; CPU{' '}
        {formatNumber(sample.cpuUse * 100)} %.
      </p>
      <div class="wm-live-backlog" aria-hidden="true">
        <span class="wm-live-label">Backlog</span>
        {Array.from({ length: Math.min(sample.queued, MAX_DOTS) }, (_, i) => (
          <span key={i} class="wm-dot" />
        ))}
        {sample.queued > MAX_DOTS ? (
          <span class="wm-more">+{formatNumber(sample.queued - MAX_DOTS)}</span>
        ) : null}
      </div>
      <ol class="wm-live-workers" aria-hidden="true">
        {perProcess.map((held, worker) => (
          <li
            key={worker}
            class={
              held < 0
                ? 'wm-worker wm-worker-down'
                : held > 0
                  ? 'wm-worker wm-worker-busy'
                  : 'wm-worker'
            }
          >
            <span class="wm-worker-name">W{worker + 1}</span>
            <span class="wm-worker-state">
              {held < 0
                ? 'restarting'
                : slots === 1
                  ? held > 0
                    ? 'busy'
                    : 'idle'
                  : `${held}/${formatNumber(slots)}`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
