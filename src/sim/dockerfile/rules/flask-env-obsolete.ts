import { defineRule, locate, readPairs } from '../rule';
import type { RawFinding } from '../types';

/**
 * Flask deprecated FLASK_ENV in 2.2.0 and removed it in 2.3.0 (pallets/flask CHANGES.rst,
 * Version 2.3.0: "The FLASK_ENV environment variable, ENV config key, and app.env property are
 * removed"). Flask 2.3 and later, 3.1 included, never read it: the line is dead configuration
 * that suggests a switch which no longer exists. Only Flask ≤ 2.2 read it (`development` turned
 * on debug mode there; 2.2 warned that it was deprecated).
 */
export default defineRule(
  {
    code: 'flask-env-obsolete',
    level: 'info',
    peers: [],
    section: 'environment',
    docUrl: 'https://flask.palletsprojects.com/en/stable/changes/#version-2-3-0',
    title: 'FLASK_ENV is obsolete',
    fix: 'Delete the FLASK_ENV line. Debug mode is FLASK_DEBUG (never in an image); app settings belong in your own config.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const stage of ctx.model.finalChain)
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
        for (const [key, value] of readPairs(ctx, instruction)) {
          if (key !== 'FLASK_ENV' || value === null) continue;
          const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
          out.push({
            ...locate(ctx, instruction, key),
            message: `FLASK_ENV=${shown} does nothing: Flask removed FLASK_ENV in 2.3.0, and Flask 2.3 and later (3.1 included) never read it. It only misleads the next reader into thinking it switches something.`,
          });
        }
      }
    return out;
  },
);
