/**
 * `terraform show -json` output (https://developer.hashicorp.com/terraform/internals/json-format):
 * `values.root_module` (state) or `planned_values.root_module` (plan), child modules
 * included. Resource arguments from the AWS provider: aws_ecs_task_definition
 * (`container_definitions` is a JSON string), aws_ecs_service, aws_lb_target_group, aws_lb,
 * aws_cloudfront_distribution.
 */
import type { Facts, ReadOutcome } from '../facts';
import { albFacts, applyAlbAttribute } from './alb';
import { readArgvNode, readEnvList } from './ecs';
import { parseTree, roots, type TNode } from './tree';
import { parseEcsCpuUnits, parseEcsMemoryMiB, val } from './values';

function resources(module: TNode | undefined, depth = 0): TNode[] {
  if (!module || depth > 10) return [];
  const out = [...(module.get('resources')?.items() ?? [])];
  for (const child of module.get('child_modules')?.items() ?? [])
    out.push(...resources(child, depth + 1));
  return out;
}

function readTaskDefinition(v: TNode, facts: Facts, outcome: ReadOutcome): void {
  facts.ecs ??= { at: val(v, 'ECS') };
  const ecs = facts.ecs;
  const cpu = v.get('cpu');
  const units = cpu?.str() !== undefined ? parseEcsCpuUnits(cpu.str()!) : null;
  if (cpu && units !== null) ecs.cpuUnits = val(cpu, units);
  const mem = v.get('memory');
  const mib = mem?.str() !== undefined ? parseEcsMemoryMiB(mem.str()!) : null;
  if (mem && mib !== null) ecs.memoryMiB = val(mem, mib);
  const compat = v.get('requires_compatibilities')?.strings();
  if (compat) ecs.launchType = val(v, compat.includes('FARGATE') ? 'fargate' : 'ec2');
  // container_definitions is JSON inside a string: its values are reported at the string.
  const defs = v.get('container_definitions');
  const json = defs?.str();
  if (!defs || json === undefined) return;
  const inner = parseTree(defs.tree.file, json).tree;
  const list = inner ? roots(inner)[0] : undefined;
  const containers = list?.items() ?? [];
  const app =
    containers.find((c) =>
      [...(c.get('entryPoint')?.strings() ?? []), ...(c.get('command')?.strings() ?? [])].some(
        (w) => w.includes('gunicorn'),
      ),
    ) ?? containers[0];
  if (!app) return;
  const stop = app.get('stopTimeout')?.num();
  if (stop !== undefined) ecs.stopTimeout = val(defs, stop);
  const init = app.get('linuxParameters')?.get('initProcessEnabled')?.bool();
  if (init !== undefined) ecs.initProcessEnabled = val(defs, init);
  const before = facts.launches.length;
  readArgvNode(
    [app.get('entryPoint'), app.get('command')].filter((n): n is TNode => n !== undefined),
    facts,
    outcome,
  );
  readEnvList(app.get('environment'), facts, outcome);
  // Positions inside the string are not lines of the file: point at the string.
  for (let i = before; i < facts.launches.length; i++) {
    const l = facts.launches[i]!;
    facts.launches[i] = { ...l, at: { ...l.at, ...defs.pos } };
  }
}

export function readTerraform(root: TNode, facts: Facts, outcome: ReadOutcome): void {
  const module = root.at('values', 'root_module') ?? root.at('planned_values', 'root_module');
  for (const r of resources(module)) {
    const type = r.get('type')?.str();
    const v = r.get('values');
    if (!type || !v) continue;
    const num = (key: string) => v.get(key)?.num();
    switch (type) {
      case 'aws_ecs_task_definition':
        readTaskDefinition(v, facts, outcome);
        break;
      case 'aws_ecs_service': {
        facts.ecs ??= { at: val(v, 'ECS') };
        const ecs = facts.ecs;
        const set = (key: string, apply: (n: number, node: TNode) => void) => {
          const node = v.get(key);
          const n = num(key);
          if (node && n !== undefined) apply(n, node);
        };
        set('desired_count', (n, node) => (ecs.desiredCount = val(node, n)));
        set('deployment_maximum_percent', (n, node) => (ecs.maximumPercent = val(node, n)));
        set(
          'deployment_minimum_healthy_percent',
          (n, node) => (ecs.minimumHealthyPercent = val(node, n)),
        );
        set(
          'health_check_grace_period_seconds',
          (n, node) => (ecs.healthCheckGracePeriodSeconds = val(node, n)),
        );
        break;
      }
      case 'aws_lb_target_group': {
        const alb = albFacts(facts, v);
        for (const [key, attr] of [
          ['deregistration_delay', 'deregistration_delay.timeout_seconds'],
          ['slow_start', 'slow_start.duration_seconds'],
        ] as const) {
          const node = v.get(key);
          const s = node?.str();
          if (node && s !== undefined) applyAlbAttribute(alb, attr, s, node);
        }
        const hc = v.get('health_check')?.items()[0];
        if (hc) {
          const path = hc.get('path');
          alb.healthCheck = {
            kind: 'alb',
            path: path?.str() ? val(path, path.str()!) : null,
            ...(hc.get('interval')?.num() !== undefined
              ? { periodSeconds: hc.get('interval')!.num()! }
              : {}),
            ...(hc.get('unhealthy_threshold')?.num() !== undefined
              ? { failureThreshold: hc.get('unhealthy_threshold')!.num()! }
              : {}),
            at: val(path ?? hc, 'target group health check'),
          };
        }
        break;
      }
      case 'aws_lb': {
        if ((v.get('load_balancer_type')?.str() ?? 'application') !== 'application') break;
        const alb = albFacts(facts, v);
        const idle = v.get('idle_timeout');
        if (idle?.str() !== undefined)
          applyAlbAttribute(alb, 'idle_timeout.timeout_seconds', idle.str()!, idle);
        const xff = v.get('xff_header_processing_mode');
        if (xff?.str() !== undefined)
          applyAlbAttribute(alb, 'routing.http.xff_header_processing.mode', xff.str()!, xff);
        const host = v.get('preserve_host_header');
        if (host?.bool() !== undefined)
          applyAlbAttribute(
            alb,
            'routing.http.preserve_host_header.enabled',
            String(host.bool()),
            host,
          );
        break;
      }
      case 'aws_cloudfront_distribution':
        facts.cloudfront ??= { at: val(r, 'CloudFront') };
        break;
    }
  }
}
