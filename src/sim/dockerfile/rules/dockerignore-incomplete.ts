import { DOCS, defineRule, wholeContextCopies } from '../rule';
import { REQUIRED_EXCLUSIONS, isIgnored } from '../dockerignore';

/**
 * Only a copy of the whole context (`COPY . .`, `ADD . /app`) can bring .git, .env or instance/
 * into the image; a Dockerfile that copies named files (`COPY app.py requirements.txt ./`) is not
 * put at risk by what the .dockerignore leaves out, so the rule stays quiet then.
 */
export default defineRule(
  {
    code: 'dockerignore-incomplete',
    level: 'warning',
    peers: [],
    section: 'dockerignore',
    docUrl: DOCS.dockerignore,
    title: '.dockerignore misses paths the guide excludes',
    fix: 'Add the missing lines to .dockerignore.',
  },
  (ctx) => {
    if (ctx.ignore === null) return [];
    const copy = wholeContextCopies(ctx)[0];
    if (!copy) return [];
    const patterns = ctx.ignore;
    const missing = REQUIRED_EXCLUSIONS.filter(
      (rule) => !rule.probes.every((probe) => isIgnored(patterns, probe)),
    );
    if (missing.length === 0) return [];
    const lineCount = (ctx.dockerignoreText ?? '').split(/\r\n|\n|\r/).length;
    const lastLine = (ctx.dockerignoreText ?? '').endsWith('\n') ? lineCount : lineCount + 1;
    return [
      {
        file: 'dockerignore',
        line: 1,
        column: 1,
        message: `The .dockerignore does not exclude ${missing.map((m) => m.label).join(', ')}: the ${copy.keyword} on line ${copy.line} copies the whole build context, so ${missing.length === 1 ? 'it goes' : 'they go'} into the image${missing.some((m) => m.label.startsWith('.env') || m.label === 'instance/') ? ', secrets included' : ''}.`,
        fix: `Add: ${missing.map((m) => m.suggestion).join(', ')}.`,
        edits: [
          {
            target: 'dockerignore',
            startLine: lastLine,
            endLine: lastLine - 1,
            lines: missing.map((m) => m.suggestion),
          },
        ],
      },
    ];
  },
);
