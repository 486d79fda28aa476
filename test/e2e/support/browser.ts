import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Login } from './local-system.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshotDir = join(repo, 'test-results', 'screenshots');
export const widths = [1280, 375] as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh browser profile whose page records script errors and CSP violations for the test to check. */
export async function openPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return { context, page, problems };
}

/** Waits until the page shows no loading indicator. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.loading, .boot'), undefined, { timeout: 15_000 });
}

export async function heading(page: Page): Promise<string> {
  await settled(page);
  return (await page.locator('h1').first().innerText()).trim();
}

export async function waitForHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1', { hasText: text }).first().waitFor({ timeout: 15_000 });
  await settled(page);
}

export async function signIn(page: Page, baseUrl: string, login: Login): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/sign-in`);
  await waitForHeading(page, 'Sign in');
  await page.getByLabel('Email address').fill(login.email);
  await page.getByLabel('Billing password', { exact: true }).fill(login.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForFunction(() => !location.pathname.startsWith('/sign-in'), undefined, { timeout: 15_000 });
  await settled(page);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await waitForHeading(page, 'Sign in');
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page. The app's CSP forbids inline scripts, so axe is evaluated through the
 * DevTools protocol (page.evaluate), which a CSP does not govern, rather than added as a script tag.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * Checks a main page at each width: axe finds nothing serious or critical; a full-page screenshot is
 * saved for people to look at. Returns the serious and critical findings as readable lines.
 */
export async function auditPage(page: Page, name: string): Promise<string[]> {
  await mkdir(screenshotDir, { recursive: true });
  const findings: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await settled(page);
    for (const v of await axeViolations(page)) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        findings.push(`${name} @${width}px: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      }
    }
    await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return findings;
}

/** From the staff Dashboard (where staff land after signing in), opens a list through the main navigation. */
export async function openStaffList(page: Page, name: 'Customers' | 'Invoices' | 'Reports'): Promise<void> {
  await waitForHeading(page, 'Dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await waitForHeading(page, name);
}
