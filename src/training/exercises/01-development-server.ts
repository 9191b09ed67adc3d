import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const developmentServerExercises: readonly Exercise[] = [
  {
    id: 'dev-server-internal-tool',
    kind: 'choice',
    chapter: '/development-server/',
    title: 'Is an internal tool “production”?',
    prompt:
      'Your team runs an admin dashboard with `flask run --host 0.0.0.0` on a VM. Only colleagues on the office VPN use it. Which statement is right?',
    options: [
      {
        id: 'fine',
        text: 'It is fine: the development server is only a problem on the public internet.',
      },
      {
        id: 'production',
        text: 'It is production: anything other people rely on, outside your own local development, needs a production WSGI server.',
      },
      { id: 'debug-only', text: 'It is fine as long as FLASK_DEBUG is off.' },
    ],
    solution: { kind: 'choice', optionId: 'production' },
    hints: [
      'Flask’s docs define production by who uses it, not by where it is reachable from.',
      'Turning the debugger off removes one danger; does it make the server efficient or stable?',
    ],
    explanation:
      'Werkzeug’s development server is not designed to be efficient, stable or secure. “Production” means anything that is not your own local development — an internal tool used by others counts.',
    docs: [DOC.flaskDeploying, DOC.flaskServer],
    minutes: 2,
    rubric: {
      strong:
        'Says production is defined by use, not exposure; names what the dev server lacks (efficiency, stability, security) and the fix (Gunicorn or Waitress).',
      acceptable: 'Picks the right option and says a WSGI server is needed.',
      weak: 'Thinks a VPN or FLASK_DEBUG=0 makes the development server acceptable.',
    },
    followUps: [
      'What breaks first when ten colleagues use it at once?',
      'Where should `app.run()` still appear in the code, if anywhere?',
    ],
  },
  {
    id: 'dev-server-find-bug-dockerfile',
    kind: 'find-bug',
    chapter: '/development-server/',
    title: 'Find the line that ships the development server',
    prompt: 'This Dockerfile builds the image that runs in production. Which line is the bug?',
    fileName: 'Dockerfile',
    lines: [
      'FROM python:3.12-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt gunicorn',
      'COPY . .',
      'USER 10001',
      'EXPOSE 8000',
      'CMD ["python", "app.py"]',
    ],
    bugLines: [8],
    solution: { kind: 'find-bug', line: 8 },
    hints: ['Gunicorn is installed. Is it started?', 'What does `app.py` most likely end with?'],
    explanation:
      '`python app.py` runs the module, which almost always ends in `app.run()` — Werkzeug’s development server. Gunicorn is installed but never started. The CMD should start Gunicorn in exec form: `["gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"]`.',
    docs: [DOC.flaskDeploying, DOC.dockerCmd],
    minutes: 2,
    rubric: {
      strong:
        'Spots line 8 at once, explains that `app.run()` starts the development server, and writes the exec-form Gunicorn CMD.',
      acceptable: 'Spots line 8 and says Gunicorn should be the command.',
      weak: 'Looks for the problem in the install or COPY lines.',
    },
  },
  {
    id: 'dev-server-factory-command',
    kind: 'text',
    chapter: '/development-server/',
    title: 'Start Gunicorn with an app factory',
    prompt:
      'The package `hello` has a factory `create_app()` that returns the Flask app. Write the Gunicorn command that loads it (no other options).',
    accept: ["gunicorn 'hello:create_app()'", 'gunicorn hello:create_app()'],
    multiline: false,
    solution: { kind: 'text', text: "gunicorn 'hello:create_app()'" },
    hints: [
      'The app spec is `module:variable`.',
      'For a factory, Gunicorn accepts a call: the spec ends in `()`; quote it for the shell.',
    ],
    explanation:
      'Gunicorn takes `module:variable`, or `module:factory()` to call a factory. Quote it in a shell so the parentheses are not read by the shell.',
    docs: [DOC.flaskGunicorn],
    minutes: 1,
  },
];
