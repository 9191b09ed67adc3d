/**
 * A Dockerfile through the Dockerfile checker: its findings join the report (mapped to the
 * audit's shape), and its model (`buildModel`) supplies the Gunicorn command line of the
 * final stage's CMD/ENTRYPOINT, HEALTHCHECK and STOPSIGNAL. Whether a shell stays PID 1 is
 * the checker's own `shell-form-cmd` verdict.
 */
import { checkDockerfile, type Finding } from '../../dockerfile/index';
import { buildModel } from '../../dockerfile/model';
import { parseDockerfile } from '../../dockerfile/parse';
import type { Facts, ReadOutcome } from '../facts';
import type { AuditFinding } from '../types';
import {
  findGunicorn,
  readCmdArgsEnv,
  readGunicornFlags,
  readWebConcurrency,
} from './command-line';

export function mapDockerfileFinding(
  f: Finding,
  dockerfileName: string,
  dockerignoreName: string | null,
): AuditFinding {
  return {
    file: f.file === 'dockerignore' && dockerignoreName ? dockerignoreName : dockerfileName,
    line: f.line,
    column: f.column,
    level: f.level,
    code: f.code,
    message: f.message,
    failure: f.message,
    fix: { text: f.fix },
    sources: [{ title: `Dockerfile checker rule ${f.code}`, url: f.docUrl }],
    related: [],
  };
}

export function readDockerfile(
  file: string,
  text: string,
  dockerignore: { name: string; text: string } | null,
  facts: Facts,
  outcome: ReadOutcome,
): AuditFinding[] {
  const findings = checkDockerfile(text, dockerignore ? { dockerignore: dockerignore.text } : {});
  const model = buildModel(parseDockerfile(text));
  const final = model.finalStage;
  facts.docker = { at: { value: 'Dockerfile', file, line: final?.from.line ?? 1, column: 1 } };
  for (const ins of final?.instructions ?? []) {
    const at = { file, line: ins.line, column: ins.column };
    if (ins.keyword === 'HEALTHCHECK') facts.docker.healthcheck = { ...at, value: ins.args };
    if (ins.keyword === 'STOPSIGNAL') facts.docker.stopSignal = { ...at, value: ins.args.trim() };
    if (ins.keyword === 'ENV') {
      const value = (name: string) => final?.env.get(name);
      const position = { line: ins.argsLine, column: ins.argsColumn };
      const args = value('GUNICORN_CMD_ARGS');
      if (args !== undefined && ins.args.includes('GUNICORN_CMD_ARGS'))
        readCmdArgsEnv(file, args, position, facts, outcome);
      const wc = value('WEB_CONCURRENCY');
      if (wc !== undefined && ins.args.includes('WEB_CONCURRENCY'))
        readWebConcurrency(file, wc, position, facts);
    }
  }
  const g = model.gunicorn;
  if (g) {
    const ins = g.site.instruction;
    const position = { line: ins.argsLine, column: ins.argsColumn };
    const start = findGunicorn(g.words);
    // The checker's verdicts: a shell-form CMD, or an exec-form `sh -c "…"` without exec.
    const shellStaysPid1 = findings.some(
      (f) => (f.code === 'shell-form-cmd' || f.code === 'shell-wrapper') && !f.suppressed,
    );
    facts.launches.push({ at: { file, ...position, value: g.words.join(' ') }, shellStaysPid1 });
    readGunicornFlags(
      file,
      g.words,
      Math.max(0, start + 1),
      () => position,
      'command-line',
      facts,
      outcome,
    );
  }
  return findings
    .filter((f) => !f.suppressed)
    .map((f) => mapDockerfileFinding(f, file, dockerignore?.name ?? null));
}

/** A `.env` file: `KEY=VALUE` lines; GUNICORN_CMD_ARGS and WEB_CONCURRENCY are read. */
export function readEnvFile(file: string, text: string, facts: Facts, outcome: ReadOutcome): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m) continue;
    const raw = m[2]!;
    const value = /^(["'])(.*)\1$/.exec(raw)?.[2] ?? raw;
    const position = { line: i + 1, column: lines[i]!.indexOf(raw) + 1 };
    if (m[1] === 'GUNICORN_CMD_ARGS') readCmdArgsEnv(file, value, position, facts, outcome);
    if (m[1] === 'WEB_CONCURRENCY') readWebConcurrency(file, value, position, facts);
  }
}
