import { DOCS, defineRule } from '../rule';
import { pythonMinor } from '../model';

/**
 * Python ≤ 3.10 no longer gets security fixes (devguide "Status of Python versions"; PEP 596:
 * 3.9 ended 2025-10; PEP 619: 3.10 ended 2026-10). The rules file says ≤ 3.9, written before
 * 3.10's end of life; the site teaches what is true today. Debian buster (10) and stretch are
 * out of LTS; bullseye (11) LTS ended 2026-08-31.
 */
const LAST_EOL_MINOR = 10;
const EOL_DEBIAN = ['jessie', 'stretch', 'buster', 'bullseye'];

export default defineRule(
  {
    code: 'eol-python',
    level: 'warning',
    peers: [],
    section: 'base-image',
    docUrl: DOCS.pythonEol,
    title: 'End-of-life Python or Debian',
    fix: 'Move to a supported Python (3.12 or later) on Debian bookworm: python:3.12-slim-bookworm.',
  },
  (ctx) => {
    const out = [];
    for (const stage of ctx.model.stages) {
      if (stage.parent) continue;
      const minor = pythonMinor(stage.ref);
      const tag = stage.ref.tag ?? '';
      const debian = EOL_DEBIAN.find((name) => tag.includes(name));
      let reason: string | null = null;
      if (
        minor &&
        (Number(minor.split('.')[0]) < 3 ||
          (minor.startsWith('3.') && Number(minor.split('.')[1]) <= LAST_EOL_MINOR))
      )
        reason = `Python ${minor} is end-of-life: no security fixes any more`;
      else if (debian)
        reason = `Debian ${debian} is end-of-life: its packages no longer get security updates`;
      if (!reason) continue;
      out.push({
        line: stage.from.line,
        column: stage.from.argsColumn,
        message: `${reason} (${stage.image}).`,
      });
    }
    return out;
  },
);
