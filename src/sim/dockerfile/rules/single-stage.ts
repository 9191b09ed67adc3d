import { DOCS, defineRule, isBuildTool, packageCommands } from '../rule';

/** Build tools in a single-stage image ship in the runtime image (Docker docs "Multi-stage builds"; chapter 5). */
export default defineRule(
  {
    code: 'single-stage',
    level: 'warning',
    peers: [],
    section: 'multi-stage',
    docUrl: DOCS.multiStage,
    title: 'Build and run are not separated',
    fix: 'Split into a builder stage (compilers, pip install into /opt/venv) and a slim runtime stage that copies only /opt/venv.',
  },
  (ctx) => {
    if (ctx.model.stages.length !== 1) return [];
    const stage = ctx.model.stages[0]!;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const tools = packageCommands(instruction)
        .filter((c) => c.action === 'install' && c.manager !== 'pip')
        .flatMap((c) => c.packages.filter(isBuildTool));
      if (tools.length === 0) continue;
      return [
        {
          line: instruction.line,
          column: instruction.column,
          message: `A single stage installs build tools (${tools.slice(0, 4).join(', ')}) and runs the app: the compilers and headers ship in the production image, adding size and attack surface.`,
        },
      ];
    }
    return [];
  },
);
