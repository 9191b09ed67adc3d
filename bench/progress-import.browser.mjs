// The worst progress imports in a real browser: the longest main-thread task while the progress
// page reads, bounds and merges a file just under the size limit (and the team page reads the
// same files). Target: no main-thread task over 100 ms (issue 16).
// Files just under the import limit (PROGRESS_LIMITS.fileChars in src/sim/training/progress.ts;
// this plain-Node module cannot import TypeScript). A longer file is refused unparsed.
const LIMIT = 192 * 1024 - 1;

/** A valid progress file of `make(k)` entries, as many as fit under the size limit. */
function fileOf(make) {
  const head = '{"format":"flask-deploy-lab/progress","version":1,"exercises":{';
  const parts = [];
  let size = head.length + 20;
  for (let k = 0; ; k += 1) {
    const part = make(k);
    if (size + part.length + 1 > LIMIT) break;
    parts.push(part);
    size += part.length + 1;
  }
  return {
    text: `${head}${parts.join(',')}},"checklist":{},"resume":null}`,
    entries: parts.length,
  };
}

const entry = '{"solved":true,"attempts":3,"hintsUsed":1,"solvedAt":"2026-11-28T10:00:00.000Z"}';
const CASES = [
  ['numeric ids', fileOf((k) => `"${k}":${entry}`)],
  ['word ids', fileOf((k) => `"exercise-${k.toString(36)}":${entry}`)],
  ['bad entries', fileOf((k) => `"x${k}":{"solved":"yes","attempts":-1}`)],
  [
    'deep nesting',
    { text: `${'['.repeat(LIMIT / 2 - 8)}${']'.repeat(LIMIT / 2 - 8)}`, entries: 0 },
  ],
];

/**
 * Hand `files` to the page first (building File objects in the page is not what is measured),
 * then start watching long tasks, choose the files on `input` and wait for `done`.
 */
async function longestTask(page, input, files, done) {
  await page.evaluate((list) => {
    window.__files = list.map(
      ({ name, text }) => new File([text], name, { type: 'application/json' }),
    );
  }, files);
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const task of list.getEntries())
        window.__longest = Math.max(window.__longest, task.duration);
    }).observe({ type: 'longtask' });
  });
  const start = Date.now();
  await input.evaluate((element) => {
    const transfer = new DataTransfer();
    for (const file of window.__files) transfer.items.add(file);
    element.files = transfer.files;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await done.waitFor();
  const wallMs = Date.now() - start;
  // Long tasks are reported after they end; give the observer a frame.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
  );
  return { longest: await page.evaluate(() => window.__longest), wallMs };
}

const shown = (ms) => (ms > 0 ? `${ms.toFixed(0)} ms` : '< 50 ms');

export default async function progressImport({ browser, baseUrl }) {
  console.log('\n━━ progress import (browser) ━━   target: no main-thread task over 100 ms');
  console.log('(long tasks are reported from 50 ms; "< 50 ms" means none reached it)');
  const context = await browser.newContext();
  const page = await context.newPage();
  let worst = 0;
  try {
    for (const [name, file] of CASES) {
      await page.goto(new URL('/progress/', baseUrl).href);
      await page.getByRole('button', { name: 'Export progress (JSON)' }).waitFor();
      const { longest, wallMs } = await longestTask(
        page,
        page.getByLabel('Import progress (JSON file)'),
        [{ name: 'bench.json', text: file.text }],
        page.locator('.pp-status').filter({ hasText: /Imported|Nothing was imported/ }),
      );
      worst = Math.max(worst, longest);
      console.log(
        `progress import, ${name} (${(file.text.length / 1024).toFixed(0)} KB, ${file.entries} entries): longest task ${shown(longest)}, ${wallMs} ms to the message`,
      );
      await page.evaluate(() => localStorage.clear());
    }
    await page.goto(new URL('/team/', baseUrl).href);
    await page.getByLabel('Progress files (JSON)').waitFor();
    const { longest, wallMs } = await longestTask(
      page,
      page.getByLabel('Progress files (JSON)'),
      CASES.map(([name, file], index) => ({
        name: `learner-${index}-${name.replace(/\W+/g, '-')}.json`,
        text: file.text,
      })),
      page.getByText(/of 4 files read/),
    );
    worst = Math.max(worst, longest);
    console.log(
      `team page, the ${CASES.length} files at once: longest task ${shown(longest)}, ${wallMs} ms to the table`,
    );
    console.log(`progress import: worst main-thread task ${shown(worst)} (target ≤ 100 ms)`);
  } finally {
    await context.close();
  }
}
