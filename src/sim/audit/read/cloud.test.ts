/** CloudFormation (YAML short-form tags, JSON) and terraform show -json feed the same rules. */
import { describe, expect, it } from 'vitest';
import { byCode, run } from '../test-helpers';

const CFN_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Image:
    Type: String
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      Cpu: "512"
      Memory: "1024"
      ContainerDefinitions:
        - Name: web
          Image: !Ref Image
          Command: ["gunicorn", "--graceful-timeout", "45", "--threads", "4", "app:app"]
          StopTimeout: 30
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      HealthCheckPath: /healthz
      TargetGroupAttributes:
        - Key: deregistration_delay.timeout_seconds
          Value: !Sub "\${Delay}"
  LoadBalancer:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      LoadBalancerAttributes:
        - Key: idle_timeout.timeout_seconds
          Value: "120"
`;

describe('CloudFormation', () => {
  it('reads a YAML template with short-form tags; a tagged value is "cannot tell"', () => {
    const r = run({ 'stack.yaml': CFN_YAML });
    expect(r.files[0]).toMatchObject({ kind: 'cloudformation' });
    expect(r.files[0]!.cannotTell?.map((c) => c.setting)).toContain('Value');
    const [graceful] = byCode(r, 'graceful-timeout-exceeds-stop-timeout');
    expect(CFN_YAML.split('\n')[graceful!.line - 1]).toContain('StopTimeout');
    const [race] = byCode(r, 'keepalive-race');
    expect(race?.message).toContain('120 s');
  });
});

describe('terraform show -json', () => {
  it('reads the task definition (container_definitions as a JSON string), the target group and the ALB', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              type: 'aws_ecs_task_definition',
              values: {
                cpu: '256',
                memory: '512',
                requires_compatibilities: ['FARGATE'],
                container_definitions: JSON.stringify([
                  { name: 'web', command: ['gunicorn', '-w', '6', 'app:app'], stopTimeout: 20 },
                ]),
              },
            },
            { type: 'aws_lb', values: { load_balancer_type: 'application', idle_timeout: 60 } },
          ],
          child_modules: [
            {
              resources: [
                {
                  type: 'aws_lb_target_group',
                  values: {
                    deregistration_delay: '300',
                    health_check: [{ path: '/healthz', interval: 30 }],
                  },
                },
              ],
            },
          ],
        },
      },
    };
    const r = run({ 'tf.json': JSON.stringify(state, null, 2) });
    expect(r.files[0]).toMatchObject({ kind: 'terraform' });
    expect(byCode(r, 'graceful-timeout-exceeds-stop-timeout')).toHaveLength(1);
    expect(byCode(r, 'workers-exceed-cpu')).toHaveLength(1);
  });
});
