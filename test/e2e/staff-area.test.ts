import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading, openStaffList } from './support/browser.js';
import { waitForEmail, type LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Staff in Chromium against the whole local system: find customers, create one (invited by email),
 * send the invitation again, bill them, void an invoice; the invited customer signs in with the
 * temporary password of the latest invitation, chooses their own, and finds the invoice.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];
const stamp = Date.now().toString(36);
const newCustomer = { name: `Grace Hopper ${stamp}`, email: `grace-${stamp}@example.test` };
let invoiceNumber = '';

const freshPage = () => suite.freshPage();

beforeAll(() => {
  system = suite.system;
});

describe('staff area', () => {
  let staff: { page: Page; problems: string[] };

  it('signs staff in to the customer list and finds a customer by search', async () => {
    staff = await freshPage();
    const { page } = staff;
    const known = system.logins.customers[0]!;

    await signIn(page, system.url, system.logins.admin);
    await openStaffList(page, 'Customers');
    findings.push(...(await auditPage(page, 'admin-customers')));
    await page.getByLabel('Search customers').fill(known.email);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/v1/admin/customers?search=')),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    await settled(page);
    const names = await page.locator('table tbody th').allInnerTexts();

    expect(names).toEqual([known.name]);
  }, 90_000);

  it('creates a customer, who is invited by email', async () => {
    const { page } = staff;
    await page.getByRole('link', { name: 'New customer' }).click();
    await waitForHeading(page, 'New customer');
    findings.push(...(await auditPage(page, 'admin-new-customer')));
    await page.getByLabel('Name').fill(newCustomer.name);
    await page.getByLabel('Email address').fill(newCustomer.email);
    await page.getByLabel('Billing currency').selectOption('EUR');
    await page.getByRole('button', { name: 'Create customer and send invitation' }).click();
    await waitForHeading(page, newCustomer.name);
    const message = await page.getByRole('status').first().innerText();
    const invitation = await waitForEmail(system, newCustomer.email, /password/i);
    findings.push(...(await auditPage(page, 'admin-customer')));

    expect(message).toContain(`${newCustomer.name} was created`);
    expect(invitation.email.to).toContain(newCustomer.email);
  }, 90_000);

  it('sends the new customer a new invitation after a confirmation', async () => {
    const { page } = staff;
    const invitations = async () => (await system.mail.listEmails())
      .filter((e) => e.to.includes(newCustomer.email) && /Temporary password/.test(e.html ?? ''));
    const sentBefore = (await invitations()).length;

    await page.getByRole('button', { name: 'Resend invitation…' }).click();
    await page.getByRole('button', { name: 'Yes, send a new invitation' }).click();
    // The server answers once the email is handed over, so it is there when the message shows.
    const message = await page.getByText('A new invitation is on its way').innerText();
    findings.push(...(await auditPage(page, 'admin-customer-invitation-resent')));

    expect(message).toContain(newCustomer.email);
    expect(await invitations()).toHaveLength(sentBefore + 1);
  }, 60_000);

  it('turns the new customer’s sign-in off and on again after a confirmation, and the customer page says which', async () => {
    const { page } = staff;
    await page.getByRole('button', { name: 'Turn sign-in off…' }).click();
    await page.getByRole('button', { name: 'Yes, turn sign-in off' }).click();
    const off = await page.getByText(`${newCustomer.name} can no longer sign in.`).innerText();
    const note = await page.getByText(/^Turned off on /).innerText();
    findings.push(...(await auditPage(page, 'admin-customer-sign-in-off')));

    await page.getByRole('button', { name: 'Turn sign-in on…' }).click();
    await page.getByRole('button', { name: 'Yes, turn sign-in on' }).click();
    const on = await page.getByText(`${newCustomer.name} can sign in again.`).innerText();

    expect(off).toContain(newCustomer.name);
    expect(note).toContain('cannot sign in');
    expect(on).toContain(newCustomer.name);
    expect(await page.getByRole('button', { name: 'Turn sign-in off…' }).isVisible()).toBe(true);
  }, 60_000);

  it('bills the new customer with an invoice of two lines', async () => {
    const { page } = staff;
    await page.getByRole('link', { name: 'New invoice' }).click();
    await waitForHeading(page, `New invoice for ${newCustomer.name}`);
    const line1 = page.getByRole('group', { name: 'Line 1' });
    await line1.getByLabel('Description').fill('Shared hosting, Starter plan');
    await line1.getByLabel('Quantity').fill('3');
    await line1.getByLabel(/Unit price/).fill('4.50');
    await page.getByRole('button', { name: 'Add a line' }).click();
    const line2 = page.getByRole('group', { name: 'Line 2' });
    await line2.getByLabel('Description').fill('Domain registration');
    await line2.getByLabel(/Unit price/).fill('12');
    const total = await page.locator('.form-total').innerText();
    findings.push(...(await auditPage(page, 'admin-new-invoice')));
    await page.getByRole('button', { name: 'Create invoice', exact: true }).click();
    await waitForHeading(page, /^Invoice #/);
    invoiceNumber = (await page.locator('h1').innerText()).replace('Invoice ', '');
    const text = (await page.locator('main').textContent()) ?? '';
    findings.push(...(await auditPage(page, 'admin-invoice')));

    expect(total).toMatch(/25[.,]50/);
    expect(text).toContain('Shared hosting, Starter plan');
    expect(text).toContain('Domain registration');
    expect(text).toMatch(/Amount due\s*€?25[.,]50/);
  }, 90_000);

  it('voids an unpaid invoice after a confirmation', async () => {
    const { page } = staff;
    await page.goto(`${system.url}/admin/invoices?status=unpaid`);
    await waitForHeading(page, 'All invoices');
    findings.push(...(await auditPage(page, 'admin-invoices')));
    const other = page.locator('table a[href^="/admin/invoices/"]').filter({ hasNotText: invoiceNumber }).first();
    const otherNumber = await other.innerText();
    await other.click();
    await waitForHeading(page, `Invoice ${otherNumber}`);

    await page.getByRole('button', { name: 'Void invoice…' }).click();
    await page.getByRole('button', { name: 'Yes, void invoice' }).click();
    const message = await page.getByText('is void').innerText();
    // The notice can show a moment before the invoice it reloads does.
    await page.locator('.invoice .badge', { hasText: 'Void' }).waitFor({ timeout: 10_000 }).catch(() => undefined);
    const badge = await page.locator('.invoice .badge').innerText();

    expect(message).toContain(`Invoice ${otherNumber} is void`);
    expect(badge).toBe('Void');
  }, 60_000);

  it('lets the invited customer sign in with the emailed temporary password and see the new invoice', async () => {
    const { page, problems } = await freshPage();
    // The invitation in the billing emails' look (the user pool's Custom Message trigger): the password is in its facts table.
    const { match } = await waitForEmail(system, newCustomer.email, /Temporary password<\/td><td[^>]*>([^<\s]+)<\/td>/);
    const temporary = match[1]!;
    const chosen = 'Grace-Own-Passw0rd!';

    await page.goto(`${system.url}/sign-in`);
    await waitForHeading(page, 'Sign in');
    await page.getByLabel('Email address').fill(newCustomer.email);
    await page.getByLabel('Billing password', { exact: true }).fill(temporary);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForHeading(page, 'Choose your billing password');
    findings.push(...(await auditPage(page, 'new-password')));
    const rulesShown = await page.locator('form').innerText();
    // The pool's policy, said before Cognito is asked (which refuses it too: InvalidPasswordException).
    await page.getByLabel('New password', { exact: true }).fill('Gr4ce!');
    await page.getByLabel('Type the new password again').fill('Gr4ce!');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    const tooShort = await page.getByRole('alert').innerText();
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('Type the new password again').fill(chosen);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await waitForHeading(page, 'My Invoices');
    const numbers = await page.locator('table a[href^="/invoices/"]').allInnerTexts();

    expect(rulesShown).toContain('At least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol.');
    expect(tooShort).toBe('The new password needs at least 12 characters.');
    expect(numbers).toEqual([invoiceNumber]);
    expect(problems).toEqual([]);
    expect(staff.problems).toEqual([]);
  }, 90_000);

  it('finds no serious or critical accessibility problems on the staff pages', () => {
    expect(findings).toEqual([]);
  });
});
