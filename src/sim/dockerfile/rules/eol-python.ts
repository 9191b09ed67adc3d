import { DOCS, defineRule } from '../rule';
import { isOfficialPython, pythonMinor, type ImageRef } from '../model';
import { ALPINE_EOL, DEBIAN_EOL, PYTHON_EOL, UBUNTU_EOL, hasEnded, showEol } from '../eol-data';
import type { RawFinding } from '../types';

/**
 * An end-of-life Python, or a base distribution past its vendor's end of support, gets no
 * security fixes. Dates and their sources: ../eol-data.ts. Read from the tag: `python:3.9-slim`,
 * `python:3.12-slim-buster`, `python:alpine3.11`, `python:3.8-alpine3.12`, `debian:buster`,
 * `debian:10-slim`, `ubuntu:18.04`, `ubuntu:bionic`, `alpine:3.11`.
 */
function python(minor: string, today: string): string | null {
  const [major, rest] = minor.split('.');
  const eol = PYTHON_EOL[minor];
  if (eol !== undefined)
    return hasEnded(eol, today)
      ? `Python ${minor} is end-of-life (security support ended ${showEol(eol)}): no security fixes any more`
      : null;
  // Older than the table: 2.x and 3.0–3.4.
  if (Number(major) < 3 || (Number(major) === 3 && Number(rest) < 5))
    return `Python ${minor} is end-of-life: no security fixes for years`;
  return null;
}

function alpine(version: string, today: string): string | null {
  const eol = ALPINE_EOL[version];
  return eol !== undefined && hasEnded(eol, today)
    ? `Alpine ${version} is end-of-life (its support ended ${showEol(eol)}): its packages no longer get security updates`
    : null;
}

function debian(name: string, today: string): string | null {
  const entry = DEBIAN_EOL[name];
  return entry && hasEnded(entry.eol, today)
    ? `Debian ${entry.version} (${name}) is end-of-life (Debian LTS ended ${showEol(entry.eol)}): its packages no longer get security updates`
    : null;
}

const DEBIAN_BY_VERSION = new Map(
  Object.entries(DEBIAN_EOL).map(([name, entry]) => [entry.version, name]),
);
const UBUNTU_BY_CODENAME = new Map(
  Object.entries(UBUNTU_EOL).map(([version, entry]) => [entry.codename, version]),
);

/** Why the image's base is end-of-life, or null. */
export function eolReason(ref: ImageRef, today: string): string | null {
  const tag = ref.tag ?? '';
  const repo = ref.repo.replace(/^(docker\.io\/|index\.docker\.io\/)?(library\/)?/, '');
  if (isOfficialPython(ref)) {
    const minor = pythonMinor(ref);
    const byPython = minor ? python(minor, today) : null;
    if (byPython) return byPython;
    const alpineTag = /(?:^|-)alpine(\d+\.\d+)/.exec(tag);
    if (alpineTag) return alpine(alpineTag[1]!, today);
    for (const name of Object.keys(DEBIAN_EOL))
      if (tag.split('-').includes(name)) return debian(name, today);
    return null;
  }
  if (repo === 'alpine') {
    const version = /^(\d+\.\d+)/.exec(tag);
    return version ? alpine(version[1]!, today) : null;
  }
  if (repo === 'debian') {
    const first = tag.split('-')[0] ?? '';
    const name = DEBIAN_EOL[first] ? first : DEBIAN_BY_VERSION.get(first.split('.')[0] ?? '');
    return name ? debian(name, today) : null;
  }
  if (repo === 'ubuntu') {
    const first = tag.split('-')[0] ?? '';
    const version = UBUNTU_EOL[first] ? first : UBUNTU_BY_CODENAME.get(first);
    const entry = version ? UBUNTU_EOL[version] : undefined;
    return version && entry && hasEnded(entry.eol, today)
      ? `Ubuntu ${version} (${entry.codename}) is past its end of standard support (${showEol(entry.eol)}): without a paid Ubuntu Pro subscription its packages no longer get security updates`
      : null;
  }
  return null;
}

export default defineRule(
  {
    code: 'eol-python',
    level: 'warning',
    peers: [],
    section: 'base-image',
    docUrl: DOCS.pythonEol,
    title: 'End-of-life Python or base distribution',
    fix: 'Move to a supported Python (3.12 or later) on Debian bookworm: python:3.12-slim-bookworm.',
  },
  (ctx) => {
    const out: RawFinding[] = [];
    for (const stage of ctx.model.stages) {
      if (stage.parent) continue;
      const reason = eolReason(stage.ref, ctx.today);
      if (!reason) continue;
      const shown = stage.image.length > 80 ? `${stage.image.slice(0, 80)}…` : stage.image;
      out.push({
        line: stage.from.line,
        column: stage.from.argsColumn,
        message: `${reason} (${shown}).`,
      });
    }
    return out;
  },
);
