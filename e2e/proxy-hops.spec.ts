/**
 * The proxy-hop visualizer in the reverse-proxies chapter: a reader builds CloudFront → ALB
 * with a spoofing client by keyboard alone, sees x_for=2 recommended and, once applied, the
 * real client as remote_addr; the page URL reproduces the scenario after a reload; the
 * widget is axe-clean.
 */
import type { Locator, Page } from '@playwright/test';
import { checkA11y, expect, setTheme, test } from './fixtures';

const CHAPTER = '/reverse-proxies/';
const FIGURE = 'figure#proxy-hops-alb';

async function openWidget(page: Page, url = CHAPTER): Promise<Locator> {
  await page.goto(url);
  const figure = page.locator(FIGURE);
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, FIGURE);
  await expect(figure.getByRole('button', { name: 'Add hop' })).toBeVisible();
  return figure;
}

/** Astro removes the island's `ssr` attribute once the component has hydrated. */
async function waitForHydration(page: Page, figure: string): Promise<void> {
  await expect(page.locator(`astro-island:has(${figure})`)).not.toHaveAttribute('ssr', /.*/);
}

async function press(page: Page, target: Locator, key: string): Promise<void> {
  await target.focus();
  await expect(target).toBeFocused();
  await page.keyboard.press(key);
}

test('build CloudFront → ALB with a spoofing client by keyboard, apply x_for=2, reload the link', async ({
  page,
}) => {
  const figure = await openWidget(page);
  const remoteAddr = figure.locator('.ph-remote-addr');
  await expect(remoteAddr).toHaveText('203.0.113.7');

  // Add a CloudFront hop (it lands next to the app), then move it in front of the ALB.
  const kind = figure.getByRole('combobox', { name: 'Proxy to add' });
  await kind.focus();
  await page.keyboard.press('Home');
  await expect(kind).toHaveValue('nginx');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(kind).toHaveValue('cloudfront');
  await press(page, figure.getByRole('button', { name: 'Add hop' }), 'Enter');
  const moveUp = figure.getByRole('button', { name: 'Move CloudFront (hop 2) up' });
  await press(page, moveUp, 'Enter');
  // Focus follows the moved hop.
  await expect(figure.getByRole('button', { name: 'Move CloudFront (hop 1) down' })).toBeFocused();
  await expect(figure.locator('.ph-hop-title').first()).toContainText('CloudFront');
  await expect(figure.locator('.ph-hop-title').nth(1)).toContainText('ALB');

  // The client forges headers.
  await press(page, figure.getByRole('radio', { name: 'Attacker forging headers' }), 'Space');
  await expect(figure.getByRole('radio', { name: 'Attacker forging headers' })).toBeChecked();

  // x_for=1 gives the CloudFront edge; the advice says x_for=2.
  await expect(remoteAddr).toHaveText('198.51.100.20');
  await expect(figure.locator('.ph-verdict')).toContainText('Leaks a proxy address');
  await expect(figure.locator('.ph-advice').first()).toContainText('x_for=2');
  await press(page, figure.getByRole('button', { name: 'Apply recommended settings' }), 'Enter');
  await expect(figure.getByRole('spinbutton', { name: 'x_for' })).toHaveValue('2');
  await expect(remoteAddr).toHaveText('203.0.113.7');
  // CloudFront still sends its origin name as Host: not correct until that hop is changed.
  await expect(figure.locator('.ph-verdict')).toContainText('Wrong host');
  await press(page, figure.getByRole('button', { name: 'Change CloudFront to fix this' }), 'Enter');
  await expect(figure.locator('.ph-verdict')).toContainText('Correct');
  await expect(figure.locator('.ph-line code')).toHaveText(
    'app.wsgi_app = ProxyFix(app.wsgi_app, x_for=2, x_proto=1, x_host=0, x_port=0, x_prefix=0)',
  );
  // The forged entry is on screen, labelled untrusted.
  await expect(figure.locator('.ph-untrusted').first()).toContainText('untrusted');

  // The state is in the URL; a reload of that link gives the same scenario.
  await expect.poll(() => new URL(page.url()).searchParams.has('proxy-hops-alb')).toBe(true);
  const shared = page.url();
  const again = await openWidget(page, shared);
  await expect(again.locator('.ph-hop-title').first()).toContainText('CloudFront');
  await expect(again.getByRole('radio', { name: 'Attacker forging headers' })).toBeChecked();
  await expect(again.getByRole('spinbutton', { name: 'x_for' })).toHaveValue('2');
  await expect(again.locator('.ph-remote-addr')).toHaveText('203.0.113.7');

  // The paste panel loads when opened, by keyboard too.
  await press(page, again.locator('details.ph-paste > summary'), 'Enter');
  await expect(again.getByLabel('Raw request, header lines, JSON or environ dump')).toBeVisible();

  await checkA11y(page, { include: FIGURE });
  await setTheme(page, 'dark');
  await waitForHydration(page, FIGURE);
  await expect(page.locator(FIGURE).locator('.ph-remote-addr')).toHaveText('203.0.113.7');
  await checkA11y(page, { include: FIGURE });
});

test('a malformed scenario link falls back to the preset with a notice', async ({ page }) => {
  const figure = await openWidget(page, `${CHAPTER}?proxy-hops-alb=not-a-scenario#proxy-hops-alb`);
  await expect(figure.locator('.widget-notice')).not.toBeEmpty();
  await expect(figure.locator('.ph-hop-title').first()).toContainText('ALB');
  await expect(figure.locator('.ph-remote-addr')).toHaveText('203.0.113.7');
});

test('the TRUSTED_HOSTS mini-widget answers by keyboard and is axe-clean', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = page.locator('figure#trusted-hosts');
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'figure#trusted-hosts');
  const tryPort = figure.getByRole('button', { name: /Try app.example.com:8443/ });
  await expect(tryPort).toBeVisible();
  await expect(figure.locator('.th-result')).toContainText('400');
  await press(page, tryPort, 'Enter');
  await expect(figure.locator('.th-result')).toContainText('200');
  await checkA11y(page, { include: 'figure#trusted-hosts' });
});

test('an international TRUSTED_HOSTS entry loads the IDNA tables on demand and explains ß', async ({
  page,
}) => {
  const tables: string[] = [];
  page.on('request', (request) => {
    if (/nameprep/.test(request.url())) tables.push(request.url());
  });
  await page.goto(CHAPTER);
  const figure = page.locator('figure#trusted-hosts');
  await figure.scrollIntoViewIfNeeded();
  await waitForHydration(page, 'figure#trusted-hosts');
  await expect(figure.locator('.th-result')).toContainText('400');
  // ASCII host names: the tables are not fetched.
  expect(tables).toEqual([]);

  // What Chromium sends for http://straße.de/, against the entry a reader would write.
  await figure.getByLabel('Host header the request arrives with').fill('xn--strae-oqa.de');
  await figure.getByLabel(/^TRUSTED_HOSTS/).fill('straße.de');
  await expect(figure.locator('.th-result')).toContainText('compared in its IDNA form, strasse.de');
  await expect(figure.locator('.th-result')).toContainText('400 Bad Request');
  expect(tables).toHaveLength(1);

  await figure.getByLabel(/^TRUSTED_HOSTS/).fill('xn--strae-oqa.de');
  await expect(figure.locator('.th-result')).toContainText('200');
  await checkA11y(page, { include: 'figure#trusted-hosts' });
});

test('this browser lower-cases and normalises like the Node that generated the nameprep tables', async ({
  page,
}) => {
  // nameprep-tables.ts only lists where toLowerCase()/NFKC differ from Python's Unicode 3.2
  // data, as measured under Node. The tables hold in a browser only if it agrees with Node.
  function changed(): string[] {
    const out: string[] = [];
    for (let cp = 0x80; cp < 0x30000; cp += 1) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const mapped = ch.toLowerCase().normalize('NFKC').toLowerCase();
      if (mapped !== ch) out.push(`${cp.toString(16)}:${mapped}`);
    }
    return out;
  }
  await page.goto('/');
  const inBrowser = await page.evaluate(`(${changed.toString()})()`);
  expect(inBrowser).toEqual(changed());
});
