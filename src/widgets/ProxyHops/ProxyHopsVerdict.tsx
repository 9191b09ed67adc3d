/**
 * The proxy widget's one-line verdict for the sticky bar: an icon and the label in words (never
 * colour alone), then the classification's summary.
 */
import { VERDICT_LABELS, type Classification } from '../../sim/proxy/advice';

const VERDICT_ICONS = {
  correct: '✓',
  spoofable: '✗',
  'leaks-proxy-address': '!',
  'loses-https': '!',
  'wrong-host': '!',
  rejected: '✗',
} as const;

/** The one-line verdict for the widget's sticky bar: icon and label as text, not colour alone. */
export function ProxyHopsVerdict({ classification }: { classification: Classification }) {
  return (
    <span class={`ph-verdict ph-verdict-${classification.verdict}`}>
      <span aria-hidden="true" class="ph-verdict-icon">
        {VERDICT_ICONS[classification.verdict]}
      </span>{' '}
      Verdict: <strong>{VERDICT_LABELS[classification.verdict]}</strong>.{' '}
      <span class="ph-verdict-summary">
        {classification.summary.replace(`${VERDICT_LABELS[classification.verdict]}: `, '')}
      </span>
    </span>
  );
}
