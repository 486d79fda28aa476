import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_ANNOUNCEMENT } from '../../local/seed.js';
import { settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Issue 11 in Chromium against the whole local system: staff publish an announcement that a customer
 * then reads on My Invoices and on the Announcements page.
 */
const suite = browserSuite();
let system: LocalSystem;

beforeAll(() => {
  system = suite.system;
});

describe('announcements', () => {
  it('lets a customer read on My Invoices and Announcements what staff just published, after the seed’s migration notice', async () => {
    const staff = await suite.freshPage();
    await signIn(staff.page, system.url, system.logins.admin);
    await staff.page.getByRole('link', { name: 'Announcements' }).click();
    await waitForHeading(staff.page, 'Announcements');
    await staff.page.getByLabel('Title').fill('Maintenance on Saturday night');
    await staff.page.getByLabel('Text').fill('Mail servers restart between 02:00 and 02:30 UTC.\nWebsites stay up.');
    await staff.page.getByLabel('Date').fill('2099-01-02');
    await staff.page.getByRole('button', { name: 'Publish to every customer' }).click();
    await staff.page.getByRole('status').filter({ hasText: 'Published “Maintenance on Saturday night”' }).waitFor();

    const customer = await suite.freshPage();
    await signIn(customer.page, system.url, system.logins.customers[0]!);
    await waitForHeading(customer.page, 'My Invoices');
    const latest = customer.page.getByRole('region', { name: 'Latest announcement' });
    await latest.getByRole('heading', { name: 'Maintenance on Saturday night' }).waitFor();
    const latestText = await latest.innerText();
    await latest.getByRole('link', { name: 'All announcements' }).click();
    await waitForHeading(customer.page, 'Announcements');
    await settled(customer.page);
    const titles = await customer.page.locator('article h2').allInnerTexts();

    expect(latestText).toContain('Mail servers restart between 02:00 and 02:30 UTC.');
    expect(titles).toEqual(['Maintenance on Saturday night', MIGRATION_ANNOUNCEMENT.title]);
    expect(await customer.page.getByText('All migrated accounts are valid through 31 December 2021', { exact: false }).count()).toBe(1);
    expect([...staff.problems, ...customer.problems]).toEqual([]);
  }, 120_000);
});

describe('import', () => {
  it('shows staff the bad row of the sample file with its line, imports nothing, then imports the fixed file', async () => {
    const sample = await readFile('examples/import/accounts.csv', 'utf8');
    const broken = sample.replace('Business hosting,9.90,monthly', 'Business hosting,9.90,weekly');
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await page.getByRole('link', { name: 'Import' }).click();
    await waitForHeading(page, 'Import accounts');

    await page.getByLabel('CSV or JSON file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    const refusal = page.getByRole('region', { name: 'Problems in the file' });
    await refusal.waitFor();
    const listed = await refusal.getByRole('listitem').allInnerTexts();
    await page.goto(`${system.url}/admin/customers?search=carla`);
    await settled(page);
    const before = await page.getByText('carla.rossi@example.com').count();

    await page.goto(`${system.url}/admin/import`);
    await page.getByLabel('CSV or JSON file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(sample) });
    await page.getByText('Imported 3 customers').waitFor({ timeout: 60_000 });
    const progress = await page.locator('progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max]);

    expect(listed).toEqual(['Line 3: cycle must be one of monthly, quarterly, yearly.']);
    expect(before).toBe(0);
    expect(progress).toEqual([3, 3]);
    expect(problems).toEqual([]);
  }, 120_000);
});
