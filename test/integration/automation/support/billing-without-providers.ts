import { expect } from 'vitest';
import { dynamoDocumentClient } from '../../../../functions/adapters/dynamodb/document-client.js';
import { config } from '../../../../functions/config.js';
import { addDays, calendarDateOf } from '../../../../functions/domain/calendar-date.js';
import type { LocalSystem } from '../../../../local/system.js';
import { seedAutopayInvoices } from '../../../support/autopay-invoices.js';
import { seedCustomer } from '../../../support/seeded-customer.js';
import { call, signIn } from '../../api/client.js';

export const INVOICE_AMOUNT = 4200;
export const CREDIT = 1000;
export const SERVICE_PRICE = 2500;

/** What staff see of an invoice and what its customer was sent, after the automatic work ran. */
export interface BilledOutcome {
  /** The autopay customer's invoice (Visa 4242 saved, some credit): after its due date. */
  autopay: { status: string; amountDue: number; amountPaid: number; captures: number; dunning?: { lastOutcome: string; reason?: string } };
  autopayEmails: string[];
  /** The service customer's first invoice (no card), issued by the daily run: after its due date. */
  service: { status: string; amountDue: number; overdue: boolean; dunning?: { lastOutcome: string; reason?: string } } | undefined;
  serviceEmails: string[];
}

/**
 * Runs a month's start of automatic work on a local system: an autopay customer with 10.00 of credit
 * and an invoice of 42.00 due in 10 days, and a service (25.00 a month, no card on file) first due in
 * 10 days; then the clock moves day by day past both due dates, so that the daily service billing
 * issues the service's invoice, the schedules send reminders, and the due-date messages charge,
 * each through its real handler, exactly as Lambda would run them.
 */
export async function runAutomaticBilling(system: LocalSystem): Promise<BilledOutcome> {
  const admin = await signIn(system, system.logins.admin.email, system.logins.admin.password);
  const clockNow = async () => new Date((await call(system, 'GET', '/v1/local/clock', { token: admin })).body.now);
  // An hour past the billing hour (09:00 UTC): from here, N days on, day N's billing has run.
  while ((await clockNow()).getUTCHours() !== 10) await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'hour' } });
  const now = await clockNow();
  const dueDate = addDays(calendarDateOf(now), 10);

  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: system.dynamoDbEndpoint });
  const [autopay] = await seedAutopayInvoices(
    { db, tableName: system.tableName, stripe: { host: system.stripe.host, port: system.stripe.port } },
    { count: 1, amountMinor: INVOICE_AMOUNT, dueDate, policy: config().schedule, now },
  );
  const granted = await call(system, 'POST', `/v1/admin/customers/${autopay!.customerId}/credit`, { token: admin, body: { amount: CREDIT, reason: 'Goodwill' } });
  expect(granted.status).toBe(201);

  const holder = await seedCustomer(system, { ageMs: 0 });
  const created = await call(system, 'POST', `/v1/admin/customers/${holder.customerId}/services`, {
    token: admin, body: { name: 'Shared hosting', price: SERVICE_PRICE, cycle: 'monthly', nextDueDate: dueDate },
  });
  expect(created.status).toBe(201);
  await system.automation.settle();

  for (let day = 0; day < 12; day++) expect((await call(system, 'POST', '/v1/local/clock', { token: admin, body: { advance: 'day' } })).status).toBe(200);
  await system.stripe.webhooksIdle();
  await system.automation.settle();

  const invoiceOf = async (id: string) => (await call(system, 'GET', `/v1/admin/invoices/${id}`, { token: admin })).body;
  const listed = (await call(system, 'GET', '/v1/admin/invoices?limit=50', { token: admin })).body.items as { id: string; customerId: string }[];
  const serviceInvoiceId = listed.find((i) => i.customerId === holder.customerId)?.id;
  const a = await invoiceOf(autopay!.invoiceId);
  const s = serviceInvoiceId ? await invoiceOf(serviceInvoiceId) : undefined;
  const emails = await system.mail.listEmails();
  const subjectsTo = (address: string) => emails.filter((e) => e.to.some((to) => to.includes(address))).map((e) => e.subject);
  return {
    autopay: { status: a.status, amountDue: a.amountDue, amountPaid: a.amountPaid, captures: system.stripe.captureCount(a.id), ...(a.automaticCharge ? { dunning: pick(a.automaticCharge) } : {}) },
    autopayEmails: subjectsTo(autopay!.email),
    service: s && { status: s.status, amountDue: s.amountDue, overdue: Boolean(s.overdue), ...(s.automaticCharge ? { dunning: pick(s.automaticCharge) } : {}) },
    serviceEmails: subjectsTo(holder.email),
  };
}

const pick = (d: { lastOutcome: string; reason?: string }) => ({ lastOutcome: d.lastOutcome, ...(d.reason ? { reason: d.reason } : {}) });
