/**
 * The audit engine the page's Web Worker and the CLI call.
 * TEMPORARY plumbing until src/sim/audit's auditFiles lands: Dockerfiles through the existing
 * checker, every other file reported as not read.
 */
import { checkDockerfile } from '../../sim/dockerfile';
import type { AuditInput, AuditOptions, AuditReport } from '../../sim/audit/types';

export const auditFiles: (inputs: readonly AuditInput[], options?: AuditOptions) => AuditReport = (
  inputs,
) => {
  const files = inputs.map((input) => {
    const base = input.name.split('/').pop() ?? input.name;
    return /^Dockerfile/.test(base)
      ? { name: input.name, kind: 'dockerfile' as const }
      : { name: input.name, kind: 'unknown' as const, notice: 'Not read yet.' };
  });
  const findings = inputs.flatMap((input) => {
    const base = input.name.split('/').pop() ?? input.name;
    if (!/^Dockerfile/.test(base)) return [];
    return checkDockerfile(input.text).map((f) => ({
      file: input.name,
      line: f.line,
      column: f.column,
      level: f.level,
      code: f.code,
      message: f.message,
      failure: f.message,
      fix: { text: f.fix },
      sources: [{ title: 'Docker documentation', url: f.docUrl }],
      related: [],
    }));
  });
  return { files, findings, scenarios: {} };
};
