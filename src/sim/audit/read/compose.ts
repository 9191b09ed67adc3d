/**
 * Compose files (https://docs.docker.com/reference/compose-file/services/): the service that
 * runs Gunicorn (or the first one built from a Dockerfile): `stop_grace_period` (default
 * 10 s), `stop_signal`, `init`, `healthcheck`, `command` (a string is split into words, not
 * run by a shell), `ports`, `environment`.
 */
import type { ComposeFacts, Facts, ReadOutcome } from '../facts';
import { splitWords } from '../../dockerfile/words';
import { readCmdArgsEnv, readWebConcurrency } from './command-line';
import { readArgvNode, readCommandString } from './ecs';
import type { TNode } from './tree';
import { parseComposeDurationSeconds, val } from './values';

function commandWords(service: TNode): string[] {
  const c = service.get('command');
  return c?.strings() ?? (c?.str() !== undefined ? splitWords(c.str()!) : []);
}

export function readCompose(root: TNode, facts: Facts, outcome: ReadOutcome): void {
  const services = root.get('services')?.entries() ?? [];
  const chosen =
    services.find(([, s]) => commandWords(s).some((w) => w.includes('gunicorn'))) ??
    services.find(([, s]) => s.get('build') !== undefined) ??
    services[0];
  if (!chosen) return;
  const [name, s] = chosen;
  const compose: ComposeFacts = { at: val(s, name) };
  facts.compose = compose;
  const grace = s.get('stop_grace_period');
  const graceSeconds =
    grace?.str() !== undefined ? parseComposeDurationSeconds(grace.str()!) : null;
  if (grace && graceSeconds !== null) compose.stopGracePeriodSeconds = val(grace, graceSeconds);
  else if (grace)
    outcome.cannotTell.push({
      setting: 'stop_grace_period',
      ...grace.pos,
      reason: 'It is not a Compose duration (or uses a variable).',
    });
  const signal = s.get('stop_signal');
  if (signal?.str() !== undefined) compose.stopSignal = val(signal, signal.str()!);
  const init = s.get('init');
  if (init?.bool() !== undefined) compose.init = val(init, init.bool()!);
  const hc = s.get('healthcheck');
  if (hc) compose.healthcheck = val(hc, hc.get('disable')?.bool() ? 'disabled' : 'test');
  const ports = s.get('ports');
  if (ports)
    compose.ports = val(
      ports,
      ports.items().map((p) => p.str() ?? p.get('target')?.str() ?? ''),
    );
  const command = s.get('command');
  if (command?.isSeq()) readArgvNode([command], facts, outcome);
  else if (command?.str() !== undefined)
    readCommandString(command, splitWords(command.str()!), facts, outcome);
  const env = s.get('environment');
  const pairs: [string, string, TNode][] = [];
  for (const [k, v] of env?.entries() ?? [])
    if (v.str() !== undefined) pairs.push([k, v.str()!, v]);
  for (const item of env?.items() ?? []) {
    const t = item.str() ?? '';
    const eq = t.indexOf('=');
    if (eq > 0) pairs.push([t.slice(0, eq), t.slice(eq + 1), item]);
  }
  for (const [k, v, node] of pairs) {
    if (v.includes('$')) continue;
    if (k === 'GUNICORN_CMD_ARGS') readCmdArgsEnv(node.tree.file, v, node.pos, facts, outcome);
    if (k === 'WEB_CONCURRENCY') readWebConcurrency(node.tree.file, v, node.pos, facts);
  }
}
