/**
 * A header value drawn piece by piece: each piece is coloured by the hop that wrote it and
 * labelled in text too (colour is never the only signal); client-controlled pieces are marked
 * "untrusted" with a dashed outline.
 */
import type { HeaderPiece } from '../../sim/proxy/hops';

export interface ProxyHopsHeaderValueProps {
  pieces: readonly HeaderPiece[];
  /** Labels of the senders by index (0 = client). */
  writers: readonly string[];
}

export function writerClass(writer: number): string {
  if (writer <= 0) return 'ph-w-client';
  return `ph-w${((writer - 1) % 5) + 1}`;
}

export function ProxyHopsHeaderValue({ pieces, writers }: ProxyHopsHeaderValueProps) {
  return (
    <span class="ph-value">
      {pieces.map((piece, i) => {
        if (piece.separator) {
          return (
            <span key={i} class="ph-sep">
              {piece.text}
            </span>
          );
        }
        const untrusted = piece.clientControlled || piece.writer === 0;
        const by = piece.writer < 0 ? 'Gunicorn' : (writers[piece.writer] ?? `hop ${piece.writer}`);
        const label = untrusted
          ? piece.writer === 0
            ? 'client · untrusted'
            : `${by} · from client · untrusted`
          : by;
        return (
          <span
            key={i}
            class={`ph-piece ${writerClass(piece.writer)}${untrusted ? ' ph-untrusted' : ''}`}
          >
            <code>{piece.text === '' ? '""' : piece.text}</code>
            <span class="ph-tag">{label}</span>
          </span>
        );
      })}
    </span>
  );
}
