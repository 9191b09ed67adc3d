/**
 * A small Punycode (RFC 3492) codec and the IDNA label decoding Werkzeug relies on when it
 * renders `request.root_url`.
 *
 * Werkzeug 3.1.8 `urls.py` `_decode_idna` calls Python's `"idna"` codec (IDNA 2003,
 * `encodings/idna.py` `ToUnicode`). That codec decodes an `xn--` label with Punycode, then
 * re-encodes the result with `ToASCII` and refuses the label if the round trip differs.
 * `_decode_idna` then falls back to decoding each label on its own and keeps a label that
 * fails as its ASCII form. This module reproduces that observable behaviour; nameprep
 * (RFC 3491) is in nameprep.ts.
 */
import { nameprep } from './nameprep';

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;
const ACE_PREFIX = 'xn--';

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function adaptBias(delta: number, numPoints: number, firstTime: boolean): number {
  let scaled = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  scaled += Math.floor(scaled / numPoints);
  let k = 0;
  while (scaled > ((BASE - T_MIN) * T_MAX) / 2) {
    scaled = Math.floor(scaled / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * scaled) / (scaled + SKEW));
}

function digitValue(char: string): number | null {
  const code = char.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return null;
}

function digitChar(digit: number): string {
  return String.fromCharCode(digit < 26 ? 0x61 + digit : 0x30 + digit - 26);
}

function threshold(k: number, bias: number): number {
  if (k <= bias) return T_MIN;
  if (k >= bias + T_MAX) return T_MAX;
  return k - bias;
}

/**
 * Decodes a Punycode string (without the `xn--` prefix). Returns null where Python's
 * `punycode` codec raises (an invalid digit, a truncated number, a code point out of range).
 */
export function decodePunycode(input: string): string | null {
  for (const char of input) if (char.charCodeAt(0) > 0x7f) return null;
  const dash = input.lastIndexOf('-');
  const basic = dash === -1 ? '' : input.slice(0, dash);
  const extended = dash === -1 ? input : input.slice(dash + 1);
  const output: number[] = Array.from(basic, (c) => c.charCodeAt(0));
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  let pos = 0;
  while (pos < extended.length) {
    const oldI = i;
    let weight = 1;
    for (let k = BASE; ; k += BASE) {
      const char = extended[pos];
      if (char === undefined) return null;
      pos += 1;
      const digit = digitValue(char);
      if (digit === null) return null;
      i += digit * weight;
      const t = threshold(k, bias);
      if (digit < t) break;
      weight *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(weight)) return null;
    }
    const length = output.length + 1;
    bias = adaptBias(i - oldI, length, oldI === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > MAX_CODE_POINT) return null;
    output.splice(i, 0, n);
    i += 1;
  }
  try {
    return String.fromCodePoint(...output);
  } catch {
    return null;
  }
}

/** Encodes a Unicode string as Punycode (without the `xn--` prefix). */
export function encodePunycode(input: string): string {
  const codePoints = Array.from(input, (c) => c.codePointAt(0) ?? 0);
  let output = codePoints
    .filter((c) => c < 0x80)
    .map((c) => String.fromCharCode(c))
    .join('');
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let next = Number.MAX_SAFE_INTEGER;
    for (const c of codePoints) if (c >= n && c < next) next = c;
    delta += (next - n) * (handled + 1);
    n = next;
    for (const c of codePoints) {
      if (c < n) delta += 1;
      if (c === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          output += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitChar(q);
        bias = adaptBias(delta, handled + 1, handled === basicCount);
        delta = 0;
        handled += 1;
      }
    }
    delta += 1;
    n += 1;
  }
  return output;
}

/** Python `encodings.idna.ToASCII` for one label; null where it raises. */
function labelToAscii(label: string): string | null {
  const lengthOk = (s: string): boolean => s.length > 0 && s.length < 64;
  if (isAscii(label)) return lengthOk(label) ? label : null;
  const prepared = nameprep(label);
  if (prepared === null) return null;
  if (isAscii(prepared)) return lengthOk(prepared) ? prepared : null;
  if (prepared.startsWith(ACE_PREFIX)) return null;
  const encoded = ACE_PREFIX + encodePunycode(prepared);
  return lengthOk(encoded) ? encoded : null;
}

/** Python `encodings.idna.ToUnicode` for one ASCII label; null where it raises. */
function labelToUnicode(label: string): string | null {
  if (label.length > 1024) return null;
  if (!label.startsWith(ACE_PREFIX)) return label;
  const decoded = decodePunycode(label.slice(ACE_PREFIX.length));
  if (decoded === null) return null;
  const roundTrip = labelToAscii(decoded);
  if (roundTrip === null || roundTrip !== label.toLowerCase()) return null;
  return decoded;
}

/** `label.decode("idna")` of a whole ASCII name (the codec's fast path included). */
function decodeIdnaName(name: string): string | null {
  if (!name.includes(ACE_PREFIX)) return name;
  const labels = name.split('.');
  let trailingDot = '';
  if (labels.length > 0 && labels[labels.length - 1] === '') {
    labels.pop();
    trailingDot = '.';
  }
  const result: string[] = [];
  for (const label of labels) {
    const decoded = labelToUnicode(label);
    if (decoded === null) return null;
    result.push(decoded);
  }
  return result.join('.') + trailingDot;
}

/**
 * Werkzeug `urls._decode_idna`: a non-ASCII name is returned unchanged; otherwise the whole
 * name is decoded, and if that fails each label is decoded separately, keeping the labels
 * that fail as they were.
 */
export function decodeIdnaHost(domain: string): string {
  if (!isAscii(domain)) return domain;
  const whole = decodeIdnaName(domain);
  if (whole !== null) return whole;
  return domain
    .split('.')
    .map((part) => decodeIdnaName(part) ?? part)
    .join('.');
}

/**
 * Python `"idna"` encoding of a host name (used by TRUSTED_HOSTS matching). ASCII names take
 * the codec's fast path (returned unchanged, not lower-cased, after a label length check).
 * Returns null where Python raises.
 */
export function encodeIdnaHost(name: string): string | null {
  if (name === '') return '';
  const labels = name.split('.');
  if (isAscii(name)) {
    for (const label of labels.slice(0, -1))
      if (label.length === 0 || label.length >= 64) return null;
    if ((labels[labels.length - 1] ?? '').length >= 64) return null;
    return name;
  }
  // Python splits a non-ASCII name at U+002E and the ideographic/full-width/half-width stops.
  const parts = name.split(/[.\u3002\uff0e\uff61]/);
  let trailingDot = '';
  if (parts.length > 0 && parts[parts.length - 1] === '') {
    parts.pop();
    trailingDot = '.';
  }
  const result: string[] = [];
  for (const label of parts) {
    const ascii = labelToAscii(label);
    if (ascii === null) return null;
    result.push(ascii);
  }
  return result.join('.') + trailingDot;
}
