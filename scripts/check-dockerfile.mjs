// `npm run --silent check:dockerfile -- [--format text|json|sarif] [--dockerignore FILE] FILE`
//
// Runs the site's Dockerfile checker (src/sim/dockerfile, TypeScript) from the command line:
// esbuild bundles the engine in memory and it is imported from a data: URL, so the CLI and the
// browser run exactly the same rules. Exit codes: 0 no error-level finding, 1 at least one,
// 2 usage error or unreadable file. JSON output is hadolint's shape:
// [{ file, line, column, level, code, message }]. Suppressed findings are left out of JSON,
// listed as suppressed in text, and carry SARIF `suppressions` in SARIF.
import { build } from 'esbuild';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Links are printed as site paths unless FDL_SITE names the deployed site (as in astro.config.mjs).
const SITE = (process.env.FDL_SITE ?? '').replace(/\/$/, '');

const USAGE = `Usage: npm run --silent check:dockerfile -- [--format text|json|sarif] [--dockerignore FILE] FILE

Checks FILE (a Dockerfile; "-" reads standard input) against the Flask Deploy Lab container
chapter. --dockerignore FILE also checks that .dockerignore.
Exit status: 0 no error-level finding, 1 at least one error, 2 usage error or unreadable file.`;

/** Parses argv; returns { format, dockerignore, file } or { error }. */
export function parseArgs(argv) {
  let format = 'text';
  let dockerignore = null;
  let file = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (name) => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      i += 1;
      return argv[i];
    };
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--format' || arg.startsWith('--format=') || arg === '-f') {
      format = value(arg === '-f' ? '-f' : '--format');
      if (!['text', 'json', 'sarif'].includes(format ?? ''))
        return { error: `--format must be text, json or sarif (got ${format ?? 'nothing'})` };
    } else if (arg === '--dockerignore' || arg.startsWith('--dockerignore=')) {
      dockerignore = value('--dockerignore');
      if (!dockerignore) return { error: '--dockerignore needs a file name' };
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `unknown option ${arg}` };
    } else if (file === null) {
      file = arg;
    } else {
      return { error: `only one Dockerfile at a time (got ${file} and ${arg})` };
    }
  }
  if (file === null) return { error: 'no Dockerfile given' };
  return { format, dockerignore, file };
}

async function loadEngine() {
  const result = await build({
    entryPoints: [path.join(root, 'src/sim/dockerfile/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The engine's limit (MAX_INPUT_CHARS in src/sim/dockerfile/check.ts), in bytes here. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** errno codes → sentences a person can act on. */
export function describeReadError(file, error) {
  const code = error && typeof error === 'object' ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return `${file} does not exist (check the path).`;
    case 'EISDIR':
      return `${file} is a directory; give the Dockerfile inside it, e.g. ${path.join(file, 'Dockerfile')}.`;
    case 'EACCES':
    case 'EPERM':
      return `${file} cannot be read: permission denied.`;
    case 'ENOTDIR':
      return `${file} does not exist: part of the path is a file, not a directory.`;
    default:
      return `${file} cannot be read (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/**
 * Reads at most MAX_INPUT_BYTES + 1 bytes, so a huge file or an endless pipe is refused without
 * being loaded. Returns { bytes } or { error } (a sentence).
 */
export function readInput(file) {
  const shown = file === '-' ? 'standard input' : file;
  let fd;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
    if (file !== '-') {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) return { error: describeReadError(file, { code: 'EISDIR' }) };
      if (stat.size > MAX_INPUT_BYTES) return { error: tooLarge(shown, stat.size) };
    }
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(65536);
      let read;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        if (error.code === 'EAGAIN') continue;
        if (error.code === 'EOF') break;
        throw error;
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_INPUT_BYTES) return { error: tooLarge(shown, null) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { error: describeReadError(shown, error) };
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd);
  }
}

function tooLarge(shown, size) {
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  return `the file is larger than ${MAX_INPUT_BYTES / 1048576} MB${size === null ? '' : ` (${shown} is ${mb(size)})`}, the most the checker reads. A real Dockerfile or .dockerignore is a few KB: check that ${shown} is the right file.`;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need;
    let min;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Bytes → text; invalid UTF-8 becomes U+FFFD and a warning naming the first bad byte. */
export function decodeInput(bytes, shown) {
  const bad = firstInvalidUtf8(bytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  return {
    text,
    warning:
      bad < 0
        ? null
        : `${shown} is not valid UTF-8: the first invalid byte is at offset ${bad} (0x${bytes[bad].toString(16).padStart(2, '0')}). Those bytes were read as U+FFFD (the replacement character), so findings on that line may quote it oddly; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8).`,
  };
}

function fileOf(finding, dockerfile, dockerignore) {
  return finding.file === 'dockerignore' ? (dockerignore ?? '.dockerignore') : dockerfile;
}

export function formatText(findings, dockerfile, dockerignore) {
  if (findings.length === 0) return `${dockerfile}: no findings\n`;
  const lines = [];
  for (const f of findings) {
    const where = `${fileOf(f, dockerfile, dockerignore)}:${f.line}:${f.column}`;
    const peers = f.peers.length > 0 ? ` (also ${f.peers.join(', ')})` : '';
    const suppressed = f.suppressed ? ` [suppressed by ${f.suppressed.by}]` : '';
    lines.push(`${where}: ${f.level} ${f.code}${suppressed}: ${f.message}`);
    lines.push(`    fix: ${f.fix}${peers}`);
    lines.push(`    see: ${SITE}${f.chapterLink} and ${f.docUrl}`);
  }
  const count = (level) => findings.filter((f) => f.level === level && !f.suppressed).length;
  lines.push(
    `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info, ${findings.filter((f) => f.suppressed).length} suppressed`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatJson(findings, dockerfile, dockerignore) {
  const rows = findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      file: fileOf(f, dockerfile, dockerignore),
      line: f.line,
      column: f.column,
      level: f.level,
      code: f.code,
      message: f.message,
    }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function formatSarif(findings, metas, dockerfile, dockerignore) {
  const rules = metas.map((meta) => ({
    id: meta.code,
    name: meta.code,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.fix },
    helpUri: meta.docUrl,
    defaultConfiguration: { level: meta.level === 'info' ? 'note' : meta.level },
    properties: { peers: meta.peers, chapter: `${SITE}/the-container/#${meta.section}` },
  }));
  const index = new Map(metas.map((meta, i) => [meta.code, i]));
  const results = findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) ?? 0,
    level: f.level === 'info' ? 'note' : f.level,
    message: { text: `${f.message} Fix: ${f.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileOf(f, dockerfile, dockerignore).split(path.sep).join('/') },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    ...(f.suppressed
      ? {
          suppressions: [
            { kind: 'inSource', justification: f.suppressed.reason || f.suppressed.by },
          ],
        }
      : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flask-deploy-lab-dockerfile-checker',
            informationUri: `${SITE}/the-container/`,
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.error) {
    process.stderr.write(`check:dockerfile: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  const texts = [];
  for (const file of args.dockerignore === null ? [args.file] : [args.file, args.dockerignore]) {
    const input = readInput(file);
    if (input.error) {
      process.stderr.write(`check:dockerfile: ${input.error}\n`);
      return 2;
    }
    const { text, warning } = decodeInput(input.bytes, file === '-' ? 'standard input' : file);
    if (warning) process.stderr.write(`check:dockerfile: warning: ${warning}\n`);
    texts.push(text);
  }
  const [dockerfileText, ignoreText] = texts;
  const engine = await loadEngine();
  const findings = engine.checkDockerfile(dockerfileText, {
    dockerignore: ignoreText,
    today: new Date().toISOString().slice(0, 10),
  });
  const name = args.file === '-' ? '<stdin>' : args.file;
  const out =
    args.format === 'json'
      ? formatJson(findings, name, args.dockerignore)
      : args.format === 'sarif'
        ? formatSarif(findings, engine.RULE_METAS, name, args.dockerignore)
        : formatText(findings, name, args.dockerignore);
  process.stdout.write(out);
  return engine.passes(findings) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `check:dockerfile: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
