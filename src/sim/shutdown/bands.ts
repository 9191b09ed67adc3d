/**
 * The limits of a shutdown run as time bands for a drawing: the deregistration (drain) window,
 * the orchestrator's stop timeout from the stop signal to SIGKILL, Gunicorn's graceful_timeout,
 * and the kill itself. Every instant comes from `ShutdownResult.times`.
 */
import type { ShutdownResult } from './shutdown-types';

export type BandKind = 'drain' | 'stop-timeout' | 'graceful' | 'kill';

export interface TimeBand {
  readonly kind: BandKind;
  readonly label: string;
  readonly fromMs: number;
  /** Equal to `fromMs` for an instant (the kill). */
  readonly toMs: number;
}

function span(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

export function shutdownBands(result: ShutdownResult): TimeBand[] {
  const t = result.times;
  const bands: TimeBand[] = [];
  if (t.lbDeadlineAtMs !== null && t.lbDeadlineAtMs > t.stopCommandAtMs) {
    bands.push({
      kind: 'drain',
      label: `Deregistration delay (drain) ${span(t.lbDeadlineAtMs - t.stopCommandAtMs)}`,
      fromMs: t.stopCommandAtMs,
      toMs: t.lbDeadlineAtMs,
    });
  }
  if (t.signalAtMs !== null) {
    const end = t.killAtMs ?? t.containerExitAtMs ?? t.signalAtMs;
    bands.push({
      kind: 'stop-timeout',
      label:
        t.killAtMs === null
          ? 'Stop signal (no SIGKILL deadline)'
          : `Stop signal → SIGKILL deadline ${span(t.killAtMs - t.signalAtMs)}`,
      fromMs: t.signalAtMs,
      toMs: Math.max(t.signalAtMs, end),
    });
  }
  if (t.gunicornSignalAtMs !== null && t.masterKillAtMs !== null) {
    bands.push({
      kind: 'graceful',
      label: `Gunicorn graceful_timeout ${span(t.masterKillAtMs - t.gunicornSignalAtMs)}`,
      fromMs: t.gunicornSignalAtMs,
      toMs: t.masterKillAtMs,
    });
  }
  if (t.killAtMs !== null && t.containerExitAtMs !== null && t.killAtMs <= t.containerExitAtMs) {
    bands.push({ kind: 'kill', label: 'SIGKILL', fromMs: t.killAtMs, toMs: t.killAtMs });
  }
  return bands;
}
