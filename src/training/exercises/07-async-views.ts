import type { Exercise } from '../../sim/training/types';
import { DOC } from './docs';

export const asyncExercises: readonly Exercise[] = [
  {
    id: 'async-concurrency',
    kind: 'choice',
    chapter: '/async-views/',
    title: 'Do async views raise concurrency?',
    prompt:
      'A team rewrites every view as `async def` under Gunicorn sync workers, expecting to serve more requests at once. What happens?',
    options: [
      { id: 'more', text: 'Each worker now serves many requests concurrently.' },
      {
        id: 'same',
        text: 'Each request still holds its worker for its whole duration; concurrency is unchanged. Async helps only when one view awaits several independent calls together.',
      },
      { id: 'fails', text: 'Flask refuses async views under a WSGI server.' },
    ],
    solution: { kind: 'choice', optionId: 'same' },
    hints: ['How does Flask run an async view inside a WSGI request?'],
    explanation:
      'Flask (through asgiref) runs each async view on an event loop in a helper thread while the worker thread that handles the request waits for it; the worker is busy until the view returns. Gains come from `asyncio.gather` over independent IO within one request.',
    docs: [DOC.flaskAsync],
    minutes: 2,
    rubric: {
      strong:
        'Explains that the WSGI worker is held for the request, names asyncio.gather as the one win, and points to Quart or an ASGI server for async-first apps.',
      acceptable: 'Says concurrency is unchanged.',
      weak: 'Believes async def alone multiplies throughput.',
    },
    followUps: ['When would you move to Quart?'],
  },
  {
    id: 'async-find-bug-create-task',
    kind: 'find-bug',
    chapter: '/async-views/',
    title: 'Find the bug: fire and forget',
    prompt: 'Customers never receive their receipts. Which line is the bug?',
    fileName: 'views.py',
    lines: [
      '@app.post("/orders")',
      'async def create_order():',
      '    order = await save_order(request.get_json())',
      '    asyncio.create_task(send_receipt(order))',
      '    return {"id": order.id}, 201',
    ],
    bugLines: [4],
    solution: { kind: 'find-bug', line: 4 },
    hints: ['What happens to the event loop when the view returns?'],
    explanation:
      'The view’s event loop ends when the view returns, and tasks still pending are cancelled. Background work belongs in a task queue (Celery, RQ) or must be awaited.',
    docs: [DOC.flaskAsync, DOC.pythonCreateTask],
    minutes: 2,
    rubric: {
      strong:
        'Finds line 4, explains the per-request loop, and proposes a queue or awaiting the call.',
      acceptable: 'Finds line 4.',
      weak: 'Looks for the bug in save_order.',
    },
  },
  {
    id: 'async-extra',
    kind: 'text',
    chapter: '/async-views/',
    title: 'The extra async views need',
    prompt:
      'Which pip requirement lets Flask run `async def` views? Give the requirement as you would write it in requirements.txt.',
    accept: ['flask[async]', 'Flask[async]'],
    multiline: false,
    solution: { kind: 'text', text: 'flask[async]' },
    hints: ['It is Flask itself, with an extra.'],
    explanation:
      '`flask[async]` installs asgiref, which Flask uses to run a coroutine view from a synchronous WSGI call.',
    docs: [DOC.flaskAsync],
    minutes: 1,
  },
];
