import { DOCS, defineRule } from '../rule';

/** No tag means :latest, which changes under you (hadolint DL3006/DL3007). */
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
  (ctx) =>
    ctx.model.stages
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
);
