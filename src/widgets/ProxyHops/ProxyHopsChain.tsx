/**
 * The chain editor: hops listed from the client towards the app, each with Move up / Move
 * down / Remove buttons and its settings; a kind selector and an Add button at the end.
 * Everything works with the keyboard; focus follows the hop that moved.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  createHop,
  HOP_KIND_LABELS,
  hopLabel,
  type HopConfig,
  type HopKind,
} from '../../sim/proxy/hops';
import { MAX_HOPS } from '../../sim/proxy/scenario-state';
import type { ProxyHopsHopFieldsProps } from './ProxyHopsHopFields';
import { useLazyComponent } from './use-lazy-component';
import { ProxyHopsSelect } from './ProxyHopsSelect';

export interface ProxyHopsChainProps {
  idPrefix: string;
  hops: readonly HopConfig[];
  onChange: (hops: HopConfig[]) => void;
  /** Announces a change in words (for screen readers). */
  onAnnounce: (message: string) => void;
}

const KIND_OPTIONS = (Object.keys(HOP_KIND_LABELS) as HopKind[]).map(
  (kind) => [kind, HOP_KIND_LABELS[kind]] as const,
);

// A hop's settings load with the first settings panel a reader opens.
const loadFields = () =>
  import('./ProxyHopsHopFields').then(
    (module): ComponentType<ProxyHopsHopFieldsProps> => module.ProxyHopsHopFields,
  );

export function ProxyHopsChain({ idPrefix, hops, onChange, onAnnounce }: ProxyHopsChainProps) {
  const [kind, setKind] = useState<HopKind>('cloudfront');
  const fields = useLazyComponent(loadFields);
  const Fields = fields.Component;
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    if (pendingFocus.current === null) return;
    const element = document.getElementById(pendingFocus.current);
    pendingFocus.current = null;
    element?.focus();
  });

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= hops.length) return;
    const next = [...hops];
    const [moved] = next.splice(index, 1);
    if (!moved) return;
    next.splice(target, 0, moved);
    // Keep focus on the moved hop: the same button, or the other one once it hits an end.
    const atEnd = delta < 0 ? target === 0 : target === next.length - 1;
    const same = delta < 0 ? 'up' : 'down';
    const other = delta < 0 ? 'down' : 'up';
    pendingFocus.current = `${idPrefix}-hop-${target}-${atEnd ? other : same}`;
    onChange(next);
    onAnnounce(`${hopLabel(moved)} is now hop ${target + 1} of ${next.length}.`);
  };

  const remove = (index: number) => {
    const removed = hops[index];
    const next = hops.filter((_, i) => i !== index);
    pendingFocus.current =
      next.length === 0
        ? `${idPrefix}-add`
        : `${idPrefix}-hop-${Math.min(index, next.length - 1)}-remove`;
    onChange(next);
    if (removed) onAnnounce(`Removed ${hopLabel(removed)}. ${next.length} hop(s) left.`);
  };

  const add = () => {
    if (hops.length >= MAX_HOPS) return;
    const hop = createHop(kind);
    const next = [...hops, { ...hop, address: uniqueAddress(hop.address, hops) }];
    onChange(next);
    onAnnounce(`Added ${hopLabel(hop)} as hop ${next.length}, next to the app.`);
  };

  return (
    <div class="ph-chain">
      <p class="ph-chain-ends">Client — requests travel down this list — Gunicorn + Flask</p>
      {hops.length === 0 ? (
        <p class="ph-empty">No proxy: the client talks to Gunicorn directly.</p>
      ) : (
        <ol class="ph-hop-list">
          {hops.map((hop, index) => {
            const label = hopLabel(hop);
            const name = `${label} (hop ${index + 1})`;
            return (
              <li key={index} class="ph-hop">
                <div class="ph-hop-head">
                  <span class="ph-hop-title">
                    Hop {index + 1}: <strong>{label}</strong> <code>{hop.address}</code>
                  </span>
                  <span class="ph-hop-buttons">
                    <button
                      type="button"
                      id={`${idPrefix}-hop-${index}-up`}
                      aria-label={`Move ${name} up`}
                      disabled={index === 0}
                      onClick={() => {
                        move(index, -1);
                      }}
                    >
                      ↑ Up
                    </button>
                    <button
                      type="button"
                      id={`${idPrefix}-hop-${index}-down`}
                      aria-label={`Move ${name} down`}
                      disabled={index === hops.length - 1}
                      onClick={() => {
                        move(index, 1);
                      }}
                    >
                      ↓ Down
                    </button>
                    <button
                      type="button"
                      id={`${idPrefix}-hop-${index}-remove`}
                      aria-label={`Remove ${name}`}
                      onClick={() => {
                        remove(index);
                      }}
                    >
                      ✕ Remove
                    </button>
                  </span>
                </div>
                <details
                  id={`${idPrefix}-hop-${index}-settings`}
                  class="ph-hop-settings"
                  onToggle={(event) => {
                    if (event.currentTarget.open) fields.request();
                  }}
                >
                  <summary>Settings of {name}</summary>
                  {Fields ? (
                    <Fields
                      idPrefix={`${idPrefix}-hop-${index}`}
                      hop={hop}
                      onChange={(changed) => {
                        onChange(hops.map((h, i) => (i === index ? changed : h)));
                      }}
                    />
                  ) : (
                    <p class="ph-muted">{fields.error || 'Loading…'}</p>
                  )}
                </details>
              </li>
            );
          })}
        </ol>
      )}
      <div class="ph-add">
        <ProxyHopsSelect
          id={`${idPrefix}-kind`}
          label="Proxy to add"
          value={kind}
          options={KIND_OPTIONS}
          onChange={setKind}
        />
        <button
          type="button"
          id={`${idPrefix}-add`}
          onClick={add}
          disabled={hops.length >= MAX_HOPS}
        >
          Add hop
        </button>
        {hops.length >= MAX_HOPS ? <span class="ph-muted"> (at most {MAX_HOPS} hops)</span> : null}
      </div>
    </div>
  );
}

/** Two hops of the same kind get distinct addresses, so the views can tell them apart. */
function uniqueAddress(address: string, hops: readonly HopConfig[]): string {
  const used = new Set(hops.map((h) => h.address));
  if (!used.has(address)) return address;
  const parts = address.split('.');
  const last = Number(parts.at(-1));
  if (parts.length !== 4 || !Number.isInteger(last)) return address;
  for (let n = 1; n < 250; n += 1) {
    const candidate = [...parts.slice(0, 3), String(((last + n) % 253) + 1)].join('.');
    if (!used.has(candidate)) return candidate;
  }
  return address;
}
