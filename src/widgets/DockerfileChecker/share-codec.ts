/**
 * The checker's shareable state lives in the URL *hash* (never sent to a server, which matters
 * for Dockerfiles that may hold secrets), compressed with the browser's CompressionStream
 * ('deflate-raw') and written as base64url: `#<widget id>~v1.<payload>`.
 *
 * Decoding is defensive: unknown versions, bad characters, corrupt deflate data, output larger
 * than a limit (a decompression bomb) and anything that is not the expected shape all end in a
 * readable Error, never in markup. The base64url step is the site's shared URL-state decoder
 * (src/runtime/url-state.ts), so a link cut short says what every widget says, not what `atob`
 * throws.
 */
import { NOT_BASE64URL, base64UrlToBytes } from '../../runtime/url-state';

export interface SharedState {
  readonly dockerfile: string;
  /** null when the user has no .dockerignore. */
  readonly dockerignore: string | null;
}

/** Links longer than this are not offered: browsers, chat tools and proxies cut long URLs. */
export const MAX_SHARE_URL_CHARS = 8192;
/** Decompressed state larger than this is refused. */
export const MAX_DECODED_BYTES = 2 * 1024 * 1024;
const VERSION = 'v1.';

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  try {
    return base64UrlToBytes(text);
  } catch {
    throw new Error(NOT_BASE64URL);
  }
}

export function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

export async function readAll(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`the link's Dockerfile is larger than ${Math.round(limit / 1048576)} MB`);
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

export function canCompress(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

/** The hash payload (without `#id~`) for a state. */
export async function encodeShared(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(
    JSON.stringify({ d: state.dockerfile, i: state.dockerignore }),
  );
  const compressed = await readAll(
    streamOf(json).pipeThrough(new CompressionStream('deflate-raw')),
    Number.MAX_SAFE_INTEGER,
  );
  return VERSION + toBase64Url(compressed);
}

/** Validates decoded JSON into a state; null when the shape is wrong. */
export function validateShared(raw: unknown): SharedState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const record = raw as Record<string, unknown>;
  const d = record.d;
  const i = record.i;
  if (typeof d !== 'string' || d.length > MAX_DECODED_BYTES) return null;
  if (i !== null && i !== undefined && (typeof i !== 'string' || i.length > MAX_DECODED_BYTES))
    return null;
  return { dockerfile: d, dockerignore: typeof i === 'string' ? i : null };
}

/** Decodes a payload; throws an Error with a readable message on anything unusable. */
export async function decodeShared(payload: string): Promise<SharedState> {
  if (!payload.startsWith(VERSION))
    throw new Error('the link was made by an unknown version of this checker');
  const bytes = fromBase64Url(payload.slice(VERSION.length));
  let json: string;
  try {
    const out = await readAll(
      streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw')),
      MAX_DECODED_BYTES,
    );
    json = new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch (error) {
    if (error instanceof Error && error.message.includes('larger than')) throw error;
    throw new Error('the link’s data is damaged (it could not be decompressed)', { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('the link’s data is not valid JSON');
  }
  const state = validateShared(raw);
  if (!state) throw new Error('the link’s data is not a Dockerfile checker state');
  return state;
}

/** `#id~payload` → payload, or null when the hash is not this widget's. */
export function payloadFromHash(hash: string, id: string): string | null {
  const prefix = `#${id}~`;
  return hash.startsWith(prefix) ? hash.slice(prefix.length) : null;
}

export function urlWithPayload(href: string, id: string, payload: string | null): string {
  const url = new URL(href);
  url.hash = payload === null ? id : `${id}~${payload}`;
  return url.href;
}
