import { DOCS, defineRule, locate, readPairs } from '../rule';

/**
 * Flask's `get_debug_flag()` (flask/helpers.py): FLASK_DEBUG is on unless empty or one of
 * "0", "false", "no" (case-insensitive). The debugger lets anyone who can reach it run code.
 * FLASK_ENV is not read here: Flask 2.3.0 removed it (CHANGES.rst, "The FLASK_ENV environment
 * variable, ENV config key, and app.env property are removed"), so it is `flask-env-obsolete`.
 */
export default defineRule(
  {
    code: 'flask-debug',
    level: 'error',
    peers: [],
    section: 'environment',
    docUrl: DOCS.flaskDebug,
    title: 'Debug mode is baked into the image',
    fix: 'Remove FLASK_DEBUG from the image; set it only on a developer machine.',
  },
  (ctx) => {
    const out = [];
    for (const stage of ctx.model.finalChain)
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
        for (const [key, value] of readPairs(ctx, instruction)) {
          if (value === null) continue;
          const debug =
            key === 'FLASK_DEBUG' &&
            value !== '' &&
            !['0', 'false', 'no'].includes(value.toLowerCase());
          if (!debug) continue;
          const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
          out.push({
            ...locate(ctx, instruction, key),
            message: `${key}=${shown} turns on Flask's debug mode: the Werkzeug debugger lets anyone who triggers an error run Python code in the container.`,
          });
        }
      }
    return out;
  },
);
