/**
 * The training layer in a real browser: solving an exercise with a hint survives a reload,
 * progress exports and imports as a file, an interview link always gives the same problem and
 * the interviewer's link shows its expected answer, the checklist keeps its ticks, and hostile
 * links or storage contents only ever produce a notice. Axe runs on every view.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, test } from './fixtures';

const CHAPTER = '/reverse-proxies/';

/** Astro removes the island's `ssr` attribute once Preact has hydrated it. */
async function waitForHydration(page: Page, figureId: string): Promise<void> {
  await expect(page.locator(`astro-island:has(#${figureId})`)).not.toHaveAttribute('ssr', /.*/);
}

async function openExercises(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: /^Exercises: / });
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'exercises');
  await expect(figure.getByRole('button', { name: 'Check' })).toBeVisible();
  return figure;
}

async function solveHopCount(page: Page, figure: Locator): Promise<void> {
  await figure.getByRole('button', { name: /How many X-Forwarded-For values/ }).click();
  await figure.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(figure.getByText('Hints used: 1 of 3')).toBeVisible();
  const field = figure.getByRole('spinbutton', { name: 'x_for' });
  await field.fill('3');
  await figure.getByRole('button', { name: 'Check' }).click();
  await expect(figure.getByRole('status').filter({ hasText: 'Not yet.' })).toBeVisible();
  await field.fill('2');
  await page.keyboard.press('Enter');
  await expect(figure.getByRole('status').filter({ hasText: 'Correct.' })).toBeVisible();
  await expect(figure.getByText('Why', { exact: true })).toBeVisible();
}

test('solve an exercise with one hint; after a reload it is still solved', async ({ page }) => {
  const figure = await openExercises(page);
  await solveHopCount(page, figure);
  // "Show solution" sits beside the learner's answer and leaves it alone.
  await figure.getByRole('button', { name: 'Show solution' }).click();
  await expect(figure.getByRole('region', { name: 'Solution' })).toContainText('Your answer');
  await expect(figure.getByRole('spinbutton', { name: 'x_for' })).toHaveValue('2');

  await page.reload();
  const again = page.getByRole('figure', { name: /^Exercises: / });
  await again.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'exercises');
  await expect(again.getByText(/Solved 1 of \d+ in this chapter/)).toBeVisible();
  await expect(
    again.getByRole('button', { name: /How many X-Forwarded-For values.*solved/ }),
  ).toBeVisible();

  await page.goto('/progress/');
  const row = page.getByRole('row', { name: /How many X-Forwarded-For values/ });
  await expect(row).toContainText('✓ solved');
  await expect(row).toContainText('1 of 3');
  await checkA11y(page);
});

test('sidebar marks and the home page resume link follow progress', async ({ page }) => {
  const figure = await openExercises(page);
  await solveHopCount(page, figure);
  await page.reload();
  await expect(
    page.locator(`.sidebar .progress-mark[data-progress-chapter="${CHAPTER}"]`),
  ).toHaveAttribute('data-progress-state', 'partial');
  await page.goto('/');
  await expect(page.locator('a[data-resume-link]')).toHaveAttribute('href', /^\/reverse-proxies\//);
});

test('export progress as a file, reset, import it back', async ({ page }) => {
  const figure = await openExercises(page);
  await solveHopCount(page, figure);
  await page.goto('/progress/');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress (JSON)' }).click();
  const download = await downloadPromise;
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'flask-deploy-lab/progress', version: 1 });

  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Yes, reset' }).click();
  await expect(page.getByRole('status')).toContainText('Progress reset.');
  await expect(page.getByText(/^0 of \d+ exercises solved/)).toBeVisible();

  await page.getByLabel('Import progress (JSON file)').setInputFiles({
    name: 'progress.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByRole('status')).toContainText('Imported: 1 solved exercise');
  await expect(page.getByRole('row', { name: /How many X-Forwarded-For values/ })).toContainText(
    '✓ solved',
  );

  // A foreign file changes nothing and says so.
  await page.getByLabel('Import progress (JSON file)').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"theme":"dark"}'),
  });
  await expect(page.getByRole('status')).toContainText('Nothing was imported');
  await expect(page.getByRole('row', { name: /How many X-Forwarded-For values/ })).toContainText(
    '✓ solved',
  );
});

test('an interview link gives the same problem every time; the interviewer sees its answer', async ({
  page,
  context,
}) => {
  await page.goto('/interview/');
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
  await page.getByRole('button', { name: /^30 minutes/ }).click();
  // A fresh key is drawn on load; a typed key gives reproducible links.
  await expect(page.getByLabel(/^Interviewer key/)).toHaveValue(/^[A-Za-z0-9_-]{22}$/);
  await page.getByLabel(/^Interviewer key/).fill('e2e-interview-key-0001');
  const candidateUrl = await page.getByLabel('Candidate link').inputValue();
  const interviewerUrl = await page.getByLabel(/^Interviewer link/).inputValue();
  const seed = new URL(candidateUrl).searchParams.get('seed') ?? '';
  expect(seed).toMatch(/^\d+$/);
  expect(candidateUrl).not.toContain('key=');
  expect(interviewerUrl).toContain('key=e2e-interview-key-0001');
  await checkA11y(page);

  async function chainSeenBy(target: Page): Promise<string[]> {
    await target.goto(candidateUrl);
    await expect(target.getByText('Honour system.')).toBeVisible();
    await target.getByRole('button', { name: 'Start the interview' }).click();
    await expect(target.getByRole('button', { name: 'Check' })).toBeVisible();
    // Hints and solutions are not offered to the candidate.
    await expect(target.getByRole('button', { name: /Show hint|Show solution/ })).toHaveCount(0);
    return target
      .getByRole('list', { name: 'The request’s path' })
      .getByRole('listitem')
      .allTextContents();
  }

  const first = await chainSeenBy(page);
  const second = await chainSeenBy(await context.newPage());
  expect(second).toEqual(first);
  const hops = first.length - 2; // the client and Gunicorn are not proxies

  // The candidate's attempts land in the log.
  await page.getByRole('spinbutton', { name: 'x_for' }).fill(String(hops));
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Correct.' })).toBeVisible();
  await page.getByRole('button', { name: 'Show as Markdown' }).click();
  await expect(page.getByLabel(/Log as Markdown/)).toHaveValue(
    new RegExp(`# Interview log \\(seed ${seed}\\)[\\s\\S]*\\| yes \\|`),
  );
  await checkA11y(page);

  const notes = await context.newPage();
  await notes.goto(interviewerUrl);
  const card = notes.locator('article[data-exercise-id="proxy-count-cloudfront-alb"]');
  await expect(card.locator('[data-expected-answer]')).toHaveText(String(hops));
  await expect(card.getByText('Strong', { exact: true })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Follow-up questions' })).toBeVisible();
  await checkA11y(notes);

  // The candidate's link with one word changed opens no answers.
  const edited = await context.newPage();
  await edited.goto(candidateUrl.replace('/interview/candidate/', '/interview/interviewer/'));
  await expect(edited.getByRole('alert')).toContainText('not an interviewer key');
  await expect(edited.locator('[data-expected-answer]')).toHaveCount(0);

  // Another seed gives an equivalent exercise set with (at least somewhere) different values.
  const other = await context.newPage();
  await other.goto(
    interviewerUrl.replace('key=e2e-interview-key-0001', 'key=e2e-interview-key-0002'),
  );
  const answersA = await notes.locator('[data-expected-answer]').allTextContents();
  // The interviewer view renders after its island mounts: wait for it, not for "load".
  await expect(other.locator('[data-expected-answer]')).toHaveCount(answersA.length);
  const answersB = await other.locator('[data-expected-answer]').allTextContents();
  expect(answersB).not.toEqual(answersA);
});

test('the checklist keeps its ticks and exports them as Markdown', async ({ page }) => {
  // Published anchors (groups and items) are in the served HTML, before any script runs.
  const html = await (await page.request.get('/production-checklist/')).text();
  for (const anchor of ['server', 'stopping-and-deploying', 'check-pid1'])
    expect(html).toContain(`id="${anchor}"`);
  await page.goto('/production-checklist/');
  const figure = page.getByRole('figure', { name: 'Production checklist' });
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'checklist');
  const box = figure.getByRole('checkbox', { name: /Gunicorn is PID 1/ });
  await box.check();
  await expect(figure.getByText(/^1 of \d+ items checked/)).toBeVisible();
  await page.reload();
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'checklist');
  await expect(figure.getByRole('checkbox', { name: /Gunicorn is PID 1/ })).toBeChecked();
  await expect(
    figure.getByRole('link', { name: /Section: PID 1 must be Gunicorn/ }),
  ).toHaveAttribute('href', '/graceful-shutdown/#pid-1-must-be-gunicorn');
  await figure.getByRole('button', { name: 'Export as Markdown' }).click();
  await expect(figure.getByLabel(/^Markdown/)).toHaveValue(/- \[x\] Gunicorn is PID 1/);
  await checkA11y(page, { include: '#checklist' });
});

test('hostile query strings and storage contents give notices, never a broken page', async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('fdl-seeded') === null) {
      localStorage.setItem(
        'fdl-progress',
        '{"format":"flask-deploy-lab/progress","version":1,"exercises":{"<img src=x onerror=alert(1)>":{"solved":true,"attempts":1,"hintsUsed":0}},"resume":{"href":"javascript:alert(1)","title":"x","at":"2026-01-01T00:00:00.000Z"}}',
      );
      sessionStorage.setItem('fdl-seeded', '1');
    }
  });
  await page.goto('/progress/');
  await expect(page.getByRole('alert')).toContainText('not understood and were ignored');
  await expect(page.getByText('Nothing to resume yet')).toBeVisible();

  await page.evaluate(() => {
    localStorage.setItem('fdl-progress', '\u0000\u0001 not json at all');
  });
  const figure = await openExercises(page, `${CHAPTER}?exercises=%E2%80%AE%3Cscript%3E`);
  await expect(figure.getByRole('status').first()).toContainText(
    /ignored|not one this widget understands/,
  );
  // The widget still works after the notices.
  await solveHopCount(page, figure);

  for (const url of [
    '/interview/candidate/?seed=%3Cscript%3Ealert(1)%3C/script%3E&ex=proxy-count-cloudfront-alb',
    '/interview/interviewer/?seed=12&ex=%3Cimg%20src=x%20onerror=alert(1)%3E',
    `/interview/candidate/?seed=99999999999999999999&ex=${'a,'.repeat(3000)}`,
  ]) {
    await page.goto(url);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await checkA11y(page);
});

test('the exercises widget is axe-clean with a hint and the solution open', async ({ page }) => {
  const figure = await openExercises(page, '/the-container/');
  await figure.getByRole('button', { name: /Make this Dockerfile pass/ }).click();
  await figure.getByRole('button', { name: /Show hint 1 of/ }).click();
  await figure.getByRole('button', { name: 'Check' }).click();
  await expect(figure.getByRole('status').filter({ hasText: 'Not yet.' })).toBeVisible();
  await figure.getByRole('button', { name: 'Show solution' }).click();
  await expect(figure.getByRole('list', { name: 'Differences, line by line' })).toBeVisible();
  await checkA11y(page, { include: '#exercises' });
});
