/**
 * Which adapter the page uses: the real WebContainer one, or — for the browser tests, with
 * `?lab-adapter=fake|fake-hang|fake-fail` — the in-memory fake. The fake says so on screen.
 */
import { createFakeAdapter } from '../../runtime/webcontainer/fake-adapter';
import type { LabAdapter } from '../../runtime/webcontainer/lab-types';
import { createWebContainerAdapter } from '../../runtime/webcontainer/webcontainer-adapter';

export function chooseAdapter(param: string | null): LabAdapter {
  switch (param) {
    case 'fake':
      return createFakeAdapter({ behaviour: { kind: 'ready', bootMs: 300 }, chainMs: 100 });
    case 'fake-hang':
      return createFakeAdapter({ behaviour: { kind: 'hang' } });
    case 'fake-fail':
      return createFakeAdapter({
        behaviour: { kind: 'fail', message: 'the test double was told to fail', afterMs: 200 },
      });
    default:
      return createWebContainerAdapter();
  }
}
