/**
 * Widget state in the URL, so a runbook or an interviewer can link to an exact scenario.
 *
 * Each widget instance owns one query parameter named after its id; the value is its state
 * as JSON in base64url. Reading is defensive: anything that is not valid base64url JSON,
 * is too long, or fails the widget's own validator yields a notice and the defaults —
 * never an exception and never markup (state only ever reaches the page as data).
 */

/** URLs longer than this are refused: browsers, proxies and chat tools truncate long links. */
export const MAX_STATE_CHARS = 8000;

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url → bytes; throws on characters outside the alphabet or a length atob refuses. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Why a link was refused when its text is not base64url (also cut short mid-character). */
export const NOT_BASE64URL = 'the link’s state is not valid base64url text';

/** Encode a JSON-serialisable value as base64url(JSON). */
export function encodeState(value: unknown): string {
  return bytesToBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

/** Decode base64url(JSON); throws an Error with a readable message on anything else. */
export function decodeState(text: string): unknown {
  if (text.length > MAX_STATE_CHARS)
    throw new Error(`the link's state is longer than ${MAX_STATE_CHARS} characters`);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(text));
  } catch {
    throw new Error(NOT_BASE64URL);
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new Error('the link’s state is not valid JSON');
  }
}

export type Validator<T> = (raw: unknown) => T | null;

export interface ReadResult<T> {
  /** The validated state, or null when the URL has none or it was rejected. */
  state: T | null;
  /** A sentence for the reader when the URL carried state that could not be used. */
  notice: string | null;
}

/** Read one widget's state from a query string (e.g. `location.search`). Never throws. */
export function readState<T>(id: string, validate: Validator<T>, search: string): ReadResult<T> {
  let raw: string | null;
  try {
    raw = new URLSearchParams(search).get(id);
  } catch {
    return { state: null, notice: 'The link could not be read, so the default scenario is shown.' };
  }
  if (raw === null || raw === '') return { state: null, notice: null };
  try {
    const value = validate(decodeState(raw));
    if (value === null) {
      return {
        state: null,
        notice:
          'The link’s scenario is not one this widget understands, so the default scenario is shown.',
      };
    }
    return { state: value, notice: null };
  } catch (error) {
    return { state: null, notice: ignoredStateNotice(error) };
  }
}

/** The notice for a link whose state could not be used, from the reason it was refused. */
export function ignoredStateNotice(error: unknown): string {
  const why = error instanceof Error ? error.message : 'it could not be read';
  return `The link’s scenario was ignored (${why}); the default scenario is shown.`;
}

/** A URL equal to `href` with this widget's state set (others' params kept) and `#id`. */
export function urlWithState(href: string, id: string, state: unknown): string {
  const url = new URL(href);
  url.searchParams.set(id, encodeState(state));
  url.hash = id;
  return url.href;
}

/** A URL equal to `href` without this widget's state. */
export function urlWithoutState(href: string, id: string): string {
  const url = new URL(href);
  url.searchParams.delete(id);
  return url.href;
}

/* Small validators for widget states: each clamps or whitelists, never trusts. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number clamped to [min, max], rounded to `step` when given; `fallback` otherwise. */
export function clampNumber(
  value: unknown,
  min: number,
  max: number,
  fallback: number,
  step?: number,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  const clamped = Math.min(max, Math.max(min, value));
  return step ? Math.round(clamped / step) * step : clamped;
}

/** One of the allowed values, or `fallback`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** A boolean, or `fallback`. */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** A string no longer than `maxLength` (cut), or `fallback`. */
export function asString(value: unknown, maxLength: number, fallback: string): string {
  return typeof value === 'string' ? value.slice(0, maxLength) : fallback;
}
