import { DOCS, defineRule, locate, packageCommands } from '../rule';

export default defineRule(
  {
    code: 'apt-no-recommends',
    level: 'info',
    peers: ['DL3015', 'DS-0029'],
    section: 'hygiene',
    docUrl: DOCS.bestPractices,
    title: 'apt-get install without --no-install-recommends',
    fix: 'apt-get install -y --no-install-recommends …',
  },
  (ctx) => {
    const out = [];
    for (const instruction of ctx.parsed.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const bad = packageCommands(instruction).find(
        (c) =>
          c.manager === 'apt' &&
          c.action === 'install' &&
          !c.words.includes('--no-install-recommends') &&
          !c.words.some((w) => w.includes('Install-Recommends')),
      );
      if (bad)
        out.push({
          ...locate(ctx, instruction, 'install'),
          message:
            'apt-get install also pulls in "recommended" packages: often tens of MB of things the app never uses.',
        });
    }
    return out;
  },
);
