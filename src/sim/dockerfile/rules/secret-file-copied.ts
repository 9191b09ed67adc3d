import { DOCS, defineRule, trimTrailingSlashes, locate, replaceLines, sourcesOf } from '../rule';
import { basename, splitFlags } from '../words';
import type { RawFinding } from '../types';

/** Files that hold secrets must never reach an image layer (chapter 5: .env and instance/). */
export function isSecretPath(source: string): boolean {
  const name = basename(trimTrailingSlashes(source));
  if (name === '.env') return true;
  if (name.startsWith('.env.') && !/\.(example|sample|template|dist)$/.test(name)) return true;
  if (name.endsWith('.pem') || name === 'id_rsa' || name === 'id_ed25519' || name === 'id_ecdsa')
    return true;
  if (name === 'credentials.json' || name === 'instance') return true;
  return false;
}

export default defineRule(
  {
    code: 'secret-file-copied',
    level: 'error',
    peers: ['DS-0031'],
    section: 'secrets',
    docUrl: DOCS.secrets,
    title: 'A secrets file is copied into the image',
    fix: 'Do not COPY it; supply the values as environment variables at run time, and list the file in .dockerignore.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const instruction of ctx.parsed.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const { rest } = splitFlags(instruction.args);
      const sources = sourcesOf(rest, ctx.parsed.escape);
      const secret = sources.filter(isSecretPath);
      if (secret.length === 0) continue;
      const all = secret.length === sources.length;
      out.push({
        ...locate(ctx, instruction, secret[0]!),
        message: `${instruction.keyword} puts ${secret.join(', ')} into an image layer: anyone who can pull the image can read the secrets in it, even if a later step deletes the file.`,
        ...(all ? { edits: [replaceLines(instruction.line, instruction.endLine, [])] } : {}),
      });
    }
    return out;
  },
);
