import { readFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Account credit in Chromium, against the whole local system and its Stripe sandbox, as one customer
 * (Alice, USD) lives it: she adds $50.00 by card and sees the balance once Stripe's webhook confirms
 * it; applies part of it to an unpaid invoice, then the rest it needs; a new invoice staff issue is
 * paid from her credit at once; she pays two invoices together on one card page; and downloads her
 * statement. The tests run in this order, each starting from where the last one left her.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];
const cardSucceeds = '4242 4242 4242 4242';

interface Listed { number: string; id: string; amount: string }

beforeAll(() => {
  system = suite.system;
});

async function customerPage(): Promise<{ page: Page; problems: string[] }> {
  const opened = await suite.freshPage();
  await signIn(opened.page, system.url, system.logins.customers[0]!);
  return opened;
}

/** My Invoices with the unpaid filter: each invoice's number, id and amount as listed, newest first. */
async function unpaidInvoices(page: Page): Promise<Listed[]> {
  await page.goto(`${system.url}/invoices?status=unpaid`);
  await waitForHeading(page, 'My Invoices');
  return page.locator('table tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const link = row.querySelector('a[href^="/invoices/"]')!;
      return {
        number: link.textContent ?? '',
        id: decodeURIComponent((link.getAttribute('href') ?? '').replace('/invoices/', '')),
        amount: (row.querySelector('td.num')?.textContent ?? '').trim(),
      };
    }),
  );
}

async function openInvoice(page: Page, invoice: Listed): Promise<void> {
  await page.goto(`${system.url}/invoices/${encodeURIComponent(invoice.id)}`);
  await waitForHeading(page, `Invoice ${invoice.number}`);
}

/** Types a card on the sandbox's hosted page (another origin, like checkout.stripe.com) and pays. */
async function payOnCardPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(system.stripe.url), { timeout: 15_000 });
  await page.locator('#cardNumber').fill(cardSucceeds);
  await page.locator('#expiry').fill('12 / 34');
  await page.locator('#cvc').fill('123');
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
}

async function backInApp(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(system.url) && `${url.pathname}${url.search}` === path, { timeout: 15_000 });
  await settled(page);
}

/** Holds Stripe's webhooks while `whileHeld` looks at the page, so that it sees the wait; then sends them. */
async function withWebhooksHeld<T>(whileHeld: () => Promise<T>): Promise<T> {
  system.stripe.faults.holdWebhooks = true;
  try {
    return await whileHeld();
  } finally {
    system.stripe.faults.holdWebhooks = false;
    system.stripe.releaseWebhooks('as-happened');
  }
}

/** Checks a page as auditPage does (axe, screenshots at 1280 and 375 px), and that at 375 px nothing is wider than the screen. */
async function audit(page: Page, name: string): Promise<void> {
  findings.push(...(await auditPage(page, name)));
  await page.setViewportSize({ width: 375, height: 812 });
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
  if (scroll > client) findings.push(`${name} @375px: scrollWidth ${scroll} > clientWidth ${client}`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function creditBalance(page: Page): Promise<string> {
  return (await page.getByRole('region', { name: 'Credit balance' }).locator('.big-number').innerText()).trim();
}

async function statusBadge(page: Page): Promise<string> {
  return (await page.getByRole('article', { name: 'Invoice details' }).locator('.badge').first().innerText()).trim();
}

/** The credit history as shown, one line per row: "what happened | amount | balance". */
async function historyRows(page: Page): Promise<string[]> {
  return page.locator('table.statement tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const kind = row.querySelector('.statement-kind')?.textContent ?? row.querySelector('th')?.textContent ?? '';
      const [amount, balance] = [...row.querySelectorAll('td.num')].map((cell) => (cell.textContent ?? '').trim());
      return `${kind.trim()} | ${amount} | ${balance}`;
    }),
  );
}

const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('account credit', () => {
  const paidFromCredit: { id: string; number: string }[] = [];

  it('adds funds by card: the limits as the server words them, then the balance once Stripe confirms the payment', async () => {
    const { page, problems } = await customerPage();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Add Funds' }).click();
    await waitForHeading(page, 'Add Funds');
    const amount = page.getByLabel('Amount (USD)');
    const limits = await page.locator('.hint').first().innerText();
    const cardChosen = await page.getByRole('radio', { name: /^Card/ }).isChecked();
    await audit(page, 'add-funds');

    await amount.fill('1.00');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    const refusal = await page.getByRole('alert').innerText();
    const invalid = await amount.getAttribute('aria-invalid');
    await amount.fill('50');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    const whileHeld = await withWebhooksHeld(async () => {
      await payOnCardPage(page);
      await backInApp(page, '/account?funds=processing');
      const progress = await page.getByRole('status').filter({ hasText: 'Processing your payment' }).innerText();
      const balance = await creditBalance(page);
      await audit(page, 'account-funds-processing');
      return { progress, balance };
    });
    const received = await page.getByRole('status').filter({ hasText: 'Your payment was received' }).innerText({ timeout: 30_000 });
    // The history is read again once the balance has risen.
    await page.locator('table.statement .statement-kind', { hasText: 'Funds added' }).waitFor();
    const history = await historyRows(page);

    expect(limits).toBe('Between $5.00 and $2,000.00 at a time.');
    expect(cardChosen).toBe(true);
    expect(refusal).toBe('Add between 5.00 and 2000.00 USD at a time.');
    expect(invalid).toBe('true');
    expect(whileHeld).toEqual({ progress: 'Processing your payment…', balance: '$0.00' });
    expect(received).toBe('Your payment was received. Your credit balance is now $50.00.');
    expect(await creditBalance(page)).toBe('$50.00');
    expect(page.url()).toBe(`${system.url}/account`);
    expect(history).toEqual(['Opening balance |  | $0.00', 'Funds added | +$50.00 | $50.00']);
    expect(problems).toEqual([]);
  }, 120_000);

  it('applies credit to an unpaid invoice, part of it first, then all the rest it needs; each other way to pay says what remains after credit', async () => {
    const { page, problems } = await customerPage();
    const unpaid = await unpaidInvoices(page);
    const large = unpaid.find((invoice) => invoice.amount === '$104.99')!;
    const small = unpaid.find((invoice) => invoice.amount === '$14.99')!;
    await openInvoice(page, large);
    const methods = await page.getByRole('group', { name: 'Pay with' }).getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLInputElement).value));
    const cardAfterCredit = await page.getByRole('radio', { name: /^Card/ }).locator('xpath=..').locator('.pay-option-after').innerText();

    await openInvoice(page, small);
    const creditChosen = await page.getByRole('radio', { name: /^Account credit/ }).isChecked();
    const covered = await page.getByRole('radio', { name: /^Card/ }).locator('xpath=..').locator('.pay-option-after').innerText();
    await page.getByRole('radio', { name: 'An amount I choose' }).check();
    await page.getByLabel('Credit to apply (USD)').fill('20');
    const tooMuch = await page.locator('.field-error').innerText();
    await page.getByLabel('Credit to apply (USD)').fill('5');
    await audit(page, 'invoice-credit');
    await page.getByRole('button', { name: 'Apply credit' }).click();
    const part = await page.getByRole('status').filter({ hasText: 'Applied' }).innerText({ timeout: 15_000 });
    const dueAfterPart = await page.getByRole('heading', { name: /^Pay / }).innerText();
    const badgeAfterPart = await statusBadge(page);
    await page.getByRole('radio', { name: /^All it can use/ }).check();
    await page.getByRole('button', { name: 'Apply credit' }).click();
    const paid = await page.getByRole('status').filter({ hasText: 'This invoice is paid' }).innerText({ timeout: 15_000 });
    const panel = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    // The page reads the invoice again for its payment history, a moment after the answer.
    const payments = page.getByRole('region', { name: 'Payments' }).locator('tbody tr');
    await payments.nth(1).waitFor({ timeout: 15_000 });
    const history = await payments.evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(1, 3).map((cell) => cell.textContent).join(' ')));
    paidFromCredit.push(small);

    expect(methods).toEqual(['credit', 'card', 'paypal', 'crypto']);
    expect(cardAfterCredit).toBe('$54.99 after your credit');
    expect(creditChosen).toBe(true);
    expect(covered).toBe('Your credit covers all of it');
    expect(tooMuch).toBe('You can apply at most $14.99 to this invoice.');
    expect(part).toBe('Applied $5.00 of credit. $9.99 remains to pay.');
    expect(dueAfterPart).toBe('Pay $9.99');
    expect(badgeAfterPart).toBe('Unpaid');
    expect(paid).toBe('Your payment was received. This invoice is paid. Thank you.');
    expect(panel).toContain('Paid in full');
    expect(history).toEqual(['Account credit $5.00', 'Account credit $9.99']);
    expect(problems).toEqual([]);
  }, 90_000);

  it('pays a new invoice from credit as soon as staff issue it', async () => {
    const staff = await suite.freshPage();
    await signIn(staff.page, system.url, system.logins.admin);
    const alice = system.logins.customers[0]!;
    await staff.page.goto(`${system.url}/admin/invoices/new?customerId=${encodeURIComponent(alice.customerId)}`);
    await waitForHeading(staff.page, `New invoice for ${alice.name}`);
    const line = staff.page.getByRole('group', { name: 'Line 1' });
    await line.getByLabel('Description').fill('Extra mailbox (1 month)');
    await line.getByLabel(/Unit price/).fill('12');
    await staff.page.getByRole('button', { name: 'Create invoice', exact: true }).click();
    await waitForHeading(staff.page, /^Invoice #/);
    const number = (await staff.page.locator('h1').innerText()).replace('Invoice ', '');
    const id = decodeURIComponent(new URL(staff.page.url()).pathname.replace('/admin/invoices/', ''));

    const { page, problems } = await customerPage();
    await page.goto(`${system.url}/invoices`);
    await waitForHeading(page, 'My Invoices');
    const row = page.locator('table tbody tr').filter({ has: page.getByRole('link', { name: `Invoice ${number}` }) });
    const listedBadge = await row.locator('.badge').innerText();
    await openInvoice(page, { number, id, amount: '' });
    const panel = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    const paidWith = await page.getByRole('article', { name: 'Invoice details' }).innerText();
    await page.goto(`${system.url}/account`);
    await waitForHeading(page, 'Account');
    paidFromCredit.push({ id, number });

    expect(listedBadge).toBe('Paid');
    expect(panel).toContain('Paid in full');
    expect(paidWith).toContain('Account credit');
    expect(await creditBalance(page)).toBe('$23.01');
    expect([...problems, ...staff.problems]).toEqual([]);
  }, 90_000);

  it('pays two invoices together on one card page, says credit does not cover them, and shows them paid once Stripe confirms', async () => {
    const { page, problems } = await customerPage();
    const unpaid = await unpaidInvoices(page);
    const two = unpaid.filter((invoice) => invoice.amount === '$104.99' || invoice.amount === '$26.99');
    const boxes = page.getByRole('checkbox', { name: /^Select invoice/ });
    const boxCount = await boxes.count();
    for (const invoice of two) await page.getByRole('checkbox', { name: new RegExp(`^Select invoice ${invoice.number}`) }).check();
    const total = await page.locator('.mass-pay-total').innerText();
    const maximum = await page.getByRole('region', { name: 'Pay several invoices together' }).locator('.hint').innerText();
    const credit = page.getByRole('radio', { name: /^Account credit/ });
    const creditState = { disabled: await credit.isDisabled(), detail: await credit.locator('xpath=..').locator('.pay-option-detail').innerText() };
    const cardChosen = await page.getByRole('radio', { name: /^Card/ }).isChecked();
    await audit(page, 'invoices-mass-pay');

    await page.getByRole('button', { name: 'Pay selected' }).click();
    const whileHeld = await withWebhooksHeld(async () => {
      await payOnCardPage(page);
      await backInApp(page, '/invoices?payment=processing');
      const progress = await page.getByRole('status').filter({ hasText: 'Processing your payment' }).innerText();
      await audit(page, 'invoices-mass-pay-processing');
      return progress;
    });
    const received = await page.getByRole('status').filter({ hasText: 'Your payment was received' }).innerText({ timeout: 30_000 });
    // The list is read again once they are paid; then the invoices no longer offer a checkbox.
    const rows = two.map((invoice) => page.locator('table tbody tr').filter({ has: page.getByRole('link', { name: `Invoice ${invoice.number}` }) }));
    await Promise.all(rows.map((row) => row.locator('.badge', { hasText: 'Paid' }).waitFor({ timeout: 15_000 })));
    const badges = await Promise.all(rows.map((row) => row.locator('.badge').innerText()));
    const boxesLeft = await boxes.count();
    await system.stripe.webhooksIdle();

    expect(two).toHaveLength(2);
    expect(boxCount).toBe(unpaid.length);
    expect(total).toBe('2 invoices selected: $131.98 in total.');
    expect(maximum).toBe('Tick the unpaid invoices to pay them in one payment, at most 45 at a time.');
    expect(creditState).toEqual({ disabled: true, detail: 'Balance: $23.01: not enough for this total' });
    expect(cardChosen).toBe(true);
    expect(whileHeld).toBe('Processing your payment…');
    expect(received).toBe(`Your payment was received. The 2 invoices are paid: ${two.map((i) => i.number).join(', ')}. Thank you.`);
    expect(badges).toEqual(['Paid', 'Paid']);
    expect(boxesLeft).toBe(0);
    expect(page.url()).toBe(`${system.url}/invoices`);
    expect(problems).toEqual([]);
  }, 120_000);

  it('downloads the statement for a range of days as CSV, with its running balances', async () => {
    const { page, problems } = await customerPage();
    await page.goto(`${system.url}/account`);
    await waitForHeading(page, 'Account');
    // Entries are dated by the UTC day they were made: today, for this file's few minutes.
    const [from, to, today] = [utcDay(-1), utcDay(1), utcDay(0)];
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes(`/v1/ledger?from=${from}&to=${to}`)),
      page.getByRole('button', { name: 'Show', exact: true }).click(),
    ]);
    await settled(page);
    const address = new URL(page.url()).search;
    const shown = await historyRows(page);
    await audit(page, 'account-credit-history');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV statement' }).click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [small, issued] = paidFromCredit;
    const label = (invoice: { number: string }) => invoice.number;

    expect(shown).toEqual([
      'Opening balance |  | $0.00',
      'Funds added | +$50.00 | $50.00',
      'Credit applied | -$5.00 | $45.00',
      'Credit applied | -$9.99 | $35.01',
      'Credit applied | -$12.00 | $23.01',
    ]);
    expect(address).toBe(`?from=${from}&to=${to}`);
    expect(download.suggestedFilename()).toBe(`statement-${from}-to-${to}.csv`);
    expect(csv).toBe(stringify([
      ['Date', 'Description', 'Amount', 'Currency', 'Balance'],
      [from, 'Opening balance', '', 'USD', '0.00'],
      [today, 'Funds added', '50.00', 'USD', '50.00'],
      [today, `Applied to invoice ${label(small!)}`, '-5.00', 'USD', '45.00'],
      [today, `Applied to invoice ${label(small!)}`, '-9.99', 'USD', '35.01'],
      [today, `Applied to invoice ${label(issued!)}`, '-12.00', 'USD', '23.01'],
    ]));
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds no serious or critical accessibility problems on the credit pages, and none wider than a phone', () => {
    expect(findings).toEqual([]);
  });
});
