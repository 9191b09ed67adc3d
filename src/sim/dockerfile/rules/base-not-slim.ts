import { DOCS, defineRule } from '../rule';
import { isOfficialPython } from '../model';

/** The full python:X image carries a compiler toolchain and hundreds of MB the app never uses (Docker Hub python "Image Variants"). */
export default defineRule(
  {
    code: 'base-not-slim',
    level: 'info',
    peers: [],
    section: 'base-image',
    docUrl: DOCS.pythonImage,
    title: 'Runtime image is the full python image',
    fix: 'Use python:3.12-slim (or -slim-bookworm) for the runtime stage.',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final || final.parent || !isOfficialPython(final.ref)) return [];
    const tag = final.ref.tag ?? 'latest';
    if (tag.includes('slim') || tag.includes('alpine')) return [];
    return [
      {
        line: final.from.line,
        column: final.from.argsColumn,
        message: `python:${tag} is the full Debian image with compilers and many libraries: roughly 1 GB, slower pulls and far more packages to patch than python:*-slim.`,
      },
    ];
  },
);
