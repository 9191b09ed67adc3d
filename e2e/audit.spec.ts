/**
 * The deployment audit page: drop a sample bundle (a folder, through the folder picker), read
 * the findings, open each simulator from the report and find the report's values there; a
 * shared report link reruns the audit; the keyboard path; axe in both themes.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { CapacitySettings } from '../src/sim/capacity/capacity';
import type { ChainScenario } from '../src/sim/proxy/hops';
import type { ShutdownScenario } from '../src/sim/shutdown/scenario';
import { checkA11y, expect, setTheme, test } from './fixtures';

const SAMPLES = path.resolve('src/training/audit-samples');
const TITLE = 'Audit your deployment files';

async function openAudit(page: Page, url = '/audit/'): Promise<Locator> {
  await page.goto(url);
  const figure = page.getByRole('figure', { name: TITLE });
  await expect(page.locator('astro-island:has(#audit)')).not.toHaveAttribute('ssr');
  return figure;
}

/** The widget state a simulator link carries, decoded as url-state.ts encodes it. */
function stateOf(href: string): unknown {
  const url = new URL(href, 'http://127.0.0.1');
  const id = url.hash.slice(1);
  const raw = url.searchParams.get(id) ?? '';
  return JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
}

async function auditedReport(figure: Locator): Promise<Locator> {
  await expect(
    figure.getByRole('status').filter({ hasText: /Audited \d+ files?\b/ }),
  ).toBeVisible();
  return figure.locator('.audit-report');
}

test('drop the ECS sample folder: findings name files and lines, cross-file findings name every file', async ({
  page,
}) => {
  const figure = await openAudit(page);
  await figure.getByTestId('audit-folder').setInputFiles(path.join(SAMPLES, 'ecs-fargate-alb'));
  const report = await auditedReport(figure);
  const errors = report.getByRole('region', { name: /^Errors/ });
  await expect(errors).toBeVisible();
  // Each finding names its file and line; at least one names a second file.
  const first = errors.locator('.audit-finding').first();
  await expect(first.locator('.audit-where')).toContainText(/ecs-fargate-alb\/\S+:\d+/);
  await expect(report.locator('.audit-where:has-text(" with ")').first()).toBeVisible();
  await expect(report.locator('.audit-sources a').first()).toHaveAttribute('href', /^https:\/\//);
  await expect(figure.locator('.widget-verdict')).toContainText(/[1-9]\d* errors?/);
  // The drain model's summary line.
  await expect(report.locator('.audit-drain')).toContainText(/\d+ complete/);
});

test('open each simulator from the report and find the same values there', async ({ page }) => {
  const figure = await openAudit(page);
  await figure.getByRole('button', { name: 'ECS Fargate + ALB' }).click();
  const report = await auditedReport(figure);
  const links = report.locator('.audit-links a');
  await expect(links).toHaveCount(4);
  const hrefs = await links.evaluateAll((anchors) =>
    anchors.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''),
  );
  for (const href of hrefs) {
    const state = stateOf(href);
    await page.goto(href);
    const id = new URL(href, 'http://127.0.0.1').hash.slice(1);
    const widget = page.locator(`#${id}`);
    await expect(page.locator(`astro-island:has(#${id})`)).not.toHaveAttribute('ssr');
    // The widget took the link's state: no "ignored" notice, and the values are in its fields.
    await expect(widget.locator('.widget-notice')).not.toContainText(/ignored|not one this widget/);
    if (id.startsWith('proxy-hops')) {
      const { proxyFix } = state as ChainScenario;
      await expect(widget.getByLabel('x_for', { exact: true })).toHaveValue(String(proxyFix.x_for));
      await expect(widget.getByLabel('x_proto', { exact: true })).toHaveValue(
        String(proxyFix.x_proto),
      );
    } else if (id.startsWith('capacity')) {
      const settings = state as CapacitySettings;
      for (const key of ['workers', 'threads', 'poolSize', 'maxOverflow', 'tasks'] as const)
        await expect(widget.locator(`#${id}-${key}`)).toHaveValue(String(settings[key]));
    } else {
      const { scenario } = state as { scenario: ShutdownScenario };
      await expect(widget.locator('[id$="-graceful"]')).toHaveValue(
        String(scenario.gunicorn.gracefulTimeoutSeconds),
      );
      await expect(widget.locator('[id$="-stoptimeout"]')).toHaveValue(
        String(scenario.ecs.stopTimeoutSeconds),
      );
    }
    // The simulator view is itself a runbook link: the state stays in its URL.
    expect(new URL(page.url()).searchParams.get(id)).not.toBeNull();
  }
});

test('a shared report link reruns the same audit', async ({ page }) => {
  const figure = await openAudit(page);
  await figure.getByRole('button', { name: 'docker compose + nginx' }).click();
  await auditedReport(figure);
  const verdict = await figure.locator('.widget-verdict').innerText();
  // In the hash, which browsers never send to a server: deployment files can hold secrets.
  await expect(page).toHaveURL(/#audit=/);
  const shared = page.url();
  expect(shared.length).toBeLessThan(8000);
  await page.goto('about:blank');
  const again = await openAudit(page, shared);
  await auditedReport(again);
  await expect(again.locator('.widget-verdict')).toHaveText(verdict);
  await expect(again.getByRole('button', { name: 'docker compose + nginx' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('pasted files travel in the link too, compressed', async ({ page }) => {
  const figure = await openAudit(page);
  await figure.getByText('Paste instead').click();
  await figure
    .getByLabel('compose.yaml', { exact: true })
    .fill('services:\n  web:\n    command: gunicorn --graceful-timeout 30 app:app\n');
  const report = await auditedReport(figure);
  await expect(report.getByRole('region', { name: /^Errors/ })).toContainText(
    'pasted/compose.yaml',
  );
  await expect(page).toHaveURL(/#audit=z/);
  const shared = page.url();
  await page.goto('about:blank');
  const again = await openAudit(page, shared);
  await expect((await auditedReport(again)).getByRole('region', { name: /^Errors/ })).toContainText(
    'pasted/compose.yaml',
  );
});

test('a binary file gets a notice and the other files are still audited', async ({ page }) => {
  const figure = await openAudit(page);
  await figure.getByTestId('audit-files').setInputFiles([
    {
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    },
    {
      name: 'Dockerfile',
      mimeType: 'text/plain',
      buffer: Buffer.from('FROM python:3.12-slim\nCMD gunicorn app:app\n'),
    },
  ]);
  const report = await auditedReport(figure);
  await expect(report.locator('.audit-files')).toContainText(/logo\.png.*not audited/);
  await expect(report.getByRole('region', { name: /^Errors/ })).toContainText('Dockerfile:2');
});

test('keyboard: load a sample, reach the report and open a simulator without a mouse', async ({
  page,
}) => {
  const figure = await openAudit(page);
  const sample = figure.getByRole('button', { name: 'Kubernetes + nginx ingress' });
  await sample.focus();
  await page.keyboard.press('Enter');
  const report = await auditedReport(figure);
  await expect(sample).toHaveAttribute('aria-pressed', 'true');
  const link = report.locator('.audit-links a').first();
  // Tab from the sample buttons until the first simulator link has focus.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await link.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(link).toBeFocused();
  const href = (await link.getAttribute('href')) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(href.split('?')[0]!.replace(/\//g, '\\/')));
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe: the page with a report is clean in the ${theme} theme`, async ({ page }) => {
    await openAudit(page);
    await setTheme(page, theme);
    const figure = page.getByRole('figure', { name: TITLE });
    await expect(page.locator('astro-island:has(#audit)')).not.toHaveAttribute('ssr');
    await figure.getByRole('button', { name: 'ECS Fargate + ALB' }).click();
    await auditedReport(figure);
    await figure.locator('.audit-paste summary').click();
    await checkA11y(page);
  });
}
