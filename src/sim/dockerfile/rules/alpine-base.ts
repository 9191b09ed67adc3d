import { DOCS, defineRule } from '../rule';
import { isOfficialPython } from '../model';

/** musl instead of glibc: many wheels (psycopg, cryptography, numpy) must compile from source (guide §5). */
export default defineRule(
  {
    code: 'alpine-base',
    level: 'warning',
    peers: [],
    section: 'base-image',
    docUrl: DOCS.pythonImage,
    title: 'Alpine (musl) Python image',
    fix: 'Use python:3.12-slim: glibc-based, so binary wheels install as they are.',
  },
  (ctx) =>
    ctx.model.stages
      .filter(
        (stage) =>
          !stage.parent && isOfficialPython(stage.ref) && (stage.ref.tag ?? '').includes('alpine'),
      )
      .map((stage) => ({
        line: stage.from.line,
        column: stage.from.argsColumn,
        message: `${stage.image} uses musl libc: many manylinux wheels do not apply, so packages such as psycopg, cryptography or numpy compile from source (slow builds, extra -dev packages) or fail to build.`,
      })),
);
