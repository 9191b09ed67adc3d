import { DOCS, defineRule } from '../rule';
import { isOfficialPython } from '../model';

/**
 * musl instead of glibc: manylinux wheels do not install, only musllinux ones (PEP 656,
 * https://peps.python.org/pep-0656/). Current psycopg-binary, cryptography and numpy releases
 * publish musllinux_1_2 wheels on PyPI (https://pypi.org/project/psycopg-binary/#files,
 * https://pypi.org/project/cryptography/#files, https://pypi.org/project/numpy/#files); a
 * package or pinned version without one compiles from source.
 */
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
        message: `${stage.image} uses musl libc: manylinux wheels do not apply, so any package (or pinned version) without a musllinux wheel on PyPI compiles from source (slow builds, extra -dev packages) or fails to build. Current psycopg-binary, cryptography and numpy releases do ship musllinux wheels; an older pinned version may not.`,
      })),
);
