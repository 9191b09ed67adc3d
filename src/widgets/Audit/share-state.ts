/**
 * The audit report in a link. What was audited travels in the URL *hash* (`#audit=…`), which
 * browsers never send to a server — deployment files can hold secrets. A sample bundle is
 * just its id (`j` + base64url JSON); other files travel as deflate-compressed JSON (`z` +
 * base64url, with the Dockerfile checker's codec helpers). Links are refused above
 * MAX_SHARE_CHARS, well under the 8,000 characters browsers and chat tools keep.
 * Reading is defensive: the decompressed text is capped (no deflate bomb), every field is
 * checked, and anything wrong gives a sentence, never an exception.
 */
import { encodeState } from '../../runtime/url-state';
import type { AuditInput, AuditOptions } from '../../sim/audit/types';
import { fromBase64Url, readAll, streamOf, toBase64Url } from '../DockerfileChecker/share-codec';
import { sanitizeInputs, sanitizeOptions } from './input-limits';

/** The hash is `#audit=<param>`. */
export const SHARE_PREFIX = 'audit=';
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

/** The share parameter for an audit, or how long it would be when it does not fit. */
export async function encodeShared(shared: SharedAudit): Promise<ShareResult> {
  const options = Object.keys(shared.options).length > 0 ? { o: shared.options } : {};
  if (shared.sample !== undefined) {
    return { ok: true, param: `j${encodeState({ s: shared.sample, ...options })}` };
  }
  const files = (shared.inputs ?? []).map((input) =>
    input.kind === undefined ? [input.name, input.text] : [input.name, input.text, input.kind],
  );
  const json = new TextEncoder().encode(JSON.stringify({ f: files, ...options }));
  const deflated = await readAll(
    streamOf(json).pipeThrough(new CompressionStream('deflate-raw')),
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
    const body = fromBase64Url(param.slice(1));
    let json: string;
    if (param.startsWith('j')) {
      json = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } else if (param.startsWith('z')) {
      const inflated = await readAll(
        streamOf(body).pipeThrough(new DecompressionStream('deflate-raw')),
        MAX_INFLATED_BYTES,
      );
      json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } else {
      return 'the link’s audit is not one this page understands';
    }
    return fromJson(JSON.parse(json), isSample);
  } catch {
    return 'the link’s audit could not be read';
  }
}

/** The share parameter in a URL hash (`#audit=…`), or null. */
export function paramFromHash(hash: string): string | null {
  const body = hash.replace(/^#/, '');
  return body.startsWith(SHARE_PREFIX) ? body.slice(SHARE_PREFIX.length) : null;
}
