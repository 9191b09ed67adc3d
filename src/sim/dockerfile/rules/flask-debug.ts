import { DOCS, defineRule, locate, readPairs } from '../rule';

/**
 * Flask's `get_debug_flag()` (flask/helpers.py): FLASK_DEBUG is on unless empty or one of
 * "0", "false", "no" (case-insensitive). The debugger lets anyone who can reach it run code.
 * FLASK_ENV was removed in Flask 2.3; before that `development` switched the debugger on.
 */
export default defineRule(
  {
    code: 'flask-debug',
    level: 'error',
    peers: [],
    section: 'environment',
    docUrl: DOCS.flaskDebug,
    title: 'Debug mode is baked into the image',
    fix: 'Remove FLASK_DEBUG / FLASK_ENV from the image; set them only on a developer machine.',
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
          const env = key === 'FLASK_ENV' && value.toLowerCase() === 'development';
          if (!debug && !env) continue;
          out.push({
            ...locate(ctx, instruction, key),
            message: debug
              ? `${key}=${value} turns on Flask's debug mode: the Werkzeug debugger lets anyone who triggers an error run Python code in the container.`
              : 'FLASK_ENV=development turned on the debugger in Flask before 2.3 (anyone who triggers an error can run code); Flask 3.1 ignores FLASK_ENV, so the line is at best dead and at worst live on an older Flask.',
          });
        }
      }
    return out;
  },
);
