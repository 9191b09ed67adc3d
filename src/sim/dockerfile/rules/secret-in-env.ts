import { DOCS, defineRule, locate, replaceLines } from '../rule';
import { argWords } from '../model';
import type { Edit, RawFinding } from '../types';

/**
 * ENV and ARG values are stored in the image config and history (`docker history`,
 * `docker inspect`): anyone who can pull the image can read them. Name list after Docker's
 * SecretsUsedInArgOrEnv check
 * (https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/), widened as
 * docs/dockerfile-checker.md lists; values are checked for
 * URL credentials, AWS access key ids, GitHub tokens and JWTs.
 */
const SECRET_PARTS = [
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'PRIVATE',
  'CREDENTIAL',
] as const;

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.includes('PUBLIC') || upper.endsWith('_FILE') || upper.includes('VERSION'))
    return false;
  for (const part of SECRET_PARTS) if (upper.includes(part)) return true;
  if (upper.endsWith('_KEY') || upper === 'KEY') return true;
  // AUTH as a word of its own (AUTH, BASIC_AUTH), not inside AUTHOR.
  return upper.includes('AUTH') && upper.split(/[^A-Z0-9]+/).includes('AUTH');
}

/** Credentials in a value, whatever the name. Values are capped so the scan stays cheap. */
export function secretInValue(value: string): string | null {
  const text = value.length > 4096 ? value.slice(0, 4096) : value;
  const scheme = text.indexOf('://');
  if (scheme > 0) {
    const rest = text.slice(scheme + 3);
    const atSign = rest.indexOf('@');
    const slash = rest.indexOf('/');
    const userinfo = atSign >= 0 && (slash < 0 || atSign < slash) ? rest.slice(0, atSign) : '';
    const colon = userinfo.indexOf(':');
    if (colon > 0 && colon < userinfo.length - 1 && !userinfo.slice(colon + 1).startsWith('$'))
      return 'a URL with a user name and password';
  }
  if (/AKIA[0-9A-Z]{16}/.test(text)) return 'an AWS access key id';
  if (/gh[pousr]_[A-Za-z0-9]{30}/.test(text)) return 'a GitHub token';
  if (/eyJ[A-Za-z0-9_-]{8,200}\.eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{8,}/.test(text))
    return 'a JWT';
  return null;
}

/**
 * A value that is a file path (`/app/credentials.json`, `./key.pem`, `~/.aws/config`) names where
 * a secret lives, not the secret: `GOOGLE_APPLICATION_CREDENTIALS` is documented as "the path
 * to a JSON file" (https://cloud.google.com/docs/authentication/application-default-credentials).
 * Such a value is not reported by its name alone; whether the file itself is copied into the
 * image is `secret-file-copied`'s question.
 */
export function isFilePath(value: string): boolean {
  return /^(\/|\.{1,2}\/|~\/)[^\s]*$/.test(value) || /^[A-Za-z]:\\[^\s]*$/.test(value);
}

export default defineRule(
  {
    code: 'secret-in-env',
    level: 'error',
    peers: ['SecretsUsedInArgOrEnv', 'DL3064', 'DS-0031'],
    section: 'secrets',
    docUrl: DOCS.secrets,
    title: 'Secret baked into the image',
    fix: 'Remove it from the Dockerfile; pass it at run time (docker run -e, ECS secrets, Kubernetes Secret) and use RUN --mount=type=secret for build-time secrets.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const instruction of ctx.parsed.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      const words = argWords(instruction, ctx.parsed.escape);
      const legacy = instruction.keyword === 'ENV' && words.length > 0 && !words[0]!.includes('=');
      const pairs: [string, string | null][] = legacy
        ? [[words[0]!, words.slice(1).join(' ')]]
        : words.map((w) => {
            const eq = w.indexOf('=');
            return eq < 0 ? [w, null] : [w.slice(0, eq), w.slice(eq + 1)];
          });
      let bad: Set<string> | null = null;
      for (const [name, value] of pairs) {
        if (value === null || value === '') continue;
        const inValue = secretInValue(value);
        const byName = isSecretName(name) && !isFilePath(value);
        if (!inValue && !byName) continue;
        (bad ??= new Set<string>()).add(name);
        out.push({
          ...locate(ctx, instruction, name),
          message: `${instruction.keyword} ${name} ${inValue ? `holds ${inValue}` : 'looks like a secret and has a value'}: ${instruction.keyword} values are stored in the image (docker history, docker inspect), so anyone who can pull the image can read it${instruction.keyword === 'ARG' ? ' (build arguments are recorded too)' : ''}.`,
        });
      }
      if (bad === null) continue;
      const found = bad;
      // Safe fix: drop the value (ARG keeps the name, so --build-arg still works; ENV loses the pair).
      const keep = legacy
        ? []
        : pairs
            .filter(([name]) => !found.has(name) || instruction.keyword === 'ARG')
            .map(([name, value]) =>
              found.has(name) || value === null ? name : `${name}=${JSON.stringify(value)}`,
            );
      const lines = keep.length > 0 ? [`${instruction.keyword} ${keep.join(' ')}`] : [];
      const edits: Edit[] = [replaceLines(instruction.line, instruction.endLine, lines)];
      const first = out[out.length - found.size];
      if (first) out[out.length - found.size] = { ...first, edits };
    }
    return out;
  },
);
