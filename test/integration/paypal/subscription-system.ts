import { expect } from 'vitest';
import { lambdaContext } from '../../../local/lambda-event.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';

/**
 * The whole local system with one fresh customer, for the PayPal subscription tests: services billed
 * by the daily run, PayPal's subscription approval page, its renewals on the local clock.
 */
export interface SubscriptionWorld {
  system: LocalSystem;
  admin: string;
  customer: string;
  customerId: string;
}

export async function startSubscriptionWorld(): Promise<SubscriptionWorld> {
  const system = await startLocalSystem({ port: 0, inMemory: true });
  const admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
  const seeded = await seedCustomer(system, { ageMs: 0, currency: 'USD' });
  return { system, admin, customer: await signIn(system, seeded.email, seeded.password), customerId: seeded.customerId };
}

export const clockNow = async (w: SubscriptionWorld): Promise<Date> => new Date((await w.system.automation.clock()).now);
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * A monthly service whose first invoice is issued by today's run, and left open: it falls due
 * `dueInDays` from now. Credit left by an earlier test is removed first, or it would pay the invoice at issue.
 */
export async function serviceWithOpenInvoice(w: SubscriptionWorld, name: string, price: number, dueInDays = 5): Promise<{ serviceId: string; invoiceId: string }> {
  const credit = await creditOf(w);
  if (credit > 0) {
    expect((await call(w.system, 'POST', `/v1/admin/customers/${w.customerId}/credit`, { token: w.admin, body: { amount: -credit, reason: 'Test reset' } })).status).toBe(201);
  }
  const now = await clockNow(w);
  const created = await call(w.system, 'POST', `/v1/admin/customers/${w.customerId}/services`, {
    token: w.admin, body: { name, price, cycle: 'monthly', nextDueDate: isoDay(new Date(now.getTime() + dueInDays * 86_400_000)) },
  });
  expect(created.status).toBe(201);
  await runBillingDay(w, now);
  const invoice = (await myInvoices(w)).find((i) => i.service?.id === created.body.id && i.status === 'open');
  expect(invoice).toBeDefined();
  return { serviceId: created.body.id as string, invoiceId: invoice!.id };
}

/** The daily service billing for `day`, as its schedule runs it, then everything it caused. */
export async function runBillingDay(w: SubscriptionWorld, day: Date): Promise<void> {
  const run = (await import('../../../functions/handlers/service-billing-day.js')).handler as unknown as (event: unknown, context: unknown) => Promise<unknown>;
  await run({ today: isoDay(day) }, lambdaContext('service-billing-day'));
  await w.system.automation.settle();
}

export interface InvoiceView {
  id: string; status: string; amountPaid: number; total: number; dueDate: string;
  payments?: { method: string; amount: number }[];
  service?: { id: string; subscription?: { id: string; status: string; nextBillingAt?: string } };
}

/** Every invoice of the customer, each as its own page shows it (payments and service included). */
export async function myInvoices(w: SubscriptionWorld): Promise<InvoiceView[]> {
  const items = (await call(w.system, 'GET', '/v1/invoices?limit=100', { token: w.customer })).body.items as { id: string }[];
  return Promise.all(items.map(async (i) => (await call(w.system, 'GET', `/v1/invoices/${i.id}`, { token: w.customer })).body as InvoiceView));
}

export const subscribe = (w: SubscriptionWorld, invoiceId: string, body: Record<string, unknown> = {}) =>
  call(w.system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: w.customer, body: { method: 'paypal', recurring: true, ...body } });

export const serviceOf = async (w: SubscriptionWorld, serviceId: string) =>
  ((await call(w.system, 'GET', '/v1/services', { token: w.customer })).body.items as { id: string; subscription?: { id: string; status: string; nextBillingAt?: string } }[])
    .find((s) => s.id === serviceId)!;

export const creditOf = async (w: SubscriptionWorld): Promise<number> => (await call(w.system, 'GET', '/v1/me', { token: w.customer })).body.creditBalance as number;

/** The subscriptions PayPal holds for a service (our id is their custom_id), by status. */
export function paypalSubscriptionsOf(w: SubscriptionWorld, serviceId: string): { id: string; status: string }[] {
  return w.system.paypal.subscriptions().filter((s) => s.custom_id === serviceId).map((s) => ({ id: s.id, status: s.status }));
}

/** Waits until PayPal's webhooks and everything they caused are done. */
export async function settled(w: SubscriptionWorld): Promise<void> {
  await w.system.paypal.webhooksIdle();
  await w.system.automation.settle();
}
