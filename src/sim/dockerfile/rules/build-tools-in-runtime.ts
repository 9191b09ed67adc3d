import { DOCS, defineRule, finalInstructions, isBuildTool, packageCommands } from '../rule';

/** Compilers and -dev headers left in the final stage (chapter 5: only the venv is copied). */
export default defineRule(
  {
    code: 'build-tools-in-runtime',
    level: 'warning',
    peers: [],
    section: 'multi-stage',
    docUrl: DOCS.multiStage,
    title: 'Build tools in the runtime image',
    fix: 'Install compilers and headers only in the builder stage; in the runtime stage install only runtime libraries (libpq5, not libpq-dev).',
  },
  (ctx) => {
    const runs = finalInstructions(ctx, 'RUN');
    const removed = new Set<string>();
    const virtualRemoved = new Set<string>();
    for (const instruction of runs)
      for (const command of packageCommands(instruction))
        if (command.action === 'remove')
          for (const pkg of command.packages) {
            removed.add(pkg);
            virtualRemoved.add(pkg);
          }
    const out = [];
    for (const instruction of runs)
      for (const command of packageCommands(instruction)) {
        if (command.action !== 'install' || command.manager === 'pip') continue;
        if (command.virtual !== null) {
          if (!virtualRemoved.has(command.virtual))
            out.push({
              line: instruction.line,
              column: instruction.column,
              message: `apk --virtual group "${command.virtual}" is never removed with apk del ${command.virtual}: its build packages stay in the image.`,
            });
          continue;
        }
        const tools = command.packages.filter((pkg) => isBuildTool(pkg) && !removed.has(pkg));
        if (tools.length > 0)
          out.push({
            line: instruction.line,
            column: instruction.column,
            message: `The final image installs ${tools.slice(0, 5).join(', ')}: compilers and headers that the running app does not need, adding size and tools an attacker can use.`,
          });
      }
    return out;
  },
);
