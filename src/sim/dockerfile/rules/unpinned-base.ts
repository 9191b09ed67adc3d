import { DOCS, defineRule, locate, type RuleContext } from '../rule';
import { parseImageRef } from '../model';
import { splitFlags } from '../words';
import type { RawFinding } from '../types';

/**
 * No tag means :latest, which changes under you (hadolint DL3006/DL3007). The same holds for an
 * image named in `COPY --from=image:tag` (Dockerfile reference, COPY --from: "an image
 * reference"): when the value is not an earlier stage's name or index, BuildKit pulls it.
 */
export default defineRule(
  {
    code: 'unpinned-base',
    level: 'warning',
    peers: ['DL3006', 'DL3007', 'DS-0001'],
    section: 'base-image',
    docUrl: DOCS.from,
    title: 'Base image without a version tag',
    fix: 'Pin a tag such as python:3.12-slim-bookworm (or a digest).',
  },
  (ctx) => [
    ...ctx.model.stages
      .filter((stage) => {
        if (
          stage.parent ||
          stage.ref.digest ||
          stage.ref.repo === 'scratch' ||
          stage.image.includes('$')
        )
          return false;
        return stage.ref.tag === null || stage.ref.tag === 'latest';
      })
      .map((stage) => ({
        line: stage.from.line,
        column: stage.from.argsColumn,
        message: `FROM ${stage.image} ${stage.ref.tag ? 'uses the latest tag' : 'has no tag, so Docker pulls :latest'}: the next build may get a different Python or Debian release without any change to this file.`,
      })),
    ...copyFromImages(ctx),
  ],
);

function copyFromImages(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  const names = new Set<string>();
  for (const stage of ctx.model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const from = splitFlags(instruction.args).flags.get('from');
      if (from === undefined || from === '' || from.includes('$')) continue;
      const value = from.toLowerCase();
      if (names.has(value) || /^\d+$/.test(value)) continue; // an earlier stage
      const ref = parseImageRef(value);
      if (ref.digest || (ref.tag !== null && ref.tag !== 'latest')) continue;
      out.push({
        ...locate(ctx, instruction, from),
        message: `COPY --from=${from} copies from an image ${ref.tag ? 'by its latest tag' : 'with no tag, so Docker pulls :latest'}: the next build may copy different files without any change to this file.`,
        fix: `Pin the image: COPY --from=${ref.repo}:<version> (or @sha256:<digest>).`,
      });
    }
    if (stage.name) names.add(stage.name);
  }
  return out;
}
