/**
 * CloudFormation templates (JSON or YAML with short-form tags): the resources the audit
 * reads, by type. Resource reference:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-taskdefinition.html
 * (and aws-resource-ecs-service, aws-resource-elasticloadbalancingv2-targetgroup,
 * aws-resource-elasticloadbalancingv2-loadbalancer, aws-resource-cloudfront-distribution).
 * A property written with an intrinsic function (`!Ref`, `Fn::Sub`…) is "cannot tell".
 */
import type { Facts, ReadOutcome } from '../facts';
import { albFacts, readAttributeList, readTargetGroup } from './alb';
import { readService, readTaskDefinition } from './ecs';
import type { TNode } from './tree';
import { val } from './values';

const WATCHED = [
  'StopTimeout',
  'Cpu',
  'Memory',
  'DesiredCount',
  'HealthCheckGracePeriodSeconds',
  'HealthCheckPath',
  'HealthCheckIntervalSeconds',
  'UnhealthyThresholdCount',
  'Value',
];

/** Properties written with an intrinsic function. */
function reportIntrinsics(node: TNode, outcome: ReadOutcome, depth = 0): void {
  if (depth > 12 || outcome.cannotTell.length > 100) return;
  for (const [key, value] of node.entries()) {
    const fn =
      value.cfnTag ??
      (value.isMap()
        ? value.entries().find(([k]) => k === 'Ref' || k.startsWith('Fn::'))?.[0]
        : undefined);
    if (fn && WATCHED.includes(key)) {
      outcome.cannotTell.push({
        setting: key,
        ...value.pos,
        reason: `It is written with ${fn.startsWith('Fn::') || fn === 'Ref' ? fn : `!${fn}`}: the value is known only when the stack is deployed.`,
      });
    } else if (value.isMap()) reportIntrinsics(value, outcome, depth + 1);
    else for (const item of value.items()) reportIntrinsics(item, outcome, depth + 1);
  }
}

export function readCloudFormation(root: TNode, facts: Facts, outcome: ReadOutcome): void {
  for (const [, resource] of root.get('Resources')?.entries() ?? []) {
    const type = resource.get('Type')?.str();
    const props = resource.get('Properties');
    if (!type || !props) continue;
    reportIntrinsics(props, outcome);
    switch (type) {
      case 'AWS::ECS::TaskDefinition':
        readTaskDefinition(props, facts, outcome);
        break;
      case 'AWS::ECS::Service':
        readService(props, facts);
        break;
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        readTargetGroup(props, facts);
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
        if ((props.get('Type')?.str() ?? 'application') === 'application') {
          const alb = albFacts(facts, resource);
          readAttributeList(props.get('LoadBalancerAttributes'), alb);
        }
        break;
      case 'AWS::CloudFront::Distribution':
        facts.cloudfront ??= { at: val(resource, 'CloudFront') };
        break;
    }
  }
}
