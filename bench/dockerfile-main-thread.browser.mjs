// The Dockerfile checker's worst inputs, measured in headless Chromium on the built site: the
// longest main-thread task (PerformanceObserver 'longtask', which reports tasks over 50 ms) from
// the moment the input arrives until the findings are on screen. Target: no task over 100 ms for
// any input ≤ 1 MB (issue 16; before the Web Worker: 7.6 s for 1 MB of binary junk, 662 ms for
// 1 MB of realistic text, 1.4 s for an 11 KB link that expands to 2 MB).
// Also used by e2e/dockerfile-checker.spec.ts for the inputs (one definition of "worst").

/** 1 MB of bytes from a fixed linear congruential sequence, as Latin-1 characters (NUL included). */
export function binaryJunk(bytes = 1024 * 1024) {
  let seed = 20261206;
  const codes = new Array(bytes);
  for (let k = 0; k < bytes; k += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    codes[k] = (seed >> 16) & 0xff;
  }
  let text = '';
  for (let k = 0; k < bytes; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return text;
}

/** About 1 MB of Dockerfile lines a rule fires on (RUN installs and ENV lines). */
export function realisticText(bytes = 1024 * 1024) {
  const lines = ['FROM python:3.12-slim'];
  let size = 0;
  for (let k = 0; size < bytes; k += 1) {
    const line =
      k % 3 === 0
        ? `RUN apt-get install -y pkg${k} && pip install lib${k}`
        : `ENV VAR_${k}=value-${k}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** A Dockerfile that deflates well: about 1.9 MB of text in a link of about 11 KB. */
export function sharedText() {
  return `FROM python:3.12-slim\n${'RUN pip install flask gunicorn && echo ok\n'.repeat(46_000)}`;
}

const WIDGET = '#dockerfile-checker';

/** Records every long task of the page from its first script on, in window.__longTasks. */
async function observeLongTasks(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

async function openChecker(page, url) {
  await observeLongTasks(page);
  await page.goto(url);
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await page.locator(`astro-island:has(${WIDGET}):not([ssr])`).waitFor();
}

/** Waits until the check of the current text is on screen (no progress bar, verdict present). */
async function settled(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('.dfc-progress') === null &&
      /findings|passes/.test(document.querySelector('.dfc-verdict')?.textContent ?? ''),
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(300);
}

async function longest(page) {
  const tasks = await page.evaluate(() => window.__longTasks);
  return { max: tasks.length ? Math.max(...tasks) : 0, count: tasks.length };
}

/**
 * Pastes the text `make()` returns into the Dockerfile editor: a paste event carrying it, as
 * Ctrl+V would fire. The text is built inside the page first, in a task of its own, so the
 * figure is the widget's, not the cost of sending 1 MB through the automation protocol.
 */
export async function paste(page, make) {
  const clear = page.getByRole('button', { name: 'Clear the Dockerfile' });
  if (await clear.count()) {
    await clear.click();
    await settled(page);
  }
  await page.evaluate(`window.__input = (${make.toString()})()`);
  await page.waitForTimeout(300);
  await page.evaluate(() => {
    window.__longTasks = [];
  });
  await page.locator(`${WIDGET}-dockerfile`).evaluate((area) => {
    area.focus();
    area.select();
    const data = new DataTransfer();
    data.setData('text/plain', window.__input);
    area.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  // The widget waits for typing to pause; then the worker runs.
  await page.waitForTimeout(800);
  await settled(page);
  return longest(page);
}

export async function encodeLink(page, baseUrl, text) {
  const payload = await page.evaluate(async (dockerfile) => {
    const json = new TextEncoder().encode(JSON.stringify({ d: dockerfile, i: null }));
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `v1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }, text);
  return `${baseUrl}/the-container/#dockerfile-checker~${payload}`;
}

const row = (label, { max, count }) =>
  `${label.padEnd(44)} longest main-thread task ${max ? `${max.toFixed(0)} ms` : 'none over 50 ms'}${count > 1 ? ` (${count} tasks over 50 ms)` : ''}  (target ≤ 100 ms)`;

export default async function ({ browser, baseUrl: given }) {
  const baseUrl = given.replace(/\/$/, '');
  console.log('\n━━ Dockerfile checker: main-thread blocking on the worst inputs ━━');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await openChecker(page, `${baseUrl}/the-container/`);
    console.log(row('paste 1 MB of binary junk', await paste(page, binaryJunk)));
    console.log(row('paste 1 MB of realistic Dockerfile text', await paste(page, realisticText)));
    const text = sharedText();
    const link = await encodeLink(page, baseUrl, text);
    const linkPage = await context.newPage();
    await observeLongTasks(linkPage);
    await linkPage.goto(link);
    // The text is too large for the textarea: the editor says so once the link is restored.
    await linkPage.getByText(/too large to edit here without freezing the page/).waitFor({
      timeout: 60_000,
    });
    await settled(linkPage);
    const size = `${(link.length / 1024).toFixed(0)} KB link → ${(text.length / 1048576).toFixed(1)} MB`;
    console.log(row(`open a share link (${size})`, await longest(linkPage)));
  } finally {
    await context.close();
  }
}
