import { DOCS, defineRule, packageCommands } from '../rule';
import type { RawFinding } from '../types';

/**
 * hadolint DL3008 (apt-get), DL3013 (pip) and DL3018 (apk): a package named without a version
 * installs whatever the index holds on the day of the build, so two builds of the same file can
 * differ. Advice only (level info): Debian's archive keeps the current version of a package only,
 * so an exact apt pin fails the build once a security update replaces it; a wildcard such as
 * `libpq5=15.*` or a pip constraints file keeps builds repeatable without that.
 * Pip: a requirements file (`-r`) is not opened here; local paths, URLs and wheels are not names.
 */
const PIP_VERSIONED = /(===?|~=|>=|<=|!=|<|>|@)/;

function unpinned(manager: string, pkg: string): boolean {
  if (pkg === '' || pkg.startsWith('$')) return false;
  if (manager === 'pip') {
    if (/^(\.|\/|~|[a-z+]+:\/\/|git\+)/i.test(pkg) || /\.(whl|tar\.gz|zip|txt)$/i.test(pkg))
      return false;
    if (pkg === 'pip' || pkg === 'setuptools' || pkg === 'wheel') return false;
    return !PIP_VERSIONED.test(pkg);
  }
  if (manager === 'apt') return !pkg.includes('=') && !pkg.endsWith('.deb') && !pkg.startsWith('/');
  if (manager === 'apk') return !/[=~<>]/.test(pkg);
  return false;
}

export default defineRule(
  {
    code: 'unpinned-packages',
    level: 'info',
    peers: ['DL3008', 'DL3013', 'DL3018'],
    section: 'hygiene',
    docUrl: `${DOCS.bestPractices}#apt-get`,
    title: 'Packages installed without a version',
    fix: 'Pin versions: pip install flask==3.1.* (or a requirements/constraints file), apt-get install libpq5=15.*, apk add libpq=~16.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const instruction of ctx.parsed.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const names: string[] = [];
      for (const command of packageCommands(instruction)) {
        if (command.action !== 'install' || command.manager === 'yum') continue;
        for (const pkg of command.packages)
          if (unpinned(command.manager, pkg) && !names.includes(pkg)) names.push(pkg);
      }
      if (names.length === 0) continue;
      const shown = names
        .slice(0, 5)
        .map((name) => (name.length > 40 ? `${name.slice(0, 40)}…` : name))
        .join(', ');
      out.push({
        line: instruction.line,
        column: instruction.column,
        message: `${shown}${names.length > 5 ? ` and ${names.length - 5} more` : ''} ${names.length === 1 ? 'is' : 'are'} installed without a version: each build takes whatever the index holds that day, so two builds of this file can ship different code.`,
      });
    }
    return out;
  },
);
