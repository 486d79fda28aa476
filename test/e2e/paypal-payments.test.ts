import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Paying with PayPal in Chromium, against the whole local system and its PayPal sandbox: approve on
 * the sandbox's approval page and come back to the invoice paid, once; a capture PayPal holds (an
 * eCheck) shows as payment pending, then paid when it clears.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

beforeAll(() => {
  system = suite.system;
});

async function unpaidInvoices(page: Page): Promise<{ number: string; id: string }[]> {
  await page.goto(`${system.url}/invoices?status=unpaid`);
  await waitForHeading(page, 'My Invoices');
  return page.locator('table a[href^="/invoices/"]').evaluateAll((links) =>
    links.map((link) => ({ number: link.textContent ?? '', id: decodeURIComponent((link.getAttribute('href') ?? '').replace('/invoices/', '')) })),
  );
}

/** Opens the invoice, chooses PayPal and approves on the sandbox's page with `choice`; back on the invoice. */
async function payWithPayPal(page: Page, invoice: { number: string; id: string }, choice: string): Promise<void> {
  await page.goto(`${system.url}/invoices/${encodeURIComponent(invoice.id)}`);
  await waitForHeading(page, `Invoice ${invoice.number}`);
  await page.getByRole('radio', { name: /^PayPal/ }).check();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(system.paypal.url), { timeout: 15_000 });
  await page.getByText('PayPal sandbox: no money moves').first().waitFor();
  await page.getByRole('button', { name: choice, exact: true }).click();
  await page.waitForURL((url) => url.href.startsWith(system.url) && url.pathname === `/invoices/${invoice.id}`, { timeout: 15_000 });
  await settled(page);
}

async function statusBadge(page: Page): Promise<string> {
  return (await page.getByRole('article', { name: 'Invoice details' }).locator('.badge').first().innerText()).trim();
}

describe('PayPal payments', () => {
  it('pays an unpaid invoice once with PayPal and comes back to it paid', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    const [invoice] = await unpaidInvoices(page);
    await payWithPayPal(page, invoice!, 'Approve');
    await page.getByText('Your payment was received. This invoice is paid.').waitFor({ timeout: 30_000 });
    findings.push(...(await auditPage(page, 'invoice-paypal-paid')));
    const badge = await statusBadge(page);
    const panel = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    await system.paypal.webhooksIdle();

    expect(badge).toBe('Paid');
    expect(panel).toContain('Paid in full');
    expect(system.paypal.captureCount(invoice!.id)).toBe(1);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a capture PayPal holds as payment pending, then paid when it clears', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    const [invoice] = await unpaidInvoices(page);
    await payWithPayPal(page, invoice!, 'Approve, capture stays pending (eCheck)');
    await page.getByText(/^Payment pending: PayPal is holding your payment/).waitFor({ timeout: 30_000 });
    const whilePending = {
      badge: await statusBadge(page),
      panel: await page.getByRole('complementary', { name: 'Payment' }).innerText(),
      payButtons: await page.getByRole('button', { name: 'Pay', exact: true }).count(),
    };
    findings.push(...(await auditPage(page, 'invoice-paypal-pending')));

    await system.paypal.webhooksIdle();
    const capture = system.paypal.captures().find((c) => c.referenceId === invoice!.id)!;
    system.paypal.settleCapture(capture.captureId, 'COMPLETED');
    await page.getByText('Your PayPal payment cleared. This invoice is paid.').waitFor({ timeout: 30_000 });

    expect(whilePending.badge).toBe('Payment pending');
    expect(whilePending.panel).toContain('this page shows it paid once it completes');
    // The pending text is PayPal's: nothing about cryptocurrency confirmations.
    expect(whilePending.panel).toContain('PayPal holds your payment until it clears');
    expect(whilePending.panel).not.toMatch(/cryptocurrency|confirmations/i);
    expect(whilePending.payButtons).toBe(0);
    expect(await statusBadge(page)).toBe('Paid');
    expect(system.paypal.captureCount(invoice!.id)).toBe(1);
    expect(problems).toEqual([]);
  }, 120_000);

  it('adds funds with PayPal: “processing” back on the Account page until PayPal confirms, then the balance and a history line', async () => {
    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await page.goto(`${system.url}/add-funds`);
    await waitForHeading(page, 'Add Funds');
    const before = (await page.getByRole('region', { name: 'Credit balance' }).locator('.big-number').innerText()).trim();
    await page.getByLabel(/^Amount/).fill('20');
    await page.getByRole('radio', { name: /^PayPal/ }).check();
    findings.push(...(await auditPage(page, 'add-funds-paypal')));
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL((url) => url.href.startsWith(system.paypal.url), { timeout: 15_000 });
    // A held capture (an eCheck) keeps the page waiting, as a late webhook would.
    await page.getByRole('button', { name: 'Approve, capture stays pending (eCheck)', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(system.url) && url.pathname === '/account', { timeout: 15_000 });
    const progress = await page.getByRole('status').filter({ hasText: 'Processing your payment' }).innerText({ timeout: 15_000 });
    await system.paypal.webhooksIdle();
    const capture = system.paypal.captures().filter((c) => c.referenceId === 'funds').at(-1)!;
    system.paypal.settleCapture(capture.captureId, 'COMPLETED');
    const received = await page.getByRole('status').filter({ hasText: 'Your payment was received' }).innerText({ timeout: 30_000 });
    await page.locator('table.statement .statement-kind', { hasText: 'Funds added' }).first().waitFor();

    expect(before).toBe('$0.00');
    expect(progress).toBe('Processing your payment…');
    expect(received).toBe('Your payment was received. Your credit balance is now $20.00.');
    expect(system.paypal.captureCount('funds')).toBe(1);
    expect(problems).toEqual([]);
  }, 120_000);

  it('reports no accessibility findings on the PayPal pages', () => {
    expect(findings).toEqual([]);
  });
});
