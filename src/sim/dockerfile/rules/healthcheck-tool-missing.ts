import {
  DOCS,
  defineRule,
  finalInstructions,
  healthcheckCommand,
  locate,
  packageCommands,
  replaceLines,
} from '../rule';
import { basename } from '../words';
import type { Edit } from '../types';

/**
 * python:*-slim installs only ca-certificates, netbase and tzdata beyond Python: no curl, no
 * wget; wget is used to build Python and then purged
 * (https://github.com/docker-library/python/blob/master/3.12/slim-bookworm/Dockerfile). Alpine
 * has busybox wget but no curl. A check that cannot
 * run exits 127 and the container turns unhealthy although the app is fine.
 */
export default defineRule(
  {
    code: 'healthcheck-tool-missing',
    level: 'error',
    peers: [],
    section: 'healthcheck',
    docUrl: DOCS.healthcheck,
    title: 'HEALTHCHECK uses a tool the image lacks',
    fix: 'Use Python, which the image has: CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=2)"].',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    const check = healthcheckCommand(ctx);
    if (!final || !check) return [];
    let root = final;
    while (root.parent) root = root.parent;
    const tag = root.ref.tag ?? '';
    const slim = tag.includes('slim');
    const alpine = tag.includes('alpine') || root.ref.repo === 'alpine';
    if (!slim && !alpine) return [];
    const tool = check.words.map(basename).find((w) => w === 'curl' || (w === 'wget' && slim));
    if (!tool) return [];
    const installed = finalInstructions(ctx, 'RUN').some((instruction) =>
      packageCommands(instruction).some(
        (c) => c.action === 'install' && c.packages.some((p) => p.split('=')[0] === tool),
      ),
    );
    if (installed) return [];
    const url = check.words.find((w) => /^https?:\/\//.test(w)) ?? 'http://127.0.0.1:8000/health';
    const instruction = check.instruction;
    const flagsText = instruction.args.slice(0, instruction.args.search(/\bCMD\b/i)).trim();
    const edits: Edit[] = [];
    if (/^[A-Za-z0-9:/._~?&=%-]+$/.test(url)) {
      const python = `import urllib.request; urllib.request.urlopen('${url}', timeout=2)`;
      edits.push(
        replaceLines(instruction.line, instruction.endLine, [
          `HEALTHCHECK ${flagsText ? `${flagsText} ` : ''}CMD ["python", "-c", ${JSON.stringify(python)}]`,
        ]),
      );
    }
    return [
      {
        ...locate(ctx, instruction, tool),
        message: `The HEALTHCHECK calls ${tool}, but ${slim ? 'python:*-slim has neither curl nor wget' : 'Alpine has only busybox wget, no curl'} and no RUN in this stage installs it: every check exits 127, so after 3 retries Docker marks a working container unhealthy.`,
        ...(edits.length > 0 ? { edits } : {}),
      },
    ];
  },
);
