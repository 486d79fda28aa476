import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * Paying by card in Chromium, against the whole local system and its Stripe sandbox: pay an invoice
 * on the sandbox's card page and come back to it paid; a declined card leaves it unpaid; save cards
 * without paying, choose the default, delete one (also while Stripe fails); pay with a saved card;
 * switch automatic billing off and on.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

/** The sandbox's Stripe test cards, as a customer types them. */
const cards = {
  succeeds: '4242 4242 4242 4242',
  mastercard: '5555 5555 5555 4444',
  declined: '4000 0000 0000 0002',
  insufficientFunds: '4000 0000 0000 9995',
  threeDSecure: '4000 0027 6000 3184',
};

const freshPage = () => suite.freshPage();

async function unpaidInvoices(page: Page): Promise<{ number: string; id: string }[]> {
  await page.goto(`${system.url}/invoices?status=unpaid`);
  await waitForHeading(page, 'My Invoices');
  return page.locator('table a[href^="/invoices/"]').evaluateAll((links) =>
    links.map((link) => ({ number: link.textContent ?? '', id: decodeURIComponent((link.getAttribute('href') ?? '').replace('/invoices/', '')) })),
  );
}

async function openInvoice(page: Page, invoice: { number: string; id: string }): Promise<void> {
  await page.goto(`${system.url}/invoices/${encodeURIComponent(invoice.id)}`);
  await waitForHeading(page, `Invoice ${invoice.number}`);
}

/** Types a card on the sandbox's hosted page (another origin, like checkout.stripe.com) and submits it. */
async function enterCard(page: Page, number: string, button: 'Pay' | 'Save card'): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(system.stripe.url), { timeout: 15_000 });
  await page.locator('#cardNumber').fill(number);
  await page.locator('#expiry').fill('12 / 34');
  await page.locator('#cvc').fill('123');
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** Back from the provider's page on the app's own page, `path` being its path and query. */
async function backInApp(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(system.url) && `${url.pathname}${url.search}` === path, { timeout: 15_000 });
  await settled(page);
}

async function statusBadge(page: Page): Promise<string> {
  return (await page.getByRole('article', { name: 'Invoice details' }).locator('.badge').first().innerText()).trim();
}

/** The saved cards as the Payment methods page shows them (not the screen-reader text), one line each. */
async function savedCards(page: Page): Promise<string[]> {
  await settled(page);
  return page.locator('.saved-card-main').evaluateAll((items) =>
    items.map((item) =>
      [...item.children]
        .map((part) => {
          const visible = part.cloneNode(true) as Element;
          for (const hidden of visible.querySelectorAll('.visually-hidden')) hidden.remove();
          return (visible.textContent ?? '').replace(/\s+/g, ' ').trim();
        })
        .filter(Boolean)
        .join(' '),
    ),
  );
}

function cardItem(page: Page, last4: string) {
  return page.locator('.saved-card').filter({ hasText: last4 });
}

beforeAll(() => {
  system = suite.system;
});

describe('card payments', () => {
  it('pays an unpaid invoice with a new card on the card page, comes back to it paid, and keeps the card the customer chose to keep', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    const [invoice] = await unpaidInvoices(page);
    await openInvoice(page, invoice!);

    const card = page.getByRole('radio', { name: /^Card/ });
    const keep = page.getByRole('checkbox', { name: 'Keep this card for automatic billing' });
    const cardChecked = await card.isChecked();
    const keepChecked = await keep.isChecked();
    await keep.check();
    const secureNote = await page.locator('.pay-secure').innerText();
    findings.push(...(await auditPage(page, 'invoice-card')));
    // Stripe's webhook, not the return to the app, says that the invoice is paid: hold it back a while.
    system.stripe.faults.holdWebhooks = true;
    let whileHeld: { progress: string; badge: string; payButtons: number };
    try {
      await page.getByRole('button', { name: 'Pay', exact: true }).click();
      await enterCard(page, cards.succeeds, 'Pay');
      await backInApp(page, `/invoices/${invoice!.id}?payment=processing`);
      await page.getByText('Waiting for the card processor to confirm your payment.').waitFor();
      whileHeld = {
        progress: await page.getByRole('status').filter({ hasText: 'Processing your payment' }).innerText(),
        badge: await statusBadge(page),
        payButtons: await page.getByRole('button', { name: 'Pay', exact: true }).count(),
      };
      findings.push(...(await auditPage(page, 'invoice-processing')));
    } finally {
      system.stripe.faults.holdWebhooks = false;
      system.stripe.releaseWebhooks('as-happened');
    }
    await page.getByText('Your payment was received. This invoice is paid.').waitFor({ timeout: 65_000 });
    const badge = await statusBadge(page);
    const panel = await page.getByRole('complementary', { name: 'Payment' }).innerText();
    await system.stripe.webhooksIdle();
    await page.getByRole('link', { name: 'Payment methods' }).click();
    await waitForHeading(page, 'Payment methods');
    const kept = await savedCards(page);

    expect(cardChecked).toBe(true);
    expect(keepChecked).toBe(false);
    expect(secureNote).toContain('Stripe’s secure page');
    expect(secureNote).toContain('never reach us');
    expect(whileHeld).toEqual({ progress: 'Processing your payment…', badge: 'Unpaid', payButtons: 0 });
    expect(badge).toBe('Paid');
    expect(panel).toContain('Paid in full');
    expect(system.stripe.captureCount(invoice!.id)).toBe(1);
    expect(kept).toEqual([expect.stringMatching(/^Visa •••• 4242 Expires 12\/2034 Default$/)]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows a declined card on the card page; back in the app the invoice is still unpaid and nothing was charged', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    const [invoice] = await unpaidInvoices(page);
    await openInvoice(page, invoice!);

    // Alice now has a saved card, preselected; she chooses a new one and not to keep it.
    const savedPreselected = await page.getByRole('radio', { name: /Visa ending in 4242/ }).isChecked();
    findings.push(...(await auditPage(page, 'invoice-saved-cards')));
    await page.getByRole('radio', { name: 'A new card' }).check();
    await page.getByRole('checkbox', { name: 'Keep this card for automatic billing' }).uncheck();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await enterCard(page, cards.declined, 'Pay');
    const decline = await page.getByRole('alert').innerText();
    await page.getByRole('link', { name: 'Cancel and go back' }).click();
    await backInApp(page, `/invoices/${invoice!.id}?payment=cancelled`);
    await waitForHeading(page, `Invoice ${invoice!.number}`);
    const notice = await page.getByRole('status').filter({ hasText: 'No payment was made' }).innerText();
    const badge = await statusBadge(page);
    const payEnabled = await page.getByRole('button', { name: 'Pay', exact: true }).isEnabled();
    await system.stripe.webhooksIdle();

    expect(savedPreselected).toBe(true);
    expect(decline).toContain('Your card was declined.');
    expect(notice).toBe('You left the card page without paying. No payment was made.');
    expect(badge).toMatch(/^(Unpaid|Overdue)$/);
    expect(payEnabled).toBe(true);
    expect(system.stripe.captureCount(invoice!.id)).toBe(0);
    expect(problems).toEqual([]);
  }, 90_000);

  it('says why a saved card was declined, then pays with a new card after 3-D Secure on the card page', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[0]!);
    await page.goto(`${system.url}/payment-methods`);
    await waitForHeading(page, 'Payment methods');
    await page.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, cards.insufficientFunds, 'Save card');
    await backInApp(page, '/payment-methods?setup=processing');
    await page.getByText('Your card was saved.').waitFor({ timeout: 65_000 });
    const [invoice] = await unpaidInvoices(page);
    await openInvoice(page, invoice!);

    await page.getByRole('radio', { name: /Visa ending in 9995/ }).check();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    const declined = page.locator('.pay-status-error');
    await declined.waitFor({ timeout: 30_000 });
    const reason = await declined.innerText();
    const badgeAfterDecline = await statusBadge(page);
    await page.getByRole('radio', { name: 'A new card' }).check();
    await page.getByRole('checkbox', { name: 'Keep this card for automatic billing' }).uncheck();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await enterCard(page, cards.threeDSecure, 'Pay');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await backInApp(page, `/invoices/${invoice!.id}?payment=processing`);
    await page.getByText('Your payment was received. This invoice is paid.').waitFor({ timeout: 65_000 });
    const badge = await statusBadge(page);
    await system.stripe.webhooksIdle();
    await page.goto(`${system.url}/payment-methods`);
    await waitForHeading(page, 'Payment methods');
    const saved = await savedCards(page);

    expect(reason).toBe('Your card was declined: insufficient funds.');
    expect(badgeAfterDecline).toBe('Unpaid');
    expect(badge).toBe('Paid');
    expect(system.stripe.captureCount(invoice!.id)).toBe(1);
    expect(saved).toEqual(['Visa •••• 4242 Expires 12/2034 Default', 'Visa •••• 9995 Expires 12/2034']);
    expect(problems).toEqual([]);
  }, 150_000);

  it('says automatic billing needs a saved card, then saves cards without paying and makes another the default', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[1]!);
    await page.getByRole('link', { name: 'Account' }).click();
    await waitForHeading(page, 'Account');
    const needsCard = await page.locator('main').innerText();
    const switches = await page.getByRole('switch').count();
    await page.getByRole('link', { name: 'Add a card to pay automatically' }).click();
    await waitForHeading(page, 'Payment methods');
    const empty = await page.locator('.empty').innerText();
    const noCharge = await page.getByRole('region', { name: 'Add a card' }).innerText();
    findings.push(...(await auditPage(page, 'payment-methods-empty')));

    await page.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, cards.succeeds, 'Save card');
    await backInApp(page, '/payment-methods?setup=processing');
    await page.getByText('Your card was saved.').waitFor({ timeout: 65_000 });
    const first = await savedCards(page);
    await page.getByRole('button', { name: 'Add a card' }).click();
    await enterCard(page, cards.mastercard, 'Save card');
    await backInApp(page, '/payment-methods?setup=processing');
    await page.getByText('Your card was saved.').waitFor({ timeout: 65_000 });
    const both = await savedCards(page);
    findings.push(...(await auditPage(page, 'payment-methods')));

    await cardItem(page, '4444').getByRole('button', { name: 'Make default Mastercard ending in 4444' }).click();
    const madeDefault = await page.getByRole('status').filter({ hasText: 'default card' }).innerText();
    await page.reload();
    await waitForHeading(page, 'Payment methods');
    const afterReload = await savedCards(page);

    expect(needsCard).toContain('Off: there is no card to charge.');
    expect(switches).toBe(0);
    expect(empty).toContain('You have no saved cards.');
    expect(noCharge).toContain('Nothing is charged');
    expect(first).toEqual(['Visa •••• 4242 Expires 12/2034 Default']);
    expect(both).toEqual(['Visa •••• 4242 Expires 12/2034 Default', 'Mastercard •••• 4444 Expires 12/2034']);
    expect(madeDefault).toBe('Mastercard ending in 4444 is now your default card.');
    expect(afterReload).toEqual(['Visa •••• 4242 Expires 12/2034', 'Mastercard •••• 4444 Expires 12/2034 Default']);
    expect(problems).toEqual([]);
  }, 150_000);

  it('keeps a card Stripe could not delete and says so; deletes it once Stripe answers', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[1]!);
    await page.goto(`${system.url}/payment-methods`);
    await waitForHeading(page, 'Payment methods');
    const visa = cardItem(page, '4242');

    system.stripe.faults.failNextWith500 = 10;
    let failed: string;
    try {
      await visa.getByRole('button', { name: 'Delete Visa ending in 4242' }).click();
      await page.getByRole('button', { name: 'Yes, delete card' }).click();
      failed = await page.getByRole('alert').innerText({ timeout: 30_000 });
    } finally {
      system.stripe.resetFaults();
    }
    const stillListed = await savedCards(page);
    await page.reload();
    await waitForHeading(page, 'Payment methods');
    const afterReload = await savedCards(page);
    await visa.getByRole('button', { name: 'Delete Visa ending in 4242' }).click();
    findings.push(...(await auditPage(page, 'payment-methods-delete')));
    await page.getByRole('button', { name: 'Yes, delete card' }).click();
    const deleted = await page.getByRole('status').filter({ hasText: 'was deleted' }).innerText();
    const remaining = await savedCards(page);

    expect(failed).toBe('Your card could not be removed right now. It is still saved; please try again in a few minutes.');
    expect(stillListed).toHaveLength(2);
    expect(afterReload).toHaveLength(2);
    expect(deleted).toBe('Visa ending in 4242 was deleted.');
    expect(remaining).toEqual(['Mastercard •••• 4444 Expires 12/2034 Default']);
    expect(problems).toEqual([]);
  }, 90_000);

  it('pays an invoice at once with the default saved card', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[1]!);
    const [invoice] = await unpaidInvoices(page);
    await openInvoice(page, invoice!);

    const preselected = await page.getByRole('radio', { name: /Mastercard ending in 4444/ }).isChecked();
    const keepShown = await page.getByRole('checkbox', { name: 'Keep this card for automatic billing' }).count();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    const outcome = page.locator('.notice-success, .pay-status-error');
    await outcome.first().waitFor({ timeout: 30_000 });
    const said = await outcome.first().innerText();
    const badge = await statusBadge(page);
    await system.stripe.webhooksIdle();

    expect(said).toBe('Your payment was received. This invoice is paid. Thank you.');
    expect(preselected).toBe(true);
    expect(keepShown).toBe(0);
    expect(page.url()).toBe(`${system.url}/invoices/${invoice!.id}`);
    expect(badge).toBe('Paid');
    expect(system.stripe.captureCount(invoice!.id)).toBe(1);
    expect(problems).toEqual([]);
  }, 60_000);

  it('turns automatic card billing off and on again, and the choice stays after a reload', async () => {
    const { page, problems } = await freshPage();
    await signIn(page, system.url, system.logins.customers[1]!);
    await page.goto(`${system.url}/account`);
    await waitForHeading(page, 'Account');
    const autopay = page.getByRole('switch', { name: 'Charge my invoices automatically' });

    const initially = await autopay.isChecked();
    findings.push(...(await auditPage(page, 'account-autopay')));
    await autopay.click();
    const offMessage = await page.getByRole('status').filter({ hasText: 'Automatic card billing is' }).innerText();
    await page.reload();
    await waitForHeading(page, 'Account');
    const afterOff = await autopay.isChecked();
    const offNote = await page.locator('main').innerText();
    await autopay.click();
    await page.getByRole('status').filter({ hasText: 'Automatic card billing is on.' }).waitFor();
    await page.reload();
    await waitForHeading(page, 'Account');
    const afterOn = await autopay.isChecked();
    // The default card's name comes with the list of cards, a moment after the account.
    const onNote = await page.getByText('Invoices are charged to your default card, ').innerText();

    expect(initially).toBe(true);
    expect(offMessage).toBe('Automatic card billing is off.');
    expect(afterOff).toBe(false);
    expect(offNote).toContain('Invoices are not charged automatically');
    expect(afterOn).toBe(true);
    expect(onNote).toBe('Invoices are charged to your default card, Mastercard ending in 4444, on their due date.');
    expect(problems).toEqual([]);
  }, 60_000);

  it('finds no serious or critical accessibility problems on the card pages', () => {
    expect(findings).toEqual([]);
  });
});
