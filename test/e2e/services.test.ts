import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Services in Chromium against the whole local system: staff give a customer a monthly service on the
 * customer's page, move the local clock (through its route, as the staff clock control does) and
 * watch the service's first invoice appear on that page with its period on the line; the customer
 * sees the service on their Account page and asks to end it at the end of the period, then takes that
 * back, as staff can too; staff see the events published.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

beforeAll(() => {
  system = suite.system;
});

/** Calls the local clock route with the signed-in staff member's token, as the clock control does. */
async function clock(page: Page, advance?: 'hour' | 'day' | 'next-event'): Promise<{ now: string; nextServiceInvoices?: { date: string } }> {
  return page.evaluate(async (step) => {
    const tokens = JSON.parse(sessionStorage.getItem('billing.session') ?? '{}') as { accessToken?: string };
    const response = await fetch('/v1/local/clock', {
      method: step ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${tokens.accessToken ?? ''}`, ...(step ? { 'content-type': 'application/json' } : {}) },
      ...(step ? { body: JSON.stringify({ advance: step }) } : {}),
    });
    return response.json();
  }, advance);
}

describe('services', () => {
  const customer = () => system.logins.customers[0]!;

  it('staff add a service and watch its first invoice appear, with its period, as the clock moves', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await page.goto(`${system.url}/admin/customers/${encodeURIComponent(customer().customerId)}`);
    await waitForHeading(page, customer().name);

    const today = new Date((await clock(page)).now);
    const due = new Date(today.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const services = page.locator('section[aria-labelledby="customer-services"]');
    await services.getByLabel('Service name').fill('Business hosting');
    await services.getByLabel(/^Price per cycle/).fill('19.99');
    await services.getByLabel('Cycle', { exact: true }).selectOption('monthly');
    await services.getByLabel('First due date').fill(due);
    await services.getByRole('button', { name: 'Add service' }).click();
    await page.getByText('Business hosting added.').waitFor();
    const row = services.locator('tbody tr', { hasText: 'Business hosting' });
    await expect(row.textContent()).resolves.toMatch(/Active/);

    // The invoice is issued 7 days before the due date: the clock's next event is that day's billing.
    const invoiceDate = new Date(Date.parse(due) - 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await clock(page)).nextServiceInvoices?.date).toBe(invoiceDate);
    const invoices = page.locator('section[aria-labelledby="customer-invoices"]');
    const before = await invoices.locator('tbody tr').count();
    // Event by event (a seeded invoice's reminder may come first) until that day's billing has run.
    for (let step = 0; step < 10 && (await clock(page)).nextServiceInvoices?.date === invoiceDate; step++) await clock(page, 'next-event');
    await page.reload();
    await waitForHeading(page, customer().name);
    await settled(page);
    await expect.poll(() => invoices.locator('tbody tr').count(), { timeout: 15_000 }).toBe(before + 1);

    await invoices.locator('tbody tr a').first().click();
    await waitForHeading(page, /^Invoice #/);
    await expect(page.locator('main').textContent()).resolves.toMatch(/Business hosting \(\d{1,2} \w{3} – \d{1,2} \w{3} \d{4}\)|Business hosting \(\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}\)/);

    await page.goto(`${system.url}/admin/events`);
    await waitForHeading(page, 'Events');
    findings.push(...await auditPage(page, 'staff-events'));
    expect(problems).toEqual([]);
  }, 240_000);

  it('the customer sees the service on their Account page and asks to end it at the end of the period', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, customer());
    await page.goto(`${system.url}/account`);
    await waitForHeading(page, 'Account');
    const services = page.locator('section[aria-labelledby="services-heading"]');
    const row = services.locator('tbody tr', { hasText: 'Business hosting' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Active/);
    findings.push(...await auditPage(page, 'account-services'));

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Cancel at end of period' }).click();
    await services.getByText(/ends on .* No further invoice/).waitFor();
    await expect(row.textContent()).resolves.toMatch(/Active, ends/);
    await expect(row.getByRole('button', { name: 'Cancel at end of period' }).count()).resolves.toBe(0);

    // Changed their mind before the period ends: the service goes on.
    await row.getByRole('button', { name: 'Keep this service' }).click();
    await services.getByText(/goes on\. Its next invoice is issued as usual/).waitFor();
    await expect(row.textContent()).resolves.not.toMatch(/ends/);
    await row.getByRole('button', { name: 'Cancel at end of period' }).waitFor();
    expect(problems).toEqual([]);
    expect(findings).toEqual([]);
  }, 120_000);

  it('staff end a service at its period’s end and take that back', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await page.goto(`${system.url}/admin/customers/${encodeURIComponent(customer().customerId)}`);
    await waitForHeading(page, customer().name);
    const row = page.locator('section[aria-labelledby="customer-services"] tbody tr', { hasText: 'Business hosting' });
    await row.getByRole('button', { name: 'Cancel at period end' }).click();
    await expect.poll(() => row.textContent()).toMatch(/Active, ends/);
    await row.getByRole('button', { name: 'Keep service' }).click();
    await page.getByText('Business hosting goes on; its next invoice is issued as usual.').waitFor();
    await expect(row.textContent()).resolves.not.toMatch(/ends/);
    await row.getByRole('button', { name: 'Cancel at period end' }).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);
});
