/**
 * Flask 3.1 `SESSION_COOKIE_SECURE` (Flask 3.1.3 `sessions.py` `get_cookie_secure`): Flask adds
 * the `Secure` attribute whenever the setting is true; it never looks at `request.scheme`. The
 * browser then sends that cookie back only over https. `SESSION_COOKIE_PARTITIONED` (new in
 * 3.1) implies Secure. Default: False. Its own module so the proxy-hops widget does not carry
 * the TRUSTED_HOSTS code.
 */

export const FLASK_SESSION_COOKIE_SECURE_DOC =
  'https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE';

export interface CookieEffects {
  /** Flask sets the `Secure` attribute on the session cookie. */
  readonly secureAttribute: boolean;
  /** The browser sends the cookie back on this request's scheme. */
  readonly browserSendsIt: boolean;
  /** The scheme of `url_for(..., _external=True)` links. */
  readonly externalUrlScheme: string;
  readonly notes: readonly string[];
}

/**
 * What the session cookie and external URLs do, given what the browser used and what Flask
 * believes the scheme is (after ProxyFix).
 */
export function describeCookieEffects(options: {
  readonly browserScheme: 'http' | 'https';
  readonly flaskScheme: string;
  readonly sessionCookieSecure: boolean;
}): CookieEffects {
  const notes: string[] = [];
  const secureAttribute = options.sessionCookieSecure;
  const browserSendsIt = !secureAttribute || options.browserScheme === 'https';
  const flaskSecure = options.flaskScheme === 'https' || options.flaskScheme === 'wss';
  if (secureAttribute) {
    notes.push(
      'SESSION_COOKIE_SECURE=True: Flask adds Secure to the session cookie whatever request.scheme says; the browser returns it only over https.',
    );
  } else {
    notes.push(
      'SESSION_COOKIE_SECURE=False (the default): the session cookie would also travel over plain http.',
    );
  }
  if (options.browserScheme === 'https' && !flaskSecure) {
    notes.push(
      `Flask believes the scheme is ${options.flaskScheme}: url_for(_external=True) and absolute redirects point to ${options.flaskScheme}://; following them over http loses a Secure cookie (the user looks logged out) or loops through an https redirect.`,
    );
  } else if (options.browserScheme === 'https') {
    notes.push('The scheme is restored: request.is_secure is true and external URLs use https.');
  }
  if (!browserSendsIt) {
    notes.push(
      'The browser used http, so it does not send the Secure session cookie: every request starts a new session.',
    );
  }
  return {
    secureAttribute,
    browserSendsIt,
    externalUrlScheme: options.flaskScheme.toLowerCase(),
    notes,
  };
}
