import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { dynamoDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import { newCustomer } from '../../functions/domain/customer.js';
import { currency } from '../../functions/domain/money.js';
import { auditPage, settled, signIn, signOut, waitForHeading, widths, openStaffList } from './support/browser.js';
import { type LocalSystem, waitForEmail } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * What a new user expects and finds, in Chromium against the whole local system: staff find any of
 * thousands of customers; customers see what they owe, keep billing details, change their password,
 * sign in with their email in any letter case; no page promises an email the system does not send,
 * no long word widens a page, and a card is kept or charged automatically only by the customer's choice.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];
const freshPage = () => suite.freshPage();
/** More customers than one search request looks at (2,000), so the web app must follow the cursor. */
const CUSTOMERS = 2_300;
const oldest = { name: 'Zofia Łukasiewicz-Żądło', email: 'zofia@krakow.example' };

beforeAll(async () => {
  system = suite.system;
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
  const customers = new DynamoCustomerRepository(db, system.tableName);
  const start = Date.parse('2020-01-01T00:00:00Z');
  const all = Array.from({ length: CUSTOMERS }, (_, i) => newCustomer({
    id: `cus_bulk_${i}`, ...(i === 0 ? oldest : { name: `Bulk Customer ${i}`, email: `bulk-${i}@example.test` }),
    currency: currency('EUR'), userSub: `sub-bulk-${i}`, createdAt: new Date(start + i * 60_000),
  }));
  for (let i = 0; i < all.length; i += 50) await Promise.all(all.slice(i, i + 50).map((c) => customers.create(c)));
  db.destroy();
}, 240_000);

/** Watches the page from now on: did any of `texts` ever show while the search ran? */
async function watchFor(page: Page, texts: string[]): Promise<() => Promise<string[]>> {
  await page.evaluate((wanted) => {
    const seen = new Set<string>();
    (window as unknown as { __seen: Set<string> }).__seen = seen;
    const look = () => { for (const text of wanted) if (document.body.innerText.includes(text)) seen.add(text); };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, texts);
  return () => page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search customers').fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** Horizontal overflow of the page at each width: [scrollWidth, clientWidth] where they differ. */
async function overflowAtEachWidth(page: Page): Promise<string[]> {
  const wider: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await settled(page);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
    if (scroll > client) wider.push(`${page.url()} @${width}px: scrollWidth ${scroll} > clientWidth ${client}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return wider;
}

describe('what a new user expects', () => {
  it(`finds the oldest of ${CUSTOMERS} customers by part of her name in another letter case, following the server's cursor`, async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffList(page, 'Customers');
    const answered: Promise<{ items: number; cursor: boolean }>[] = [];
    page.on('response', (response) => {
      if (!response.url().includes('/v1/admin/customers?') || !response.url().includes('search=')) return;
      answered.push(response.json().then((body: { items: unknown[]; nextCursor?: string }) => ({ items: body.items.length, cursor: Boolean(body.nextCursor) })));
    });
    const seen = await watchFor(page, ['No customer matches', 'Searching all customers for']);

    await search(page, 'ŁUKASIEWICZ');
    await page.getByRole('status').filter({ hasText: '1 customer matches “ŁUKASIEWICZ”.' }).waitFor({ timeout: 30_000 });
    const names = await page.locator('table tbody th').allInnerTexts();
    findings.push(...(await auditPage(page, 'admin-customers-search')));
    const answers = await Promise.all(answered);

    expect(names).toEqual([oldest.name]);
    expect(answers[0]).toEqual({ items: 0, cursor: true });
    expect(answers.at(-1)).toEqual({ items: 1, cursor: false });
    expect(await seen()).toEqual(['Searching all customers for']);
    expect(problems).toEqual([]);
  }, 90_000);

  it('says "no customer matches" only after looking at every customer, and can be stopped and resumed', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.admin);
    await openStaffList(page, 'Customers');
    // Slower answers, so that Stop arrives while the search is still on its way (nothing else changes).
    await page.route('**/v1/admin/customers?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const seen = await watchFor(page, ['No customer matches']);

    await search(page, 'nobody-has-this-name');
    await page.getByRole('button', { name: 'Stop searching' }).click();
    const stopped = await page.getByRole('status').filter({ hasText: 'Search stopped' }).innerText({ timeout: 30_000 });
    const seenWhileStopped = await seen();
    await page.getByRole('button', { name: 'Search on' }).click();
    const none = await page.getByText('No customer matches “nobody-has-this-name”.').innerText({ timeout: 30_000 });
    const offersNew = await page.getByRole('link', { name: 'Create a customer' }).count();

    expect(stopped).toBe('Search stopped: 0 found so far. Some customers have not been looked at yet.');
    expect(seenWhileStopped).toEqual([]);
    expect(none).toBe('No customer matches “nobody-has-this-name”.');
    expect(offersNew).toBe(1);
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows on My Invoices what is owed in total and how much of it is overdue; Unpaid lists the overdue invoices too', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await waitForHeading(page, 'My Invoices');
    const owed = await page.getByRole('region', { name: 'What you owe' }).innerText();
    findings.push(...(await auditPage(page, 'my-invoices-owed')));
    await page.getByLabel('Show').selectOption('unpaid');
    await page.waitForURL((url) => url.search === '?status=unpaid');
    await settled(page);
    const unpaid = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => ({
      amount: row.querySelector('[data-label="Amount"]')?.textContent ?? '',
      status: row.querySelector('[data-label="Status"]')?.textContent ?? '',
    })));
    const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
    const total = unpaid.reduce((sum, row) => sum + cents(row.amount), 0);
    const overdue = unpaid.filter((row) => row.status === 'Overdue').reduce((sum, row) => sum + cents(row.amount), 0);

    // The seeded invoices: $26.99 overdue, $104.99 and $14.99 not yet due; one void.
    expect(unpaid.map((row) => row.status).sort()).toEqual(['Overdue', 'Unpaid', 'Unpaid']);
    expect([total, overdue]).toEqual([14697, 2699]);
    expect(owed).toContain('Total due\n$146.97');
    expect(owed).toContain('3 invoices unpaid');
    expect(owed).toContain('Overdue\n$26.99');
    expect(owed).toContain('1 invoice past due');
    expect(problems).toEqual([]);
  }, 60_000);

  it('keeps the billing address and tax ID a customer enters on the Account page, bills new invoices to them (an issued one keeps its own), and lets staff change them', async () => {
    const customer = system.logins.customers[0]!;
    const { page, problems } = await freshPage();
    await signIn(page, system.url, customer);
    await page.locator('table tbody a').first().click();
    await waitForHeading(page, /^Invoice #/);
    const issuedPath = new URL(page.url()).pathname;
    const billToAtIssue = await page.getByRole('region', { name: 'Bill to' }).innerText();
    await page.getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Account');
    await page.getByLabel('Billing address').fill('Rynek Główny 1\n\n31-042 Kraków\nPoland');
    await page.getByLabel('VAT number or other tax ID (optional)').fill(' PL1234567890 ');
    await page.getByRole('button', { name: 'Save billing details' }).click();
    const saved = await page.getByRole('status').filter({ hasText: 'Billing details saved.' }).innerText();
    await page.reload();
    await waitForHeading(page, 'Account');
    const afterReload = await page.getByLabel('Billing address').inputValue();
    await page.goto(`${system.url}${issuedPath}`);
    await waitForHeading(page, /^Invoice #/);
    const issuedBillTo = await page.getByRole('region', { name: 'Bill to' }).innerText();

    const staff = (await freshPage()).page;
    await signIn(staff, system.url, system.logins.admin);
    await staff.goto(`${system.url}/admin/customers/${customer.customerId}`);
    await waitForHeading(staff, customer.name);
    const staffSees = await staff.getByLabel('Billing address').inputValue();
    findings.push(...(await auditPage(staff, 'admin-customer-billing')));
    await staff.getByLabel('VAT number or other tax ID (optional)').fill('PL9999999999');
    await staff.getByLabel('Billing address').fill('ul. Floriańska 3\n31-019 Kraków\nPoland');
    await staff.getByRole('button', { name: 'Save billing details' }).click();
    await staff.getByRole('status').filter({ hasText: 'Billing details saved.' }).waitFor();
    await staff.goto(`${system.url}/admin/invoices/new?customerId=${customer.customerId}`);
    await waitForHeading(staff, `New invoice for ${customer.name}`);
    const line = staff.getByRole('group', { name: 'Line 1' });
    await line.getByLabel('Description').fill('Domain transfer');
    await line.getByLabel(/Unit price/).fill('12');
    await staff.getByRole('button', { name: 'Create invoice', exact: true }).click();
    await waitForHeading(staff, /^Invoice #/);
    await page.goto(`${system.url}${new URL(staff.url()).pathname.replace('/admin', '')}`);
    await waitForHeading(page, /^Invoice #/);
    const newBillTo = await page.getByRole('region', { name: 'Bill to' }).innerText();

    expect(saved).toBe('Billing details saved. Your invoices show them from now on.');
    expect(afterReload).toBe('Rynek Główny 1\n31-042 Kraków\nPoland');
    // An invoice keeps who it was billed to when it was issued.
    expect(issuedBillTo).toBe(billToAtIssue);
    expect(staffSees).toBe('Rynek Główny 1\n31-042 Kraków\nPoland');
    expect(newBillTo.split('\n')).toEqual(['BILL TO', customer.name, 'ul. Floriańska 3', '31-019 Kraków', 'Poland', 'Tax ID: PL9999999999', customer.email]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('wraps a 200-character word and a long URL in a line description, with no horizontal scrolling at 1280 and 375 px', async () => {
    const customer = system.logins.customers[0]!;
    const word = 'Supercalifragilistic'.repeat(10);
    const url = `https://downloads.example.test/${'very-long-path-segment/'.repeat(8)}?token=${'x'.repeat(80)}`;
    const staff = (await freshPage()).page;
    await signIn(staff, system.url, system.logins.admin);
    await staff.goto(`${system.url}/admin/invoices/new?customerId=${customer.customerId}`);
    await waitForHeading(staff, `New invoice for ${customer.name}`);
    const line1 = staff.getByRole('group', { name: 'Line 1' });
    await line1.getByLabel('Description').fill(word);
    await line1.getByLabel(/Unit price/).fill('10');
    await staff.getByRole('button', { name: 'Add a line' }).click();
    const line2 = staff.getByRole('group', { name: 'Line 2' });
    await line2.getByLabel('Description').fill(`Your backup: ${url}`);
    await line2.getByLabel(/Unit price/).fill('5');
    const wider = await overflowAtEachWidth(staff);
    await staff.getByRole('button', { name: 'Create invoice', exact: true }).click();
    await waitForHeading(staff, /^Invoice #/);
    const invoicePath = new URL(staff.url()).pathname.replace('/admin', '');
    wider.push(...(await overflowAtEachWidth(staff)));
    await staff.goto(`${system.url}/admin/invoices`);
    await waitForHeading(staff, 'Invoices');
    wider.push(...(await overflowAtEachWidth(staff)));

    const { page, problems } = await freshPage();
    await signIn(page, system.url, customer);
    await page.goto(`${system.url}${invoicePath}`);
    await waitForHeading(page, /^Invoice #/);
    const shown = await page.locator('table.lines tbody td:first-child').allInnerTexts();
    wider.push(...(await overflowAtEachWidth(page)));

    expect(shown.map((text) => text.replace(/\s/g, ''))).toEqual([word, `Yourbackup:${url}`]);
    expect(wider).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);

  it('leaves keeping a card to the customer, and shows no automatic billing as on while there is no card to charge', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await page.goto(`${system.url}/invoices?status=unpaid`);
    await waitForHeading(page, 'My Invoices');
    await page.locator('table tbody a').first().click();
    await waitForHeading(page, /^Invoice #/);
    const keep = await page.getByRole('checkbox', { name: 'Keep this card for automatic billing' }).isChecked();
    await page.getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Account');
    const autopay = await page.getByRole('region', { name: 'Automatic card billing' }).innerText();
    const switches = await page.getByRole('switch').count();

    expect(keep).toBe(false);
    expect(switches).toBe(0);
    expect(autopay).toContain('Off: there is no card to charge.');
    expect(autopay).toContain('Add a card to pay automatically');
    expect(autopay).not.toMatch(/\bOn\b/);
    expect(problems).toEqual([]);
  }, 60_000);

  it('promises no email the system does not send: no "email the customer", no "reply to any invoice email"', async () => {
    const promises = /email the customer|reply to any invoice email|we(?: will)? email you|emailed about each invoice/i;
    const said: string[] = [];
    const staff = (await freshPage()).page;
    await signIn(staff, system.url, system.logins.admin);
    const bruno = system.logins.customers[1]!.customerId;
    for (const path of ['/admin/customers', '/admin/invoices', `/admin/customers/${bruno}`, `/admin/invoices/new?customerId=${bruno}`]) {
      await staff.goto(`${system.url}${path}`);
      await settled(staff);
      const text = await staff.locator('body').innerText();
      if (promises.test(text)) said.push(`${path}: ${promises.exec(text)![0]}`);
    }
    const newInvoiceButton = await staff.getByRole('button', { name: /^Create invoice/ }).innerText();
    const { page } = await freshPage();
    await signIn(page, system.url, system.logins.customers[1]!);
    for (const path of ['/invoices', '/invoices?status=paid', '/account', '/payment-methods']) {
      await page.goto(`${system.url}${path}`);
      await settled(page);
      const text = await page.locator('body').innerText();
      if (promises.test(text)) said.push(`${path}: ${promises.exec(text)![0]}`);
    }

    expect(said).toEqual([]);
    expect(newInvoiceButton).toBe('Create invoice');
  }, 90_000);

  it('signs a customer in with their email in another letter case, and resets their password with it too', async () => {
    const customer = system.logins.customers[1]!;
    const shouted = customer.email.toUpperCase();
    const { page, problems } = await freshPage();
    await signIn(page, system.url, { email: shouted, password: customer.password });
    await waitForHeading(page, 'My Invoices');
    await signOut(page);

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForHeading(page, 'Reset your billing password');
    const requestedAt = Date.now();
    await page.getByLabel('Email address').fill(`${customer.email[0]!.toUpperCase()}${customer.email.slice(1)}`);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await waitForHeading(page, 'Choose a new password');
    const { match } = await waitForEmail(system, customer.email, /\b(\d{6})\b/, { since: requestedAt });
    await page.getByLabel('Code from the email').fill(match[1]!);
    await page.getByLabel('New password', { exact: true }).fill('Reset-Billing-Passw0rd!');
    await page.getByLabel('Type the new password again').fill('Reset-Billing-Passw0rd!');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await waitForHeading(page, 'Sign in');
    await signIn(page, system.url, { email: shouted, password: 'Reset-Billing-Passw0rd!' });
    await waitForHeading(page, 'My Invoices');
    customer.password = 'Reset-Billing-Passw0rd!';

    expect(problems).toEqual([]);
  }, 90_000);

  it('changes the password on the Account page: the new one signs in, the old one no longer does', async () => {
    const customer = system.logins.customers[1]!;
    const old = customer.password;
    const next = 'Changed-Billing-Passw0rd!';
    const { page, problems } = await freshPage();
    await signIn(page, system.url, customer);
    await page.getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Account');
    const form = page.getByRole('region', { name: 'Password', exact: true });
    /** Fills the form, submits it and answers the error it then shows (a new one each time). */
    const change = async (current: string, proposed: string, again = proposed) => {
      const before = (await form.getByRole('alert').count()) ? await form.getByRole('alert').innerText() : '';
      await form.getByLabel('Current password').fill(current);
      await form.getByLabel('New password', { exact: true }).fill(proposed);
      await form.getByLabel('Type the new password again').fill(again);
      await form.getByRole('button', { name: 'Change password' }).click();
      return form.getByRole('alert').filter({ hasNotText: before || '\u0000' }).innerText();
    };

    const wrongCurrent = await change('Not-the-passw0rd!', next);
    const weak = await change(old, 'weakpassword');
    const mismatch = await change(old, next, `${next}x`);
    await form.getByLabel('Current password').fill(old);
    await form.getByLabel('New password', { exact: true }).fill(next);
    await form.getByLabel('Type the new password again').fill(next);
    await form.getByRole('button', { name: 'Change password' }).click();
    const done = await form.getByRole('status').filter({ hasText: 'Your password was changed' }).innerText();
    findings.push(...(await auditPage(page, 'account-password-changed')));
    await signOut(page);
    await page.getByLabel('Email address').fill(customer.email);
    await page.getByLabel('Billing password', { exact: true }).fill(old);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const oldRefused = await page.getByRole('alert').innerText();
    await signIn(page, system.url, { email: customer.email, password: next });
    await waitForHeading(page, 'My Invoices');
    customer.password = next;

    expect(wrongCurrent).toBe('Your current password is not correct.');
    expect(weak).toBe('The new password needs an upper-case letter, a number and a symbol.');
    expect(mismatch).toBe('The two new passwords do not match. Type the same password twice.');
    expect(done).toBe('Your password was changed. Use the new one the next time you sign in.');
    expect(oldRefused).toBe('The email address or password is not correct.');
    expect(problems).toEqual([]);
  }, 90_000);

  it('finds no serious or critical accessibility problems on these pages', () => {
    expect(findings).toEqual([]);
  });
});
