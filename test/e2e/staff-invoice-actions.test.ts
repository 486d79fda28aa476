import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * What staff do with invoices and credit, in Chromium against the whole local system and its Stripe
 * sandbox: record a bank transfer, refund part of a card payment the customer made on the card page,
 * see both in the payment history and the activity log; grant credit with a reason and see it, with
 * who did it, in the customer's credit history; reach "New invoice" from the invoices list.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

beforeAll(() => {
  system = suite.system;
});

/** The customer's unpaid invoices, from My Invoices. */
async function unpaidInvoices(page: Page): Promise<{ number: string; id: string }[]> {
  await page.goto(`${system.url}/invoices?status=unpaid`);
  await waitForHeading(page, 'My Invoices');
  return page.locator('table a[href^="/invoices/"]').evaluateAll((links) =>
    links.map((link) => ({ number: link.textContent ?? '', id: decodeURIComponent((link.getAttribute('href') ?? '').replace('/invoices/', '')) })),
  );
}

async function openStaffInvoice(page: Page, invoice: { number: string; id: string }): Promise<void> {
  await page.goto(`${system.url}/admin/invoices/${encodeURIComponent(invoice.id)}`);
  await waitForHeading(page, `Invoice ${invoice.number}`);
}

const paymentsTable = (page: Page) => page.locator('section[aria-labelledby="invoice-payments"] table');
const activityRows = async (page: Page) => {
  await settled(page);
  return page.locator('table.activity tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
};

describe('staff actions on invoices and credit', () => {
  let cardInvoice: { number: string; id: string };
  let transferInvoice: { number: string; id: string };

  it('lets the customer pay one invoice on the card page (the payment staff then refund in part)', async () => {
    const { page } = await suite.freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    [cardInvoice, transferInvoice] = (await unpaidInvoices(page)) as [typeof cardInvoice, typeof transferInvoice];
    await page.goto(`${system.url}/invoices/${encodeURIComponent(cardInvoice.id)}`);
    await waitForHeading(page, `Invoice ${cardInvoice.number}`);
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(system.stripe.url), { timeout: 15_000 });
    await page.locator('#cardNumber').fill('4242 4242 4242 4242');
    await page.locator('#expiry').fill('12 / 34');
    await page.locator('#cvc').fill('123');
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.getByText('Your payment was received. This invoice is paid.').waitFor({ timeout: 65_000 });
    await system.stripe.webhooksIdle();

    expect(transferInvoice).toBeDefined();
  }, 120_000);

  it('records a bank transfer with its reference and sees it in the payment history and the activity log', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffInvoice(page, transferInvoice);

    await page.getByRole('button', { name: 'Record payment…' }).click();
    await page.getByRole('radio', { name: 'Bank transfer' }).check();
    await page.getByLabel('Reference').fill('SEPA-REF-2031');
    // A mistyped amount beyond what is due is not silently made credit: staff are asked first.
    await page.getByLabel(/^Amount received/).fill('50000.00');
    await page.getByRole('button', { name: 'Record payment', exact: true }).click();
    const warning = await page.getByRole('alert').filter({ hasText: 'more than is due' }).innerText();
    await page.getByLabel(/^Amount received/).fill('5.00');
    findings.push(...(await auditPage(page, 'admin-record-payment')));
    await page.getByRole('button', { name: 'Record payment', exact: true }).click();
    const message = await page.getByRole('status').filter({ hasText: 'recorded' }).innerText();
    await waitForHeading(page, `Invoice ${transferInvoice.number}`);
    const history = await paymentsTable(page).innerText();
    const log = await activityRows(page);

    expect(warning).toContain('becomes account credit');
    expect(message).toContain('Bank transfer of $5.00 recorded.');
    expect(history).toContain('Bank transfer, ref. SEPA-REF-2031');
    expect(history).toContain('$5.00');
    expect(log.map(([, what, who]) => [what, who])).toContainEqual(['Paid $5.00 (received outside the system, ref. SEPA-REF-2031)', system.logins.admin.email]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('refunds part of the card payment to the card and sees it in the history and the activity log, the invoice still paid', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffInvoice(page, cardInvoice);

    await paymentsTable(page).getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('radio', { name: 'To the card' }).check();
    await page.getByLabel(/^Amount to refund/).fill('2.50');
    findings.push(...(await auditPage(page, 'admin-refund')));
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    const message = await page.getByRole('status').filter({ hasText: 'refunded' }).innerText();
    await waitForHeading(page, `Invoice ${cardInvoice.number}`);
    const history = await paymentsTable(page).innerText();
    const totals = await page.locator('.totals').innerText();
    const badge = await page.locator('.invoice .badge').innerText();
    const log = await activityRows(page);
    findings.push(...(await auditPage(page, 'admin-invoice-activity')));

    expect(message).toBe('$2.50 refunded to the card.');
    expect(history).toMatch(/\$2\.50 refunded to the card on .+ by /);
    expect(totals).toMatch(/Refunded\s*\$2\.50/);
    expect(badge).toBe('Paid');
    expect(log.map(([, what]) => what)).toEqual(['Issued for $14.99', 'Viewed by the customer', 'Paid $14.99 (card)', 'Refunded $2.50 of a card payment to the card']);
    expect(log.at(-1)?.slice(1)).toEqual(['Refunded $2.50 of a card payment to the card', system.logins.admin.email]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('grants credit with a reason and sees it, with who granted it, in the customer’s credit history', async () => {
    const { page, problems } = await suite.freshPage();
    const customer = system.logins.customers[0]!;
    await signIn(page, system.url, system.logins.admin);
    await page.goto(`${system.url}/admin/customers/${encodeURIComponent(customer.customerId)}`);
    await waitForHeading(page, customer.name);

    const form = page.getByRole('form', { name: 'Grant or remove credit' });
    await form.getByRole('radio', { name: 'Grant credit' }).check();
    await form.getByLabel(/^Amount/).fill('7.00');
    await form.getByLabel('Reason').fill('Goodwill for the outage on Tuesday');
    findings.push(...(await auditPage(page, 'admin-customer-credit')));
    await form.getByRole('button', { name: 'Grant credit' }).click();
    const message = await page.getByRole('status').filter({ hasText: 'granted' }).innerText();
    await page.getByRole('cell', { name: 'Goodwill for the outage on Tuesday' }).waitFor();
    const rows = await page.locator('section[aria-labelledby="customer-credit"] tbody tr').allInnerTexts();

    expect(message).toBe(`$7.00 of credit granted to ${customer.name}.`);
    expect(rows.at(-1)).toContain('Goodwill for the outage on Tuesday');
    expect(rows.at(-1)).toContain(system.logins.admin.email);
    expect(rows.at(-1)).toContain('$7.00');
    expect(problems).toEqual([]);
  }, 90_000);

  it('reaches "New invoice" from the invoices list, choosing the customer there', async () => {
    const { page } = await suite.freshPage();
    const customer = system.logins.customers[0]!;
    await signIn(page, system.url, system.logins.admin);
    await page.goto(`${system.url}/admin/invoices`);
    await waitForHeading(page, 'All invoices');
    await page.getByRole('link', { name: 'New invoice' }).click();
    await waitForHeading(page, 'New invoice');
    await page.getByLabel('Find a customer').fill(customer.email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: `Bill ${customer.name} (${customer.email})` }).click();
    await waitForHeading(page, `New invoice for ${customer.name}`);
  }, 60_000);

  it('finds no serious or critical accessibility problems on these pages', () => {
    expect(findings).toEqual([]);
  });
});
