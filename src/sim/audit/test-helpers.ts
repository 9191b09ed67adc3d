/** Helpers for the audit's tests: build inputs, run the audit, pick findings by code. */
import { auditFiles } from './index';
import type { AuditFinding, AuditInput, AuditOptions, AuditReport } from './types';

export function run(files: Record<string, string>, options: AuditOptions = {}): AuditReport {
  const inputs: AuditInput[] = Object.entries(files).map(([name, text]) => ({ name, text }));
  return auditFiles(inputs, options);
}

export function byCode(report: AuditReport, code: string): AuditFinding[] {
  return report.findings.filter((f) => f.code === code);
}

export function taskDefinition(
  container: Record<string, unknown>,
  task: Record<string, unknown> = {},
): string {
  return JSON.stringify(
    {
      taskDefinition: {
        family: 'web',
        requiresCompatibilities: ['FARGATE'],
        cpu: '1024',
        memory: '2048',
        ...task,
        containerDefinitions: [{ name: 'web', image: 'web:1', essential: true, ...container }],
      },
    },
    null,
    2,
  );
}

export function attributes(pairs: Record<string, string>): string {
  return JSON.stringify(
    { Attributes: Object.entries(pairs).map(([Key, Value]) => ({ Key, Value })) },
    null,
    2,
  );
}

export function deployment(containerYaml: string, podYaml = '', extraDocs = ''): string {
  const indent = (text: string, n: number) =>
    text
      .trim()
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  template:
    spec:
${podYaml ? `${indent(podYaml, 6)}\n` : ''}      containers:
        - name: web
          image: web:1
${indent(containerYaml, 10)}
${extraDocs}`;
}

export const SERVICE = `---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
    - port: 80
`;
