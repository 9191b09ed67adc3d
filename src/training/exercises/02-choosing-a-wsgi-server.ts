import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const choosingServerExercises: readonly Exercise[] = [
  {
    id: 'wsgi-server-windows',
    kind: 'choice',
    chapter: '/choosing-a-wsgi-server/',
    title: 'A Windows server',
    prompt:
      'A Flask app must run on a Windows Server VM with no containers. Which WSGI server fits?',
    options: [
      { id: 'gunicorn', text: 'Gunicorn' },
      { id: 'waitress', text: 'Waitress' },
      { id: 'uwsgi', text: 'uWSGI' },
      { id: 'flask-run', text: 'flask run with threaded=True' },
    ],
    solution: { kind: 'choice', optionId: 'waitress' },
    hints: [
      'Gunicorn’s pre-fork model relies on Unix process calls.',
      'Which server is pure Python with no dependencies?',
    ],
    explanation:
      'Gunicorn runs on Linux and other Unix systems (WSL works), not native Windows. Waitress is pure Python, has no dependencies and runs anywhere, Windows included.',
    docs: [DOC.flaskWaitress, DOC.flaskDeploying],
    minutes: 1,
  },
  {
    id: 'wsgi-server-apache',
    kind: 'choice',
    chapter: '/choosing-a-wsgi-server/',
    title: 'An Apache estate',
    prompt:
      'Your company runs every web app behind Apache httpd, managed by a team that knows it well. What is the natural way to host the Flask app there?',
    options: [
      { id: 'mod-wsgi', text: 'mod_wsgi, embedding the app in Apache' },
      { id: 'gevent', text: 'Gunicorn with gevent workers' },
      { id: 'waitress', text: 'Waitress on port 80 next to Apache' },
    ],
    solution: { kind: 'choice', optionId: 'mod-wsgi' },
    hints: ['One option is an Apache module.'],
    explanation:
      'mod_wsgi runs WSGI applications inside Apache httpd: the natural fit when Apache is already what the team operates.',
    docs: [DOC.flaskModWsgi],
    minutes: 1,
  },
  {
    id: 'wsgi-server-gevent-not-asgi',
    kind: 'choice',
    chapter: '/choosing-a-wsgi-server/',
    title: 'gevent is not ASGI',
    prompt:
      'A colleague says: “Switch Gunicorn to gevent workers and our `async def` views become ASGI.” What is true?',
    options: [
      { id: 'true', text: 'Right: gevent workers speak ASGI.' },
      {
        id: 'false',
        text: 'Wrong: gevent makes blocking IO cooperative with greenlets; the app is still WSGI, and async views still need flask[async].',
      },
      { id: 'half', text: 'Half right: gevent runs async views natively but not sync ones.' },
    ],
    solution: { kind: 'choice', optionId: 'false' },
    hints: [
      'What does gevent monkey-patch?',
      'Does Gunicorn’s gevent worker call the app through WSGI or ASGI?',
    ],
    explanation:
      'gevent patches the standard library so blocking calls yield to other greenlets. It is neither async/await nor ASGI; the Flask app is still called through WSGI.',
    docs: [DOC.flaskAsync, DOC.gunicornDesign],
    minutes: 2,
    rubric: {
      strong:
        'Separates greenlets (implicit switching via monkey-patching) from asyncio (explicit await) and WSGI from ASGI; names Quart or an ASGI server for async-first apps.',
      acceptable: 'Says gevent is not ASGI and the app stays WSGI.',
      weak: 'Treats gevent, asyncio and ASGI as the same thing.',
    },
    followUps: ['When would you pick gevent workers at all?'],
  },
];
