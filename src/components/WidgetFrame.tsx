/**
 * The frame every widget sits in: a <figure> with a heading, Reset and "Copy link to this
 * scenario", a polite notice area (for rejected URL state, clamped input and the like),
 * the widget's body and its caption.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface WidgetFrameProps {
  /** Unique on the page; also the element id a scenario link scrolls to. */
  id: string;
  title: string;
  caption: ComponentChildren;
  notice?: string | null;
  onDismissNotice?: () => void;
  onReset: () => void;
  /** Returns an absolute URL that reproduces the current scenario. */
  shareUrl: () => string;
  children: ComponentChildren;
  /** Extra tools shown next to Reset and Copy link. */
  tools?: ComponentChildren;
  /**
   * The widget's one-line verdict (what the simulation concludes right now). Rendered in a
   * bar that stays in view while the controls scroll, and announced politely.
   */
  verdict?: ComponentChildren;
}

export function WidgetFrame(props: WidgetFrameProps) {
  const {
    id,
    title,
    caption,
    notice,
    onDismissNotice,
    onReset,
    shareUrl,
    children,
    tools,
    verdict,
  } = props;
  const [copyStatus, setCopyStatus] = useState('');
  const headingId = `${id}-title`;

  const copy = async () => {
    const url = shareUrl();
    try {
      await navigator.clipboard.writeText(url);
      setCopyStatus('Link to this scenario copied.');
    } catch {
      window.history.replaceState(window.history.state, '', url);
      setCopyStatus('Clipboard unavailable: the link is now in the address bar.');
    }
    window.setTimeout(() => {
      setCopyStatus('');
    }, 4000);
  };

  return (
    <figure class="widget" id={id} aria-labelledby={headingId}>
      <div class="widget-header">
        <h3 class="widget-title" id={headingId}>
          {title}
        </h3>
        <div class="widget-tools">
          {tools}
          <button type="button" onClick={onReset}>
            Reset
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy link to this scenario
          </button>
        </div>
      </div>
      <p class="widget-notice" role="status" aria-live="polite">
        {notice ?? copyStatus}
        {notice && onDismissNotice ? (
          <>
            {' '}
            <button type="button" onClick={onDismissNotice}>
              Dismiss
            </button>
          </>
        ) : null}
      </p>
      {verdict === undefined ? null : (
        <div class="widget-verdict" role="status" aria-live="polite">
          {verdict}
        </div>
      )}
      <div class="widget-body">{children}</div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export default WidgetFrame;
