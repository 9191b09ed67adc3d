import { DOCS, defineRule, healthcheckCommand, locate } from '../rule';

/** A check against a port Gunicorn does not listen on always fails. */
export function urlPort(url: string): number | null {
  const match = /^https?:\/\/(\[[^\]]*\]|[^/:?#]*)(:(\d+))?/.exec(url);
  if (!match) return null;
  if (match[3]) return Number(match[3]);
  return url.startsWith('https') ? 443 : 80;
}

export default defineRule(
  {
    code: 'healthcheck-port-mismatch',
    level: 'warning',
    peers: [],
    section: 'healthcheck',
    docUrl: DOCS.healthcheck,
    title: "HEALTHCHECK port differs from Gunicorn's",
    fix: "Point the HEALTHCHECK at the port in Gunicorn's --bind.",
  },
  (ctx) => {
    const port = ctx.model.gunicorn?.port ?? null;
    const check = healthcheckCommand(ctx);
    if (port === null || !check) return [];
    for (const word of check.words) {
      const at = word.indexOf('http');
      if (at < 0) continue;
      const target = urlPort(word.slice(at));
      if (target === null || target === port) continue;
      return [
        {
          ...locate(ctx, check.instruction, 'http'),
          message: `The HEALTHCHECK calls port ${target}, but Gunicorn binds port ${port}: the check is refused every time and the container is reported unhealthy.`,
        },
      ];
    }
    return [];
  },
);
