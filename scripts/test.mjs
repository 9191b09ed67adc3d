// `npm test`: every quality gate, in order — typecheck (astro check + tsc), lint, format,
// unit tests, build, link check, then the browser tests on the built site. Each step prints
// its own summary; the last line is the total in the "N passed, N failed" form CI reads.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { assertNode22, bin, root, run } from './lib.mjs';

assertNode22();
const steps = [];
const counts = { passed: 0, failed: 0, skipped: 0 };

async function step(name, command, args, options) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const code = await run(command, args, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  steps.push({ name, ok: code === 0, seconds });
  console.log(`${code === 0 ? '✔' : '✘'} ${name} (${seconds}s)`);
  return code === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  } catch {
    return null;
  }
}

rmSync(path.join(root, 'test-results'), { recursive: true, force: true });
const node = process.execPath;

await step('typecheck: astro check', bin('astro'), ['check', '--minimumSeverity', 'warning']);
await step('typecheck: tsc --noEmit', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
await step('lint: eslint', bin('eslint'), ['--max-warnings', '0', '.']);
await step('format: prettier --check', bin('prettier'), ['--check', '.', '--log-level', 'warn']);

// The nginx deploy example needs the built site, so it runs after the build (below).
const AFTER_BUILD_TESTS = ['scripts/nginx-example.test.mjs'];
const unitOk = await step('unit: vitest', bin('vitest'), [
  'run',
  ...AFTER_BUILD_TESTS.flatMap((file) => ['--exclude', file]),
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
if (unit) {
  counts.passed += unit.numPassedTests;
  counts.failed += unit.numFailedTests;
  counts.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  console.log(
    `unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numPendingTests} skipped`,
  );
} else if (!unitOk) counts.failed += 1;

const built = await step('build: astro build + pagefind + CSP', node, [
  path.join(root, 'scripts', 'build.mjs'),
]);
if (built) {
  const deployOk = await step(
    'deploy example: docs/deploy/nginx.conf in real nginx on dist/',
    bin('vitest'),
    [
      'run',
      ...AFTER_BUILD_TESTS,
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/after-build.json',
    ],
    { env: { FDL_REQUIRE_BUILD: '1' } },
  );
  const afterBuild = readJson('test-results/after-build.json');
  if (afterBuild) {
    counts.passed += afterBuild.numPassedTests;
    counts.failed += afterBuild.numFailedTests;
    counts.skipped += afterBuild.numPendingTests + (afterBuild.numTodoTests ?? 0);
  } else if (!deployOk) counts.failed += 1;
  await step('links: internal links and anchors in dist/', node, [
    path.join(root, 'scripts', 'check-links.mjs'),
  ]);
  const e2eOk = await step('e2e: playwright (Chromium)', node, [
    path.join(root, 'scripts', 'e2e.mjs'),
  ]);
  const e2e = readJson('test-results/e2e.json');
  if (e2e?.stats) {
    const { expected, unexpected, skipped, flaky } = e2e.stats;
    counts.passed += expected + flaky;
    counts.failed += unexpected;
    counts.skipped += skipped;
    console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
  } else if (!e2eOk) counts.failed += 1;
} else {
  console.log('e2e: not run, the build failed');
}

console.log('\n━━ summary ━━');
for (const s of steps) console.log(`${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds}s)`);
const gatesFailed = steps.filter((s) => !s.ok).length;
if (gatesFailed && counts.failed === 0) counts.failed = gatesFailed;
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
