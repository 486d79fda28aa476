import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { days, seedCustomer } from '../support/seeded-customer.js';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Paying by cryptocurrency in Chromium, against the whole local system and its BTCPay sandbox: an
 * established customer pays on the sandbox's checkout and comes back to a pending invoice, which is
 * paid once the confirmations arrive; an underpaid invoice stays partly due; a new customer sees the
 * option disabled, with the reason and when they will qualify.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

beforeAll(() => {
  system = suite.system;
});

async function customerWith(options: Parameters<typeof seedCustomer>[1]) {
  const seeded = await seedCustomer(system, options);
  return { login: { email: seeded.email, password: seeded.password }, invoice: seeded.openInvoices[0]! };
}

async function openInvoice(page: Page, invoice: { id: string; number: number }): Promise<void> {
  await page.goto(`${system.url}/invoices/${encodeURIComponent(invoice.id)}`);
  await waitForHeading(page, `Invoice #${String(invoice.number).padStart(6, '0')}`);
}

/** Chooses crypto in the selector and goes to the BTCPay sandbox's checkout (another origin). */
async function payByCrypto(page: Page, currency: RegExp): Promise<void> {
  await page.getByRole('radio', { name: /^Cryptocurrency/ }).check();
  await page.getByRole('radio', { name: currency }).check();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(system.btcpay.url), { timeout: 15_000 });
}

async function backInApp(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(system.url) && `${url.pathname}${url.search}` === path, { timeout: 15_000 });
  await settled(page);
}

async function statusBadge(page: Page): Promise<string> {
  return (await page.getByRole('article', { name: 'Invoice details' }).locator('.badge').first().innerText()).trim();
}

describe('crypto payments', () => {
  it('pays with crypto on the BTCPay checkout: pending while confirmations arrive, then paid', async () => {
    const { login, invoice } = await customerWith({ ageMs: days(120), paidBy: ['card', 'card'], openInvoices: [4200] });
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await openInvoice(page, invoice);
    await page.getByRole('radio', { name: /^Cryptocurrency/ }).check();
    const option = await page.locator('.pay-option', { hasText: 'Cryptocurrency' }).first().innerText();
    const notes = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    findings.push(...(await auditPage(page, 'invoice-crypto')));

    await payByCrypto(page, /^Bitcoin on-chain/);
    const checkout = await page.locator('main').innerText();
    const banner = await page.getByRole('note').innerText();
    await page.getByRole('button', { name: 'Pay exactly' }).click();
    await backInApp(page, `/invoices/${invoice.id}?payment=crypto`);
    await page.getByText('Your cryptocurrency payment is pending').waitFor({ timeout: 20_000 });
    const pendingBadge = await statusBadge(page);
    const pendingPanel = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    findings.push(...(await auditPage(page, 'invoice-crypto-pending')));

    system.btcpay.advanceClock(600_000); // the confirmations arrive
    await page.getByText('Your payment was received. This invoice is paid.').waitFor({ timeout: 20_000 });
    const paidBadge = await statusBadge(page);
    const payments = await page.getByRole('region', { name: 'Payments' }).innerText();

    expect(option).toContain('Accepted now: Bitcoin (on-chain), Bitcoin (Lightning)');
    expect(notes).toContain('shows the exact amount to send');
    expect(notes).toContain('Cryptocurrency payments are not anonymous');
    expect(banner).toBe('BTCPay sandbox: no money moves');
    expect(checkout).toContain('42.00 USD');
    expect(checkout).toContain('Send exactly 0.00084500 BTC, which includes a network fee of 0.00000500 BTC');
    expect(pendingBadge).toBe('Payment pending');
    expect(pendingPanel).toContain('A payment for this invoice is pending');
    expect(paidBadge).toBe('Paid');
    expect(payments).toContain('Cryptocurrency');
    expect(problems).toEqual([]);
  }, 120_000);

  it('an underpaid crypto invoice stays partly due, showing how much is left', async () => {
    const { login, invoice } = await customerWith({ ageMs: days(120), paidBy: ['card', 'paypal'], openInvoices: [10000] });
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await openInvoice(page, invoice);
    await payByCrypto(page, /^Bitcoin Lightning/);
    await page.getByLabel('Amount the store receives (USD)').first().fill('35.50');
    await page.getByRole('button', { name: 'Pay less' }).click();
    await page.locator('[data-due]').filter({ hasText: '64.50 USD' }).waitFor();
    await page.getByRole('button', { name: 'Let it expire' }).click();
    await page.getByRole('link', { name: 'Return to the store' }).click();
    await backInApp(page, `/invoices/${invoice.id}?payment=crypto`);
    await page.getByText('Part of this invoice is paid. The rest is still due.').waitFor({ timeout: 20_000 });
    const note = await page.locator('.pay-partly-paid').innerText();
    const due = await page.locator('.totals-due dd').innerText();
    const badge = await statusBadge(page);
    const payEnabled = await page.getByRole('button', { name: 'Pay', exact: true }).isEnabled();
    findings.push(...(await auditPage(page, 'invoice-partly-paid')));

    expect(note).toBe('Partly paid: $35.50 received, $64.50 still due.');
    expect(due).toBe('$64.50');
    expect(badge).toBe('Unpaid');
    expect(payEnabled).toBe(true);
    expect(problems).toEqual([]);
  }, 120_000);

  it('a new customer sees crypto disabled, with the reason and when they will qualify', async () => {
    const { login, invoice } = await customerWith({ ageMs: days(10), openInvoices: [2500] });
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await openInvoice(page, invoice);
    const crypto = page.getByRole('radio', { name: /^Cryptocurrency/ });
    await crypto.waitFor();
    const disabled = await crypto.isDisabled();
    const cardChecked = await page.getByRole('radio', { name: /^Card/ }).isChecked();
    const reason = await page.locator('.pay-option-reason').innerText();
    const described = await crypto.getAttribute('aria-describedby');
    const qualifies = new Date(Date.now() + days(80)).toISOString().slice(0, 10);
    findings.push(...(await auditPage(page, 'invoice-crypto-disabled')));

    expect(disabled).toBe(true);
    expect(cardChecked).toBe(true);
    expect(reason).toContain('Cryptocurrency payments are for established customers: accounts at least 90 days old with at least 2 invoices paid by card or PayPal.');
    expect(reason).toMatch(new RegExp(`once your account is 90 days old \\(on (${qualifies}|\\d{4}-\\d{2}-\\d{2})\\) and 2 more invoices are paid by card or PayPal\\.`));
    expect(described).toBeTruthy();
    expect(problems).toEqual([]);
  }, 60_000);

  it('adds funds by crypto: “processing” back on the Account page while confirmations arrive, then the new balance', async () => {
    const { login } = await customerWith({ ageMs: days(120), paidBy: ['card', 'card'], openInvoices: [1000] });
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await page.goto(`${system.url}/add-funds`);
    await waitForHeading(page, 'Add Funds');
    await page.getByLabel(/^Amount/).fill('30');
    await page.getByRole('radio', { name: /^Cryptocurrency/ }).check();
    const note = await page.locator('.pay-note').innerText();
    findings.push(...(await auditPage(page, 'add-funds-crypto')));
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL((url) => url.href.startsWith(system.btcpay.url), { timeout: 15_000 });
    const checkout = await page.locator('main').innerText();
    await page.getByRole('button', { name: 'Pay exactly' }).click();
    await backInApp(page, '/account?funds=processing');
    const progress = await page.getByRole('status').filter({ hasText: 'Processing your payment' }).innerText({ timeout: 15_000 });

    system.btcpay.advanceClock(600_000); // the confirmations arrive
    const received = await page.getByRole('status').filter({ hasText: 'Your payment was received' }).innerText({ timeout: 30_000 });

    expect(note).toContain('Cryptocurrency payments are not anonymous');
    expect(checkout).toContain('30.00 USD');
    expect(progress).toBe('Processing your payment…');
    expect(received).toBe('Your payment was received. Your credit balance is now $30.00.');
    expect(problems).toEqual([]);
  }, 120_000);

  it('a new customer sees crypto disabled on Add Funds, with the reason', async () => {
    const { login } = await customerWith({ ageMs: days(10), openInvoices: [] });
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, login);
    await page.goto(`${system.url}/add-funds`);
    await waitForHeading(page, 'Add Funds');
    const crypto = page.getByRole('radio', { name: /^Cryptocurrency/ });
    const disabled = await crypto.isDisabled();
    const cardChecked = await page.getByRole('radio', { name: /^Card/ }).isChecked();
    const reason = await page.locator('.pay-option-reason').innerText();

    expect(disabled).toBe(true);
    expect(cardChecked).toBe(true);
    expect(reason).toContain('Cryptocurrency payments are for established customers');
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds no serious or critical accessibility problems on the crypto pages', () => {
    expect(findings).toEqual([]);
  });
});
