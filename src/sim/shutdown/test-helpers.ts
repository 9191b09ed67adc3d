/**
 * Scenario builders shared by the shutdown tests, the real-Gunicorn differential suite and the
 * bench. Pure data; no test framework imports.
 */
import { createDefaultScenario, type ExplicitRequest, type ShutdownScenario } from './scenario';

type GunicornPatch = Partial<ShutdownScenario['gunicorn']>;
type ContainerPatch = Partial<ShutdownScenario['container']>;

/**
 * A scenario that sends the stop signal straight to Gunicorn (`docker stop` with exec form and a
 * long timeout) with an explicit list of requests: the shape of the real-Gunicorn experiments.
 */
export function directSignalScenario(options: {
  signalAtSeconds: number;
  requests: ExplicitRequest[];
  gunicorn?: GunicornPatch;
  container?: ContainerPatch;
  killAfterSeconds?: number;
}): ShutdownScenario {
  const scenario = createDefaultScenario();
  scenario.platform = 'docker-stop';
  scenario.stopAtSeconds = options.signalAtSeconds;
  scenario.docker.stopTimeoutSeconds = options.killAfterSeconds ?? 60;
  scenario.container = { ...scenario.container, ...options.container };
  scenario.gunicorn = {
    ...scenario.gunicorn,
    version: '20.1',
    workers: 1,
    workerClass: 'sync',
    threads: 1,
    gracefulTimeoutSeconds: 10,
    ...options.gunicorn,
  };
  scenario.requests = options.requests;
  return scenario;
}
