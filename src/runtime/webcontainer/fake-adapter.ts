/**
 * An in-memory stand-in for WebContainer, for unit tests (with fake timers) and for the
 * browser tests (`?lab-adapter=fake`). It boots after a delay, hangs for ever the way
 * `WebContainer.boot()` does offline, or fails; a booted fake answers every request with what
 * the chain model predicts the real lab would answer (lab-scenario.ts).
 */
import { modelExchange, predictedChainInfo } from './lab-scenario';
import type {
  BootStep,
  LabAdapter,
  LabChainConfig,
  LabChainInfo,
  LabFileTree,
  LabSession,
} from './lab-types';

export type FakeBootBehaviour =
  | { readonly kind: 'ready'; readonly bootMs: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'fail'; readonly message: string; readonly afterMs: number };

export interface FakeAdapterOptions {
  readonly behaviour: FakeBootBehaviour;
  /** Time to start (or restart) the chain. */
  readonly chainMs?: number;
  /** Make startChain fail with this message. */
  readonly chainError?: string;
}

export interface FakeLabAdapter extends LabAdapter {
  /** What was mounted (null before a boot reached the mount step). */
  readonly mounted: LabFileTree | null;
  readonly bootCalls: number;
  readonly disposedSessions: number;
  readonly steps: readonly BootStep[];
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createFakeAdapter(options: FakeAdapterOptions): FakeLabAdapter {
  let mounted: LabFileTree | null = null;
  let bootCalls = 0;
  let disposedSessions = 0;
  const steps: BootStep[] = [];
  const chainMs = options.chainMs ?? 0;

  const createSession = (): LabSession => {
    let config: LabChainConfig | null = null;
    let info: LabChainInfo | null = null;
    let disposed = false;
    return {
      async startChain(next) {
        await wait(chainMs);
        if (disposed) throw new Error('the fake lab was disposed');
        if (options.chainError !== undefined) throw new Error(options.chainError);
        config = next;
        info = predictedChainInfo(next);
        return info;
      },
      send(forged) {
        if (disposed || !config || !info) return Promise.reject(new Error('no chain is running'));
        return Promise.resolve(modelExchange(config, forged, info));
      },
      dispose() {
        if (!disposed) disposedSessions += 1;
        disposed = true;
      },
    };
  };

  return {
    kind: 'fake',
    get mounted() {
      return mounted;
    },
    get bootCalls() {
      return bootCalls;
    },
    get disposedSessions() {
      return disposedSessions;
    },
    steps,
    async boot(files, onStep) {
      bootCalls += 1;
      const step = (next: BootStep): void => {
        steps.push(next);
        onStep(next);
      };
      step('booting');
      const { behaviour } = options;
      if (behaviour.kind === 'hang') return new Promise<LabSession>(() => undefined);
      if (behaviour.kind === 'fail') {
        await wait(behaviour.afterMs);
        throw new Error(behaviour.message);
      }
      await wait(behaviour.bootMs);
      step('mounting');
      mounted = files;
      return createSession();
    },
  };
}
