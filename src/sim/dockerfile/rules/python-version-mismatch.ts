import { DOCS, defineRule } from '../rule';
import { pythonMinor, type Stage } from '../model';
import { splitFlags } from '../words';

/**
 * A venv's bin/python is a symlink to the builder's interpreter and site-packages sit under
 * lib/pythonX.Y: a runtime image with another minor version cannot use it.
 */
function rootRef(stage: Stage): Stage {
  let root = stage;
  while (root.parent) root = root.parent;
  return root;
}

export default defineRule(
  {
    code: 'python-version-mismatch',
    level: 'error',
    peers: [],
    section: 'multi-stage',
    docUrl: DOCS.pythonImage,
    title: 'Builder and runtime Python versions differ',
    fix: 'Use the same python:X.Y tag in the builder and runtime stages (an ARG PYTHON_VERSION before the first FROM keeps them in step).',
  },
  (ctx) => {
    const final = ctx.model.finalStage;
    if (!final) return [];
    const runtime = pythonMinor(rootRef(final).ref);
    if (!runtime) return [];
    const out = [];
    for (const instruction of final.instructions) {
      if (instruction.keyword !== 'COPY') continue;
      const from = splitFlags(instruction.args).flags.get('from');
      if (!from) continue;
      const source = ctx.model.stages.find(
        (s) => s.name === from.toLowerCase() || String(s.index) === from,
      );
      if (!source) continue;
      if (!/venv|site-packages|\/usr\/local\/lib\/python/.test(instruction.args)) continue;
      const built = pythonMinor(rootRef(source).ref);
      if (!built || built === runtime) continue;
      out.push({
        line: instruction.line,
        column: instruction.column,
        message: `Packages built with Python ${built} (stage "${from}") are copied into a Python ${runtime} image: the venv's python symlink and lib/python${built} do not exist there, so imports fail at start-up.`,
      });
    }
    return out;
  },
);
