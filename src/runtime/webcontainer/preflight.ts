/**
 * Can this browser run WebContainer? Checked before anything is downloaded.
 *
 * Requirements (webcontainers.io/guides/browser-support, "Web Platform requirements"; the
 * @webcontainer/api README "Cross-Origin Isolation"): SharedArrayBuffer, which browsers only
 * expose to cross-origin isolated pages (COOP same-origin + COEP require-corp). Safari before
 * 16.4, on macOS and on iOS/iPadOS (where every browser is WebKit), is not supported at all;
 * Firefox and Safari 16.4+ are "beta" there, so they are allowed to try.
 */

export interface PreflightEnvironment {
  readonly crossOriginIsolated: boolean;
  readonly hasSharedArrayBuffer: boolean;
  readonly userAgent: string;
}

export type PreflightResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The running browser's environment (call only in a browser). */
export function readBrowserEnvironment(): PreflightEnvironment {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    hasSharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    userAgent: globalThis.navigator.userAgent,
  };
}

/** [major, minor] of a WebKit-only browser older than 16.4, or null for anything else. */
function oldWebKitVersion(userAgent: string): [number, number] | null {
  const ios = /\b(?:iPhone|iPad|iPod)\b.*?\bOS (\d+)_(\d+)/.exec(userAgent);
  if (ios) return [Number(ios[1]), Number(ios[2])];
  const isSafari =
    /\bSafari\//.test(userAgent) &&
    /\bVersion\/\d/.test(userAgent) &&
    !/\b(?:Chrome|Chromium|CriOS|Edg|OPR|Firefox|FxiOS|Android)\//.test(userAgent);
  const safari = isSafari ? /\bVersion\/(\d+)\.(\d+)/.exec(userAgent) : null;
  return safari ? [Number(safari[1]), Number(safari[2])] : null;
}

export function checkPreflight(env: PreflightEnvironment): PreflightResult {
  const webkit = oldWebKitVersion(env.userAgent);
  if (webkit && (webkit[0] < 16 || (webkit[0] === 16 && webkit[1] < 4))) {
    return {
      ok: false,
      reason: `WebContainer does not run in Safari or iOS ${webkit[0]}.${webkit[1]}; it needs 16.4 or later.`,
    };
  }
  if (!env.crossOriginIsolated) {
    return {
      ok: false,
      reason:
        'This page is not cross-origin isolated (the host did not send COOP and COEP headers), so WebContainer cannot run.',
    };
  }
  if (!env.hasSharedArrayBuffer) {
    return {
      ok: false,
      reason: 'This browser does not offer SharedArrayBuffer, which WebContainer needs.',
    };
  }
  return { ok: true };
}
