import { beforeAll, describe, expect, it } from 'vitest';
import { signIn as apiSignIn } from '../integration/api/client.js';
import { auditPage, settled, signIn, waitForHeading } from './support/browser.js';
import type { LocalSystem } from './support/local-system.js';
import { browserSuite } from './support/suite.js';

/**
 * A PayPal subscription in Chromium, against the whole local system and its PayPal sandbox: on a
 * service's invoice the customer chooses "Set up a PayPal subscription", agrees on the sandbox's page
 * and comes back to the invoice paid by its first payment; the clock moves a month, PayPal renews,
 * and the next invoice shows paid; the Account page shows the subscription, active, with its next
 * payment date and a Cancel button.
 */
const suite = browserSuite();
let system: LocalSystem;
const findings: string[] = [];

beforeAll(() => {
  system = suite.system;
});

async function api(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${system.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

describe('PayPal subscriptions', () => {
  it('sets up a subscription from a service’s invoice, and a renewal pays the next invoice after the clock moves', async () => {
    const customer = system.logins.customers[1]!;
    const admin = await apiSignIn(system as never, system.logins.admin.email, system.logins.admin.password);
    const token = await apiSignIn(system as never, customer.email, customer.password);
    const credit = (await api(token, 'GET', '/v1/me')).body.creditBalance as number;
    if (credit > 0) await api(admin, 'POST', `/v1/admin/customers/${customer.customerId}/credit`, { amount: -credit, reason: 'Browser test' });
    const now = new Date((await api(admin, 'GET', '/v1/local/clock')).body.now);
    const due = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    const service = await api(admin, 'POST', `/v1/admin/customers/${customer.customerId}/services`, { name: 'Subscribed hosting', price: 1999, cycle: 'monthly', nextDueDate: due });
    expect(service.status).toBe(201);
    // The first invoice is issued by the next billing run: one day on.
    await api(admin, 'POST', '/v1/local/clock', { advance: 'day' });
    const serviceInvoices = async () => {
      const items = (await api(token, 'GET', '/v1/invoices?limit=100')).body.items as { id: string; number: number }[];
      const full = await Promise.all(items.map(async (i) => (await api(token, 'GET', `/v1/invoices/${i.id}`)).body));
      return full.filter((i) => i.service?.id === service.body.id).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    };
    const [first] = await serviceInvoices();
    expect(first).toMatchObject({ status: 'open' });

    const { page, problems } = await suite.freshPage();
    await signIn(page, system.url, customer);
    await page.goto(`${system.url}/invoices/${encodeURIComponent(first.id)}`);
    await waitForHeading(page, /^Invoice /);
    await page.getByRole('radio', { name: /^PayPal/ }).check();
    await page.getByRole('radio', { name: /^Set up a PayPal subscription/ }).check();
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(system.paypal.url), { timeout: 15_000 });
    await page.getByText('PayPal sandbox: no money moves').first().waitFor();
    await page.getByRole('button', { name: 'Agree and subscribe', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(system.url) && url.pathname === `/invoices/${first.id}`, { timeout: 15_000 });
    await page.getByText('Your PayPal subscription is set up, and its first payment paid this invoice.').waitFor({ timeout: 30_000 });
    findings.push(...(await auditPage(page, 'invoice-paypal-subscribed')));

    // A month on: the next invoice is issued, PayPal renews on the same clock, and its payment pays it.
    for (let day = 0; day < 40; day++) {
      await api(admin, 'POST', '/v1/local/clock', { advance: 'day' });
      system.paypal.renewDue();
      await system.paypal.webhooksIdle();
      if (system.paypal.sales().filter((s) => s.customId === service.body.id).length >= 2) break;
    }
    await system.paypal.webhooksIdle();
    const [, second] = await serviceInvoices();
    expect(second).toBeDefined();
    await page.goto(`${system.url}/invoices/${encodeURIComponent(second.id)}`);
    await waitForHeading(page, /^Invoice /);
    await settled(page);
    const badge = (await page.getByRole('article', { name: 'Invoice details' }).locator('.badge').first().innerText()).trim();

    await page.goto(`${system.url}/account`);
    const subscriptions = page.getByRole('table', { name: 'PayPal subscriptions' });
    await subscriptions.waitFor();
    const row = (await subscriptions.locator('tbody tr', { hasText: 'Subscribed hosting' }).innerText()).replace(/\s+/g, ' ');
    findings.push(...(await auditPage(page, 'account-paypal-subscription')));

    expect(badge).toBe('Paid');
    expect((await api(token, 'GET', `/v1/invoices/${second.id}`)).body.payments.map((p: { method: string }) => p.method)).toEqual(['paypal']);
    expect(row).toMatch(/Active/);
    expect(row).toMatch(/Cancel subscription/);
    expect(problems).toEqual([]);
    expect(findings).toEqual([]);
  }, 240_000);
});
