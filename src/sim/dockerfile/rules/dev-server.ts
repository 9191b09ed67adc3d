import { DOCS, defineRule, replaceLines } from '../rule';
import { basename } from '../words';
import type { Edit } from '../types';

/**
 * `flask run` / `app.run()` start Werkzeug's development server (chapter 1; Flask docs
 * "Deploying to Production": "do not use the development server when deploying to production").
 */
export default defineRule(
  {
    code: 'dev-server',
    level: 'error',
    peers: [],
    section: 'dev-server',
    docUrl: DOCS.flaskDeploy,
    title: 'The image starts the development server',
    fix: 'Run Gunicorn instead: CMD ["gunicorn", "--bind", "0.0.0.0:8000", "module:app"].',
  },
  (ctx) => {
    for (const command of ctx.model.launch) {
      const words = command.words;
      const program = basename(words[0] ?? '');
      const instruction = command.site.instruction;
      let appSpec: string | null = null;
      let kind: 'flask' | 'script' | null = null;
      if (program === 'flask' && words.includes('run')) {
        kind = 'flask';
        const appAt = words.findIndex((w) => w === '--app' || w === '-A');
        const inline = words.find((w) => w.startsWith('--app='));
        appSpec = appAt >= 0 ? (words[appAt + 1] ?? null) : inline ? inline.slice(6) : null;
        appSpec ??= ctx.model.finalStage?.env.get('FLASK_APP') ?? null;
      } else if (/^python[0-9.]*$/.test(program)) {
        const script = words.slice(1).find((w) => !w.startsWith('-'));
        if (script?.endsWith('.py') && words[1] !== '-m' && words[1] !== '-c') {
          kind = 'script';
          appSpec = null;
        }
      }
      if (!kind) continue;
      const where = { line: instruction.line, column: instruction.argsColumn };
      const message =
        kind === 'flask'
          ? "The container runs `flask run`: Werkzeug's development server, which is not built to be secure, stable or efficient. It serves one process, and it is not what the guide calls production."
          : `The container runs a Python script (${words.slice(0, 2).join(' ')}), which most likely calls app.run(): that is Werkzeug's development server, not a production WSGI server.`;
      const edits: Edit[] = [];
      if (appSpec !== null) {
        // Flask finds `app`/`application`/`create_app` by itself; Gunicorn needs module:variable
        // (it looks for `application` when none is given), so name the usual `app` explicitly.
        appSpec = appSpec.replace(/\.py$/, '');
        if (!appSpec.includes(':')) appSpec = `${appSpec}:app`;
      }
      if (appSpec && /^[A-Za-z0-9_.:()'",=-]+$/.test(appSpec)) {
        const keyword = command.site.instruction.keyword;
        const argv = ['gunicorn', '--bind', '0.0.0.0:8000', appSpec];
        edits.push(
          replaceLines(instruction.line, instruction.endLine, [
            `${keyword} [${argv.map((w) => JSON.stringify(w)).join(', ')}]`,
          ]),
        );
      }
      return [
        {
          ...where,
          message,
          fix:
            kind === 'flask'
              ? `Install gunicorn in the image and run it in exec form: CMD ["gunicorn", "--bind", "0.0.0.0:8000", "${appSpec ?? 'module:app'}"] (the safe fix assumes the Flask object is named app; write module:create_app() for a factory).`
              : 'Keep app.run() under if __name__ == "__main__": for local use only, and make CMD start Gunicorn with the module:app spec.',
          ...(edits.length > 0 ? { edits } : {}),
        },
      ];
    }
    return [];
  },
);
