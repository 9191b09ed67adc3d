/**
 * How each outcome is drawn: a colour variable, an SVG pattern id (so colour is never the only
 * signal) and a plain-language name for legends and bar titles.
 */
import type { Outcome } from '../../sim/shutdown/shutdown';

export interface OutcomeStyle {
  colour: string;
  pattern: string | null;
  name: string;
  /** One character drawn in the legend swatch too. */
  mark: string;
}

export const OUTCOME_STYLES: Record<Outcome, OutcomeStyle> = {
  completed: { colour: 'var(--ok)', pattern: null, name: 'completed', mark: '✓' },
  reset: { colour: 'var(--warn)', pattern: 'dots', name: 'reset (connection reset)', mark: 'R' },
  killed: { colour: 'var(--bad)', pattern: 'hatch', name: 'killed mid-request', mark: 'K' },
  'error-500': {
    colour: 'var(--bad)',
    pattern: 'dots',
    name: '500 from Gunicorn (quick stop)',
    mark: 'E',
  },
  refused: {
    colour: 'var(--muted)',
    pattern: 'dots',
    name: 'refused (nothing listening)',
    mark: '×',
  },
  'lb-502': {
    colour: 'var(--bad)',
    pattern: 'cross',
    name: '502 from the load balancer',
    mark: '5',
  },
  'not-routed': {
    colour: 'var(--info)',
    pattern: null,
    name: 'not routed here (served elsewhere)',
    mark: '→',
  },
};
