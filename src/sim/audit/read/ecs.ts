/**
 * ECS task definitions and services, as `aws ecs describe-task-definition` /
 * `describe-services` print them (camelCase) and as CloudFormation properties (PascalCase).
 * Parameters: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html
 * and https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html
 */
import type { EcsFacts, Facts, ReadOutcome } from '../facts';
import { locateWordsIn, readCmdArgsEnv, readLaunch, readWebConcurrency } from './command-line';
import type { TNode } from './tree';
import { parseEcsCpuUnits, parseEcsMemoryMiB, val } from './values';

/** A property by its camelCase name or its PascalCase CloudFormation name. */
export function pick(node: TNode | undefined, camel: string): TNode | undefined {
  if (!node) return undefined;
  return node.get(camel) ?? node.get(camel.charAt(0).toUpperCase() + camel.slice(1));
}

function ecsFacts(facts: Facts, at: TNode): EcsFacts {
  facts.ecs ??= { at: val(at, 'ECS') };
  return facts.ecs;
}

/** Reads one environment list (`[{name, value}]`) for Gunicorn's variables. */
export function readEnvList(list: TNode | undefined, facts: Facts, outcome: ReadOutcome): void {
  for (const item of list?.items() ?? []) {
    const name = pick(item, 'name')?.str();
    const valueNode = pick(item, 'value');
    const value = valueNode?.str();
    if (!valueNode || value === undefined) continue;
    if (name === 'GUNICORN_CMD_ARGS')
      readCmdArgsEnv(valueNode.tree.file, value, valueNode.pos, facts, outcome);
    if (name === 'WEB_CONCURRENCY')
      readWebConcurrency(valueNode.tree.file, value, valueNode.pos, facts);
  }
}

/** A command given as a list of strings (exec form): each word at its list item. */
export function readArgvNode(nodes: TNode[], facts: Facts, outcome: ReadOutcome): void {
  const words: string[] = [];
  const at: TNode[] = [];
  for (const n of nodes) {
    for (const item of n.items()) {
      const s = item.str();
      if (s === undefined) return;
      words.push(s);
      at.push(item);
    }
  }
  if (words.length === 0 || !at[0]) return;
  readLaunch(at[0].tree.file, words, (i) => (at[i] ?? at[0]!).pos, facts, outcome);
}

/** A string command (compose `command: gunicorn …`): split like a shell, not run by one. */
export function readCommandString(
  node: TNode,
  words: string[],
  facts: Facts,
  outcome: ReadOutcome,
): void {
  const pos = node.pos;
  const text = node.str() ?? '';
  const locate = locateWordsIn(text, words, (offset) => ({
    line: pos.line,
    column: pos.column + offset,
  }));
  readLaunch(node.tree.file, words, locate, facts, outcome);
}

function mentionsGunicorn(c: TNode): boolean {
  const words = [
    ...(pick(c, 'entryPoint')?.strings() ?? []),
    ...(pick(c, 'command')?.strings() ?? []),
  ];
  return words.some((w) => w.includes('gunicorn'));
}

/** One task definition (the object that holds `containerDefinitions`). */
export function readTaskDefinition(td: TNode, facts: Facts, outcome: ReadOutcome): void {
  const ecs = ecsFacts(facts, td);
  const cpu = pick(td, 'cpu');
  const cpuUnits = cpu?.str() !== undefined ? parseEcsCpuUnits(cpu.str()!) : null;
  if (cpu && cpuUnits !== null) ecs.cpuUnits = val(cpu, cpuUnits);
  const mem = pick(td, 'memory');
  const memMiB = mem?.str() !== undefined ? parseEcsMemoryMiB(mem.str()!) : null;
  if (mem && memMiB !== null) ecs.memoryMiB = val(mem, memMiB);
  const compat = pick(td, 'requiresCompatibilities');
  const compatList = compat?.strings();
  if (compat && compatList)
    ecs.launchType = val(compat, compatList.includes('FARGATE') ? 'fargate' : 'ec2');
  const containers = pick(td, 'containerDefinitions')?.items() ?? [];
  const app = containers.find(mentionsGunicorn) ?? containers[0];
  if (!app) return;
  const stop = pick(app, 'stopTimeout');
  if (stop?.num() !== undefined) ecs.stopTimeout = val(stop, stop.num()!);
  const init = pick(pick(app, 'linuxParameters'), 'initProcessEnabled');
  if (init?.bool() !== undefined) ecs.initProcessEnabled = val(init, init.bool()!);
  const hc = pick(pick(app, 'healthCheck'), 'command');
  if (hc) ecs.containerHealthCheck = val(hc, (hc.strings() ?? []).join(' '));
  // Container-level cpu/memory when the task has none (EC2).
  if (!ecs.cpuUnits) {
    const c = pick(app, 'cpu');
    if (c?.num()) ecs.cpuUnits = val(c, c.num()!);
  }
  if (!ecs.memoryMiB) {
    const m = pick(app, 'memory');
    if (m?.num()) ecs.memoryMiB = val(m, m.num()!);
  }
  readArgvNode(
    [pick(app, 'entryPoint'), pick(app, 'command')].filter((n): n is TNode => n !== undefined),
    facts,
    outcome,
  );
  readEnvList(pick(app, 'environment'), facts, outcome);
}

/** One service (describe-services item or AWS::ECS::Service properties). */
export function readService(svc: TNode, facts: Facts): void {
  const ecs = ecsFacts(facts, svc);
  const n = (key: string) => {
    const node = pick(svc, key);
    return node?.num() !== undefined ? val(node, node.num()!) : undefined;
  };
  const desired = n('desiredCount');
  if (desired) ecs.desiredCount = desired;
  const grace = n('healthCheckGracePeriodSeconds');
  if (grace) ecs.healthCheckGracePeriodSeconds = grace;
  const dc = pick(svc, 'deploymentConfiguration');
  const max = pick(dc, 'maximumPercent');
  if (max?.num() !== undefined) ecs.maximumPercent = val(max, max.num()!);
  const min = pick(dc, 'minimumHealthyPercent');
  if (min?.num() !== undefined) ecs.minimumHealthyPercent = val(min, min.num()!);
  const lt = pick(svc, 'launchType');
  if (lt?.str()) ecs.launchType = val(lt, lt.str() === 'FARGATE' ? 'fargate' : 'ec2');
}

/** describe-task-definition / describe-services / register-task-definition JSON. */
export function readEcsCli(root: TNode, facts: Facts, outcome: ReadOutcome): void {
  const td = root.get('taskDefinition') ?? (root.get('containerDefinitions') ? root : undefined);
  if (td) readTaskDefinition(td, facts, outcome);
  for (const svc of root.get('services')?.items() ?? []) readService(svc, facts);
}
