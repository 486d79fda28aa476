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
