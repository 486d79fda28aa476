import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, openStaffList, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';
import { seedCustomer } from '../support/seeded-customer.js';

/**
 * Staff in Chromium open their home, the Dashboard: they read what is owed (the seed has invoices 26
 * days overdue) and this month's income (a seeded customer paid two invoices), follow the overdue figure to the list behind it, and download a report as CSV.
 */
const suite = browserSuite();
let system: LocalSystem;

beforeAll(async () => {
  system = suite.system;
  // Money received this month, so that the income chart has something to draw.
  await seedCustomer(system, { ageMs: 0, paidBy: ['card', 'paypal'] });
});

describe('staff dashboard', () => {
  it('shows what is owed by how late, links an aging figure to exactly the invoices it counts, and passes axe', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await waitForHeading(page, 'Dashboard');
    const findings = await auditPage(page, 'admin-dashboard');
    const owed = page.locator('[data-testid^="owed-"]').first();
    await owed.waitFor();
    const overdueRow = owed.getByRole('row', { name: /1–30 days overdue/ });
    const [invoices] = (await overdueRow.getByRole('cell').allInnerTexts());
    expect(Number(invoices)).toBeGreaterThan(0);
    // The chart is drawn from the same figures as its table, which a screen reader reads.
    await expect(page.locator('.chart canvas').first().waitFor({ timeout: 15_000 })).resolves.toBeUndefined();

    await overdueRow.getByRole('link', { name: '1–30 days overdue' }).click();
    await waitForHeading(page, 'All invoices');
    const url = new URL(page.url());
    expect([url.searchParams.get('status'), url.searchParams.get('aging')]).toEqual(['overdue', '1-30']);
    await settled(page);
    // The list holds exactly the invoices the figure counts: that currency, that bucket.
    expect(await page.locator('table tbody tr').count()).toBe(Number(invoices));
    expect(findings).toEqual([]);
  }, 120_000);

  it('downloads the invoices-issued report as CSV', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffList(page, 'Reports');
    await page.getByLabel('Report').selectOption('invoices-issued');
    const today = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From').fill(start);
    await page.getByLabel('To').fill(today);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('table').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('Period,Currency,Invoices issued,Total invoiced,Since voided');
    // The seed issues four invoices per customer in the last 75 days, one of them voided since.
    const counted = lines.slice(1).map((line) => line.split(',')).reduce((sum, cells) => sum + Number(cells[2]), 0);
    expect(counted).toBeGreaterThanOrEqual(4 * system.logins.customers.length);
  }, 120_000);
});
