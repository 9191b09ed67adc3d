/**
 * The audit report in a link: the query parameter `audit` carries what was audited, so the
 * recipient's page runs the same audit. A sample bundle is just its id (`s`); other files
 * travel as deflate-compressed JSON (`z` + base64url). Links are refused above
 * MAX_SHARE_CHARS, well under the 8,000 characters browsers and chat tools keep.
 * Reading is defensive: the decompressed text is capped (no deflate bomb), every field is
 * checked, and anything wrong gives a sentence, never an exception.
 */
import { encodeState } from '../../runtime/url-state';
import type { AuditInput, AuditOptions } from '../../sim/audit/types';
import { sanitizeInputs, sanitizeOptions } from './input-limits';

export const SHARE_PARAM = 'audit';
/** Longest share parameter produced or accepted. */
export const MAX_SHARE_CHARS = 6000;
/** Largest decompressed payload accepted from a link. */
const MAX_INFLATED_BYTES = 256 * 1024;

export interface SharedAudit {
  /** A sample bundle's id, when the audit is a sample. */
  readonly sample?: string;
  readonly inputs?: readonly AuditInput[];
  readonly options: AuditOptions;
}

export type ShareResult =
  { readonly ok: true; readonly param: string } | { readonly ok: false; readonly chars: number };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: ByteStream, cap: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

type ByteStream = TransformStream<Uint8Array, Uint8Array>;

/** The share parameter for an audit, or how long it would be when it does not fit. */
export async function encodeShared(shared: SharedAudit): Promise<ShareResult> {
  const options = Object.keys(shared.options).length > 0 ? { o: shared.options } : {};
  if (shared.sample !== undefined) {
    const param = `j${encodeState({ s: shared.sample, ...options })}`;
    return { ok: true, param };
  }
  const files = (shared.inputs ?? []).map((input) =>
    input.kind === undefined ? [input.name, input.text] : [input.name, input.text, input.kind],
  );
  const json = new TextEncoder().encode(JSON.stringify({ f: files, ...options }));
  const deflated = await pipe(
    json,
    new CompressionStream('deflate-raw') as unknown as ByteStream,
    Number.MAX_SAFE_INTEGER,
  );
  const param = `z${toBase64Url(deflated)}`;
  return param.length <= MAX_SHARE_CHARS ? { ok: true, param } : { ok: false, chars: param.length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJson(value: unknown, isSample: (id: string) => boolean): SharedAudit | string {
  if (!isRecord(value)) return 'the link’s audit is not one this page understands';
  const options = sanitizeOptions(value.o);
  if (typeof value.s === 'string') {
    return isSample(value.s) ? { sample: value.s, options } : 'the link names an unknown sample';
  }
  if (!Array.isArray(value.f)) return 'the link’s audit is not one this page understands';
  const inputs = sanitizeInputs(
    value.f.map((row: unknown): unknown => {
      if (!Array.isArray(row)) return row;
      const cells: readonly unknown[] = row;
      return { name: cells[0], text: cells[1], kind: cells[2] };
    }),
  );
  return inputs === null ? 'the link’s files could not be read' : { inputs, options };
}

/** Reads the share parameter; a string is the reason it was ignored. */
export async function decodeShared(
  param: string,
  isSample: (id: string) => boolean,
): Promise<SharedAudit | string> {
  if (param.length > MAX_SHARE_CHARS) return 'the link’s audit is longer than this page accepts';
  try {
    const body = param.slice(1);
    if (param.startsWith('j')) {
      const json = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(body));
      return fromJson(JSON.parse(json), isSample);
    }
    if (param.startsWith('z')) {
      const inflated = await pipe(
        fromBase64Url(body),
        new DecompressionStream('deflate-raw') as unknown as ByteStream,
        MAX_INFLATED_BYTES,
      );
      const json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
      return fromJson(JSON.parse(json), isSample);
    }
    return 'the link’s audit is not one this page understands';
  } catch {
    return 'the link’s audit could not be read';
  }
}
