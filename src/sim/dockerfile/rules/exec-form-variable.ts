import { DOCS, defineRule, locate } from '../rule';
import { isShell } from '../model';

/** Exec form is not run by a shell, so `$VAR` stays literal (Dockerfile reference, "Variable substitution"). */
export default defineRule(
  {
    code: 'exec-form-variable',
    level: 'warning',
    peers: [],
    section: 'exec-form',
    docUrl: DOCS.shellExec,
    title: 'Variable in exec form is not expanded',
    fix: 'Use the literal value, read it in gunicorn.conf.py (os.environ), or use ["sh", "-c", "exec gunicorn … $PORT"].',
  },
  (ctx) => {
    const out = [];
    for (const site of [ctx.model.entrypoint, ctx.model.cmd]) {
      if (!site || site.form !== 'exec' || isShell(site.argv[0] ?? '')) continue;
      const word = site.argv.find((w) => /\$(\{|[A-Za-z_])/.test(w));
      if (word === undefined) continue;
      out.push({
        ...locate(ctx, site.instruction, '$'),
        message: `"${word}" is passed literally: exec form has no shell, so the program receives the characters "$…" instead of the variable's value (Gunicorn would try to bind or load exactly that string).`,
      });
    }
    return out;
  },
);
