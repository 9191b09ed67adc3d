/**
 * ALB target groups and load balancers: `aws elbv2 describe-target-groups`,
 * `describe-target-group-attributes`, `describe-load-balancer-attributes` output and the
 * CloudFormation properties. Attributes:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html
 */
import type { AlbFacts, Facts } from '../facts';
import type { TNode } from './tree';
import { val } from './values';

export function albFacts(facts: Facts, at: TNode): AlbFacts {
  facts.alb ??= { at: val(at, 'ALB') };
  return facts.alb;
}

/** One `key=value` attribute (from a Key/Value list or an annotation). */
export function applyAlbAttribute(alb: AlbFacts, key: string, value: string, at: TNode): void {
  const n = Number(value);
  const num = value.trim() !== '' && Number.isFinite(n);
  switch (key) {
    case 'deregistration_delay.timeout_seconds':
      if (num) alb.deregistrationDelaySeconds = val(at, n);
      break;
    case 'slow_start.duration_seconds':
      if (num) alb.slowStartSeconds = val(at, n);
      break;
    case 'idle_timeout.timeout_seconds':
      if (num) alb.idleTimeoutSeconds = val(at, n);
      break;
    case 'routing.http.xff_header_processing.mode':
      if (value === 'append' || value === 'preserve' || value === 'remove')
        alb.xffMode = val(at, value);
      break;
    case 'routing.http.preserve_host_header.enabled':
      alb.preserveHost = val(at, value === 'true');
      break;
  }
}

/** A `[{Key, Value}]` list. */
export function readAttributeList(list: TNode | undefined, alb: AlbFacts): void {
  for (const item of list?.items() ?? []) {
    const key = item.get('Key')?.str();
    const valueNode = item.get('Value');
    const value = valueNode?.str();
    if (key !== undefined && valueNode && value !== undefined)
      applyAlbAttribute(alb, key, value, valueNode);
  }
}

/** A target group (describe-target-groups item or CloudFormation properties). */
export function readTargetGroup(tg: TNode, facts: Facts): void {
  const alb = albFacts(facts, tg);
  const path = tg.get('HealthCheckPath');
  const num = (key: string) => tg.get(key)?.num();
  alb.healthCheck = {
    kind: 'alb',
    path: path?.str() !== undefined ? val(path, path.str()!) : null,
    ...(num('HealthCheckIntervalSeconds') !== undefined
      ? { periodSeconds: num('HealthCheckIntervalSeconds')! }
      : {}),
    ...(num('UnhealthyThresholdCount') !== undefined
      ? { failureThreshold: num('UnhealthyThresholdCount')! }
      : {}),
    at: val(path ?? tg, 'target group health check'),
  };
  readAttributeList(tg.get('TargetGroupAttributes'), alb);
}

/** AWS CLI output of the elbv2 commands. */
export function readAlbCli(root: TNode, facts: Facts): void {
  for (const tg of root.get('TargetGroups')?.items() ?? []) readTargetGroup(tg, facts);
  const attrs = root.get('Attributes');
  if (attrs) readAttributeList(attrs, albFacts(facts, attrs));
  if (root.get('LoadBalancers')) albFacts(facts, root);
}
