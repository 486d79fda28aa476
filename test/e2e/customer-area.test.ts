import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, signOut, waitForHeading } from './support/browser.js';
import { waitForEmail, type LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * The customer's side of the billing area in Chromium, against the whole local system: sign in, My
 * Invoices, an invoice and its PDF, the account page, password reset by emailed code, and the staff
 * area refused.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

const freshPage = () => suite.freshPage();

/** Invoice links on My Invoices: their numbers as shown and the ids in their hrefs. */
async function listedInvoices(page: Page): Promise<{ number: string; id: string }[]> {
  await settled(page);
  return page.locator('table a[href^="/invoices/"]').evaluateAll((links) =>
    links.map((link) => ({ number: link.textContent ?? '', id: decodeURIComponent((link.getAttribute('href') ?? '').replace('/invoices/', '')) })),
  );
}

beforeAll(() => {
  system = suite.system;
});

describe('customer area', () => {
  it('asks for the billing password, distinct from the control panel one, and signs the customer in to My Invoices', async () => {
    const { page, problems } = await freshPage();
    const customer = system.logins.customers[0]!;

    await page.goto(system.url);
    await waitForHeading(page, 'Sign in');
    const hint = await page.getByText('not your hosting control panel password').count();
    findings.push(...(await auditPage(page, 'sign-in')));
    await page.getByLabel('Email address').fill(customer.email);
    await page.getByLabel('Billing password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const error = await page.getByRole('alert').innerText();
    await signIn(page, system.url, customer);

    expect(hint).toBe(1);
    expect(error).toBe('The email address or password is not correct.');
    await waitForHeading(page, 'My Invoices');
    expect((await listedInvoices(page)).length).toBeGreaterThan(0);
    findings.push(...(await auditPage(page, 'my-invoices')));
    expect(problems).toEqual([]);
  }, 90_000);

  it("shows a customer only their own invoices and refuses another customer's invoice", async () => {
    const [first, second] = system.logins.customers;
    const a = await freshPage();
    const b = await freshPage();
    await signIn(a.page, system.url, first!);
    await signIn(b.page, system.url, second!);
    await waitForHeading(a.page, 'My Invoices');
    await waitForHeading(b.page, 'My Invoices');

    const mine = await listedInvoices(a.page);
    const theirs = await listedInvoices(b.page);
    await a.page.goto(`${system.url}/invoices/${encodeURIComponent(theirs[0]!.id)}`);
    await settled(a.page);
    const refusal = await a.page.getByRole('alert').innerText();

    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.map((i) => i.id).filter((id) => theirs.some((t) => t.id === id))).toEqual([]);
    expect(refusal).toContain('We could not find this');
    expect(await a.page.locator('h2', { hasText: 'Items' }).count()).toBe(0);
  }, 90_000);

  it('gives every page its own path: links move without reloading, Back returns, and a pasted link opens the page after sign-in', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await waitForHeading(page, 'My Invoices');
    const [first] = await listedInvoices(page);
    const invoicePath = `/invoices/${encodeURIComponent(first!.id)}`;
    await page.evaluate(() => { (window as unknown as { loadedOnce: boolean }).loadedOnce = true; });

    await page.getByRole('link', { name: `Invoice ${first!.number}` }).click();
    await waitForHeading(page, `Invoice ${first!.number}`);
    const afterClick = page.url();
    await page.goBack();
    await waitForHeading(page, 'My Invoices');
    const afterBack = page.url();
    const sameDocument = await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce === true);
    await page.goto(`${system.url}/no-such-page`);
    await waitForHeading(page, 'Page not found');

    const pasted = await freshPage();
    await pasted.page.goto(`${system.url}${invoicePath}?payment=cancelled`);
    await waitForHeading(pasted.page, 'Sign in');
    await signIn(pasted.page, system.url, system.logins.customers[0]!);
    await waitForHeading(pasted.page, `Invoice ${first!.number}`);

    expect(afterClick).toBe(`${system.url}${invoicePath}`);
    expect(afterBack).toBe(`${system.url}/invoices`);
    expect(sameDocument).toBe(true);
    expect(pasted.page.url()).toBe(`${system.url}${invoicePath}?payment=cancelled`);
    expect([...problems, ...pasted.problems]).toEqual([]);
  }, 90_000);

  it('filters My Invoices by status and keeps the filter in the address', async () => {
    const { page } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await waitForHeading(page, 'My Invoices');

    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/v1/invoices?status=paid')),
      page.getByLabel('Show').selectOption('paid'),
    ]);
    await settled(page);
    const badges = await page.locator('table .badge').allInnerTexts();
    const empty = await page.locator('.empty').count();

    expect(badges.every((text) => text === 'Paid')).toBe(true);
    expect(badges.length > 0 || empty === 1).toBe(true);
  }, 60_000);

  it('opens an unpaid invoice with its totals, a payment selector offering a card (chosen), PayPal and crypto (not yet usable), and downloads its PDF', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await page.goto(`${system.url}/invoices?status=unpaid`);
    await waitForHeading(page, 'My Invoices');
    const [first] = await listedInvoices(page);

    await page.getByRole('link', { name: `Invoice ${first!.number}` }).click();
    await waitForHeading(page, `Invoice ${first!.number}`);
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    const text = (await page.locator('main').textContent()) ?? '';
    // Crypto is offered beside the card once its list has loaded; Alice is not an established customer yet.
    await page.getByRole('radio', { name: /^Cryptocurrency/ }).waitFor();
    const methods = await page.getByRole('group', { name: 'Pay with' }).getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
    const cryptoDisabled = await page.getByRole('radio', { name: /^Cryptocurrency/ }).isDisabled();
    const cardChosen = await page.getByRole('radio', { name: /^Card/ }).isChecked();
    const payEnabled = await page.getByRole('button', { name: 'Pay', exact: true }).isEnabled();
    findings.push(...(await auditPage(page, 'invoice')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    const pdf = await readFile((await download.path())!);
    const downloaded = await page.getByText(/^Downloaded invoice-/).innerText();

    expect(focused).toBe('H1');
    for (const label of ['From', 'Bill to', 'Items', 'Total', 'Amount paid', 'Amount due', 'Due']) expect(text).toContain(label);
    expect(methods).toEqual(['card', 'paypal', 'crypto']);
    expect(cryptoDisabled).toBe(true);
    expect(cardChosen).toBe(true);
    expect(payEnabled).toBe(true);
    expect(download.suggestedFilename()).toBe(`invoice-${Number(first!.number.replace(/\D/g, ''))}.pdf`);
    expect(downloaded).toBe(`Downloaded ${download.suggestedFilename()}.`);
    expect(pdf.length).toBeGreaterThan(100);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(problems).toEqual([]);
  }, 90_000);

  it('can be used with the keyboard alone: sign in, open an invoice, skip to the content; focus follows the page', async () => {
    const { page } = await freshPage();
    const customer = system.logins.customers[0]!;
    await page.goto(`${system.url}/sign-in`);
    await waitForHeading(page, 'Sign in');

    await page.keyboard.type(customer.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(customer.password);
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'My Invoices');
    const afterSignIn = await page.evaluate(() => document.activeElement?.textContent);
    let reached = '';
    for (let i = 0; i < 10 && !reached.startsWith('Invoice #'); i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    await page.keyboard.press('Enter');
    await waitForHeading(page, reached);
    const afterOpening = await page.evaluate(() => document.activeElement?.textContent);
    await page.reload();
    await waitForHeading(page, reached);
    await page.keyboard.press('Tab');
    const firstStop = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(() => document.activeElement?.id);

    expect(afterSignIn).toBe('My Invoices');
    expect(reached).toMatch(/^Invoice #\d+/);
    expect(afterOpening).toBe(reached);
    expect(firstStop).toBe('Skip to main content');
    expect(afterSkip).toBe('main');
  }, 60_000);

  it('shows the account: profile, billing details, credit balance, automatic card billing (off without a card) and the password', async () => {
    const { page } = await freshPage();
    const customer = system.logins.customers[0]!;
    await signIn(page, system.url, customer);

    await page.getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Account');
    const text = await page.locator('main').innerText();
    findings.push(...(await auditPage(page, 'account')));

    expect(text).toContain(customer.name);
    expect(text).toContain(customer.email);
    expect(text).toContain('Credit balance');
    expect(text).toContain('Automatic card billing');
    // No card to charge: automatic billing is not shown as on, and the page says what to do instead.
    expect(text).toContain('Off: there is no card to charge.');
    expect(await page.getByRole('switch', { name: 'Charge my invoices automatically' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Add a card to pay automatically' }).count()).toBe(1);
    expect(await page.getByLabel('Billing address').count()).toBe(1);
    expect(await page.getByLabel('Current password').count()).toBe(1);
  }, 60_000);

  it('hides the staff area from a customer and refuses it, in the app and in the API', async () => {
    const { page } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);

    const navLinks = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    await page.goto(`${system.url}/admin/customers`);
    await waitForHeading(page, 'No access');
    findings.push(...(await auditPage(page, 'no-access')));
    const apiStatus = await page.evaluate(async () => {
      const tokens = JSON.parse(sessionStorage.getItem('billing.session') ?? '{}') as { accessToken?: string };
      const response = await fetch('/v1/admin/customers', { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
      return response.status;
    });

    expect(navLinks).toEqual(['My Invoices', 'Add Funds', 'Payment methods', 'Account', 'Announcements']);
    expect(await page.locator('table').count()).toBe(0);
    expect(apiStatus).toBe(403);
  }, 60_000);

  it('renews an expired access token by itself, and when renewal fails returns through sign-in to the same page', async () => {
    const { page } = await freshPage();
    const customer = system.logins.customers[0]!;
    await signIn(page, system.url, customer);
    const [first] = await listedInvoices(page);
    const invoiceUrl = `${system.url}/invoices/${encodeURIComponent(first!.id)}`;
    const stale = 'e30.e30.x';
    const replaceTokens = (change: Record<string, string>) =>
      page.evaluate((patch) => {
        const tokens = JSON.parse(sessionStorage.getItem('billing.session') ?? '{}') as Record<string, string>;
        sessionStorage.setItem('billing.session', JSON.stringify({ ...tokens, ...patch }));
      }, change);

    await replaceTokens({ accessToken: stale });
    await page.goto(invoiceUrl);
    await page.reload();
    await waitForHeading(page, `Invoice ${first!.number}`);
    const renewed = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('billing.session') ?? '{}') as { accessToken?: string }).accessToken);

    await replaceTokens({ accessToken: stale, refreshToken: 'revoked' });
    await page.reload();
    await waitForHeading(page, 'Sign in');
    const notice = await page.getByRole('status').first().innerText();
    await page.getByLabel('Email address').fill(customer.email);
    await page.getByLabel('Billing password', { exact: true }).fill(customer.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForHeading(page, `Invoice ${first!.number}`);

    expect(renewed).toBeTruthy();
    expect(renewed).not.toBe(stale);
    expect(notice).toContain('Your session has ended');
    expect(page.url()).toBe(invoiceUrl);
  }, 60_000);

  it('resets a forgotten password with the code from the email, then signs in with the new one', async () => {
    const { page, problems } = await freshPage();
    const customer = system.logins.customers[1]!;
    const newPassword = 'New-Billing-Passw0rd!';

    await page.goto(`${system.url}/sign-in`);
    await waitForHeading(page, 'Sign in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await waitForHeading(page, 'Reset your billing password');
    findings.push(...(await auditPage(page, 'forgot-password')));
    const requestedAt = Date.now();
    await page.getByLabel('Email address').fill(customer.email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await waitForHeading(page, 'Choose a new password');
    const { match } = await waitForEmail(system, customer.email, /\b(\d{6})\b/, { since: requestedAt });
    await page.getByLabel('Code from the email').fill(match[1]!);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Type the new password again').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    const weak = await page.getByRole('alert').innerText();
    await page.getByLabel('Code from the email').fill('000000' === match[1] ? '111111' : '000000');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Type the new password again').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    const wrongCode = await page.getByRole('alert').innerText();
    findings.push(...(await auditPage(page, 'reset-password')));
    await page.getByLabel('Code from the email').fill(match[1]!);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await waitForHeading(page, 'Sign in');
    const notice = await page.getByRole('status').first().innerText();
    await signIn(page, system.url, { email: customer.email, password: newPassword });
    await waitForHeading(page, 'My Invoices');
    await signOut(page);

    expect(weak).toBe('The new password needs at least 12 characters, an upper-case letter, a number and a symbol.');
    expect(wrongCode).toBe('That code is not correct. Check the email we sent you and try again.');
    expect(notice).toContain('Your password has been changed');
    expect(problems).toEqual([]);
  }, 90_000);

  it('finds no serious or critical accessibility problems on the customer pages', () => {
    expect(findings).toEqual([]);
  });
});
