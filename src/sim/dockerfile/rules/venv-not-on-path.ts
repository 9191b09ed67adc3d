import { DOCS, defineRule, trimTrailingSlashes, sourcesOf } from '../rule';
import { splitFlags } from '../words';

/**
 * A venv copied from a builder is only used if PATH has its bin/ or the command names it
 * (chapter 5: ENV PATH="/opt/venv/bin:$PATH"). Otherwise `gunicorn` is "not found" or the
 * system Python runs without the installed packages.
 */
export default defineRule(
  {
    code: 'venv-not-on-path',
    level: 'error',
    peers: [],
    section: 'multi-stage',
    docUrl: DOCS.multiStage,
    title: 'Copied venv is not on PATH',
    fix: 'Add ENV PATH="/opt/venv/bin:$PATH" to the runtime stage (or call /opt/venv/bin/gunicorn).',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final) return [];
    const path = final.env.get('PATH') ?? '';
    const usesUv = ctx.model.launch.some((c) => c.words[0] === 'uv');
    const out = [];
    for (const instruction of final.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const { flags, rest } = splitFlags(instruction.args);
      if (!flags.has('from')) continue;
      const sources = sourcesOf(rest, ctx.parsed.escape);
      const venv = sources.find((s) => /(^|\/)\.?venv\/?$/.test(s));
      if (!venv) continue;
      const words = rest.trim().split(/\s+/);
      let dest = trimTrailingSlashes(words[words.length - 1] ?? venv);
      if (dest === '.' || !dest.startsWith('/')) dest = trimTrailingSlashes(venv);
      const onPath = path.split(':').some((p) => trimTrailingSlashes(p) === `${dest}/bin`);
      const named = ctx.model.launch.some((c) => (c.words[0] ?? '').startsWith(`${dest}/bin/`));
      if (onPath || named || usesUv) continue;
      out.push({
        line: instruction.line,
        column: instruction.column,
        message: `The venv is copied to ${dest}, but PATH does not contain ${dest}/bin and the command does not name it: at start-up "gunicorn" is not found, or the system Python runs without your packages (ModuleNotFoundError).`,
        fix: `Add ENV PATH="${dest}/bin:$PATH" after this COPY.`,
      });
    }
    return out;
  },
);
