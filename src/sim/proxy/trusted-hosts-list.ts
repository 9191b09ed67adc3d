/**
 * Reading a typed TRUSTED_HOSTS list. Its own module so the proxy-hops widget, which only needs
 * this, does not carry the TRUSTED_HOSTS evaluation (trusted-hosts.ts).
 */

/** Splits the text of a TRUSTED_HOSTS list (commas, spaces or new lines); '' → []. */
export function parseTrustedHostsText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim().replace(/^['"]|['"]$/g, ''))
    .filter((entry) => entry !== '');
}
