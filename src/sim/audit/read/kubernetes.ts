/**
 * Kubernetes manifests (multi-document YAML): Deployment / StatefulSet / DaemonSet / Pod,
 * Service, Ingress. Fields: https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 * (terminationGracePeriodSeconds default 30, lifecycle.preStop, probes with periodSeconds
 * default 10 and failureThreshold default 3), Deployment `strategy.rollingUpdate.maxSurge`
 * (default 25%). Ingress annotations: AWS Load Balancer Controller
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 * and ingress-nginx https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
import type { Facts, HealthProbe, KubernetesFacts, ReadOutcome } from '../facts';
import { albFacts, applyAlbAttribute } from './alb';
import { readArgvNode, readEnvList } from './ecs';
import type { TNode } from './tree';
import { parseCpuQuantity, parseMemoryQuantityMiB, val } from './values';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

function k8sFacts(facts: Facts, at: TNode): KubernetesFacts {
  facts.kubernetes ??= { at: val(at, 'Kubernetes'), probes: [] };
  return facts.kubernetes;
}

function readProbe(kind: HealthProbe['kind'], probe: TNode | undefined): HealthProbe | null {
  if (!probe) return null;
  const path = probe.at('httpGet', 'path');
  const num = (key: string) => probe.get(key)?.num();
  return {
    kind,
    path: path?.str() !== undefined ? val(path, path.str()!) : null,
    initialDelaySeconds: num('initialDelaySeconds') ?? 0,
    periodSeconds: num('periodSeconds') ?? 10,
    failureThreshold: num('failureThreshold') ?? 3,
    at: val(probe, `${kind}Probe`),
  };
}

function containerRunsGunicorn(c: TNode): boolean {
  const words = [...(c.get('command')?.strings() ?? []), ...(c.get('args')?.strings() ?? [])];
  return words.some((w) => w.includes('gunicorn'));
}

function readPodSpec(spec: TNode, k8s: KubernetesFacts, facts: Facts, outcome: ReadOutcome): void {
  const grace = spec.get('terminationGracePeriodSeconds');
  if (grace?.num() !== undefined) k8s.terminationGracePeriodSeconds = val(grace, grace.num()!);
  const share = spec.get('shareProcessNamespace');
  if (share?.bool() !== undefined) k8s.shareProcessNamespace = val(share, share.bool()!);
  const containers = spec.get('containers')?.items() ?? [];
  const app = containers.find(containerRunsGunicorn) ?? containers[0];
  if (!app) return;
  const preStop = app.at('lifecycle', 'preStop');
  if (preStop) {
    const sleep = preStop.at('sleep', 'seconds')?.num();
    const exec = preStop.at('exec', 'command')?.strings() ?? [];
    const execSleep = exec.join(' ').match(/\bsleep\s+([0-9]+)/);
    k8s.preStop = val(
      preStop,
      sleep !== undefined
        ? { kind: 'sleep', seconds: sleep }
        : execSleep
          ? { kind: 'exec-sleep', seconds: Number(execSleep[1]) }
          : { kind: 'other', seconds: null },
    );
  }
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const probe = readProbe(kind, app.get(`${kind}Probe`));
    if (probe) k8s.probes.push(probe);
  }
  const cpu = app.at('resources', 'limits', 'cpu');
  const cpuValue = cpu?.str() !== undefined ? parseCpuQuantity(cpu.str()!) : null;
  if (cpu && cpuValue !== null) k8s.cpuLimit = val(cpu, cpuValue);
  const mem = app.at('resources', 'limits', 'memory');
  const memValue = mem?.str() !== undefined ? parseMemoryQuantityMiB(mem.str()!) : null;
  if (mem && memValue !== null) k8s.memoryLimitMiB = val(mem, memValue);
  readArgvNode(
    [app.get('command'), app.get('args')].filter((n): n is TNode => n !== undefined),
    facts,
    outcome,
  );
  readEnvList(app.get('env'), facts, outcome);
}

function readIngress(doc: TNode, k8s: KubernetesFacts, facts: Facts): void {
  const annotations = doc.at('metadata', 'annotations');
  const className =
    doc.at('spec', 'ingressClassName')?.str() ??
    annotations?.get('kubernetes.io/ingress.class')?.str();
  const cls = className === 'alb' ? 'alb' : className?.includes('nginx') ? 'nginx' : 'other';
  k8s.ingressClass = val(doc, cls);
  k8s.exposed ??= val(doc, 'Ingress');
  if (cls === 'alb' || annotations?.get('alb.ingress.kubernetes.io/scheme')) {
    const alb = albFacts(facts, doc);
    for (const key of [
      'alb.ingress.kubernetes.io/target-group-attributes',
      'alb.ingress.kubernetes.io/load-balancer-attributes',
    ]) {
      const node = annotations?.get(key);
      for (const pair of (node?.str() ?? '').split(',')) {
        const eq = pair.indexOf('=');
        if (node && eq > 0)
          applyAlbAttribute(alb, pair.slice(0, eq).trim(), pair.slice(eq + 1).trim(), node);
      }
    }
    const path = annotations?.get('alb.ingress.kubernetes.io/healthcheck-path');
    const interval = annotations
      ?.get('alb.ingress.kubernetes.io/healthcheck-interval-seconds')
      ?.num();
    const unhealthy = annotations
      ?.get('alb.ingress.kubernetes.io/unhealthy-threshold-count')
      ?.num();
    alb.healthCheck = {
      kind: 'alb',
      path: path?.str() !== undefined ? val(path, path.str()!) : null,
      ...(interval !== undefined ? { periodSeconds: interval } : {}),
      ...(unhealthy !== undefined ? { failureThreshold: unhealthy } : {}),
      at: val(path ?? doc, 'ALB health check'),
    };
  }
  const readTimeout = annotations?.get('nginx.ingress.kubernetes.io/proxy-read-timeout');
  if (readTimeout?.num() !== undefined)
    k8s.nginxProxyReadTimeout = val(readTimeout, readTimeout.num()!);
}

export function readKubernetes(docs: TNode[], facts: Facts, outcome: ReadOutcome): void {
  for (const root of docs) {
    const list = root.get('kind')?.str() === 'List' ? (root.get('items')?.items() ?? []) : [root];
    for (const doc of list) {
      const kind = doc.get('kind')?.str();
      if (!kind) continue;
      const k8s = k8sFacts(facts, doc);
      if (WORKLOADS.has(kind)) {
        const spec = kind === 'Pod' ? doc.get('spec') : doc.at('spec', 'template', 'spec');
        if (spec) readPodSpec(spec, k8s, facts, outcome);
        const replicas = doc.at('spec', 'replicas');
        if (replicas?.num() !== undefined) k8s.replicas = val(replicas, replicas.num()!);
        const surge = doc.at('spec', 'strategy', 'rollingUpdate', 'maxSurge');
        const surgeValue = surge?.num() ?? surge?.str();
        if (surge && surgeValue !== undefined) k8s.maxSurge = val(surge, surgeValue);
      } else if (kind === 'Service') {
        k8s.exposed ??= val(doc, 'Service');
      } else if (kind === 'Ingress') {
        readIngress(doc, k8s, facts);
      }
    }
  }
}
