import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoBillingFigures } from '../../../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoIncomeTally } from '../../../functions/adapters/dynamodb/dynamo-income-tally.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceActivityLog } from '../../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import type { PaymentMethod } from '../../../functions/domain/payment.js';
import { type StaffDashboard, getStaffDashboard } from '../../../functions/use-cases/get-staff-dashboard.js';
import { recordPayment } from '../../../functions/use-cases/steps/record-payment.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';
import { backfillIncomeTally } from '../../../scripts/backfill-income-tally.js';

// New York, so that the provider's calendar and UTC disagree at the edges: "now" is 23:00 on
// 30 November there, already 1 December in UTC.
const TIME_ZONE = 'America/New_York';
const NOW = new Date('2026-12-01T04:00:00Z');
const USD = currency('USD');
const EUR = currency('EUR');

describe('The staff dashboard on a seeded table (DynamoDB Local)', () => {
  let dashboard: StaffDashboard;
  let ids: Record<string, string>;

  beforeAll(async () => {
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    const tableName = await createTestTable();
    let now = new Date('2025-01-01T00:00:00Z');
    const clock = { now: () => now };
    const customers = new DynamoCustomerRepository(db, tableName);
    const invoices = new DynamoInvoiceRepository(db, tableName);
    const deps = {
      customers, invoices, ledger: new DynamoPaymentLedger(db, tableName), activity: new DynamoInvoiceActivityLog(db, tableName),
      ids: randomIdGenerator, clock,
    };
    const customer = async (id: string, code = USD) => {
      await customers.create(newCustomer({ id, email: `${id}@example.com`, name: id, currency: code, userSub: `sub-${id}`, createdAt: now }));
      return id;
    };
    const issue = async (customerId: string, code: typeof USD, amount: number, dueDate: string) => (await invoices.createNumbered((number) => Invoice.issue({
      billTo: { name: 'Test Customer', email: 'customer@example.test' },
      id: randomIdGenerator.newId('inv'), number, customerId, currency: code, dueDate: calendarDate(dueDate), issuedAt: new Date('2025-01-01T00:00:00Z'),
      lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: amount }],
    }))).state.id;
    const pay = async (at: string, method: PaymentMethod, customerId: string, amount: number, code: typeof USD, invoiceId?: string) => {
      now = new Date(at);
      await recordPayment(deps, { method, externalId: randomIdGenerator.newId(`ext_${method}`), customerId, amount: money(amount, code), ...(invoiceId ? { invoiceId } : {}) });
    };
    const change = async (invoiceId: string, verb: (invoice: Invoice) => Invoice) => {
      const invoice = (await invoices.get(invoiceId))!;
      await invoices.save(verb(invoice), invoice.state.version);
    };

    const a = await customer('cus_a');
    const b = await customer('cus_b', EUR);
    const c = await customer('cus_c');
    ids = {
      partlyPaid: await issue(a, USD, 10_000, '2026-11-20'), // 10 days overdue
      eurDay30: await issue(b, EUR, 3_000, '2026-10-31'), // 30 days
      eurDay31: await issue(b, EUR, 2_000, '2026-10-30'), // 31 days
      notYetDue: await issue(c, USD, 800, '2026-12-05'),
      day90: await issue(c, USD, 900, '2026-09-01'),
      day91: await issue(c, USD, 1_100, '2026-08-31'),
      pending: await issue(c, USD, 1_200, '2026-08-01'),
      requiresAction: await issue(c, USD, 1_300, '2026-11-30'), // due today: current
      paidInFull: await issue(a, USD, 500, '2026-11-01'),
    };
    await pay('2026-11-05T12:00:00Z', 'card', a, 4_000, USD, ids['partlyPaid']);
    await pay('2026-11-10T12:00:00Z', 'paypal', a, 500, USD, ids['paidInFull']);
    await pay('2026-12-01T03:00:00Z', 'paypal', a, 2_500, USD); // Add Funds, 22:00 on 30 November in New York
    await pay('2026-11-01T03:00:00Z', 'offline', a, 1_000, USD); // 23:00 on 31 October in New York
    await pay('2025-11-15T12:00:00Z', 'card', b, 5_000, EUR); // the first month shown
    await pay('2025-10-31T12:00:00Z', 'card', b, 700, EUR); // a month too early
    await change(ids['notYetDue']!, (i) => i.recordChargeStep(0, 'declined', new Date('2026-11-29T14:00:00Z'), { reason: 'Your card was declined.' }));
    await change(ids['requiresAction']!, (i) => i.recordChargeStep(0, 'requires_action', new Date('2026-11-30T14:00:00Z')));
    await change(ids['pending']!, (i) => i.markPaymentPending(true));
    await customers.noteEmailFeedback(c, { kind: 'bounce', address: `${c}@example.com`, at: '2026-11-20T10:00:00Z', diagnostic: 'smtp; 550 5.1.1 user unknown' });
    // A bounce that a later delivery cleared does not count.
    await customers.noteEmailFeedback(b, { kind: 'bounce', address: `${b}@example.com`, at: '2026-11-20T10:00:00Z', diagnostic: 'smtp; 550' });
    await customers.noteEmailFeedback(b, { kind: 'delivery', address: `${b}@example.com`, at: '2026-11-21T10:00:00Z' });

    // The payments' income counted into New York's days, as the upgrade's backfill does for payments
    // recorded before the counts existed (the outbox path is tested in income-tally.test.ts).
    await backfillIncomeTally(db, tableName, TIME_ZONE);
    now = NOW;
    dashboard = await getStaffDashboard({ figures: new DynamoBillingFigures(db, tableName), incomeTally: new DynamoIncomeTally(db, tableName), clock }, { timeZone: TIME_ZONE });
  });

  it('counts on the provider’s calendar: today and the 13 months shown', () => {
    expect(dashboard.today).toBe('2026-11-30');
    expect(dashboard.months[0]).toBe('2025-11');
    expect(dashboard.months.at(-1)).toBe('2026-11');
    expect(dashboard.months).toHaveLength(13);
    expect(dashboard.complete).toBe(true);
  });

  it('gives income by month and method, per currency, never summed across currencies', () => {
    const usd = dashboard.income.find((s) => s.currency === 'USD')!;
    const eur = dashboard.income.find((s) => s.currency === 'EUR')!;
    expect(usd.periods.find((p) => p.period === '2026-11')).toEqual({ period: '2026-11', byMethod: { card: 4_000, paypal: 3_000 }, total: 7_000 });
    expect(usd.periods.find((p) => p.period === '2026-10')).toEqual({ period: '2026-10', byMethod: { offline: 1_000 }, total: 1_000 });
    expect(usd.periods.reduce((sum, p) => sum + p.total, 0)).toBe(8_000);
    expect(eur.periods[0]).toEqual({ period: '2025-11', byMethod: { card: 5_000 }, total: 5_000 });
    expect(eur.periods.reduce((sum, p) => sum + p.total, 0)).toBe(5_000);
    expect(dashboard.income.map((s) => s.currency)).toEqual(['EUR', 'USD']);
  });

  it('ages what is owed by days past due, 30 days in 1–30 and 31 in 31–60, 90 in 61–90 and 91 over 90', () => {
    const usd = dashboard.receivables.find((r) => r.currency === 'USD')!;
    const eur = dashboard.receivables.find((r) => r.currency === 'EUR')!;
    expect(eur.buckets).toEqual({
      current: { amountDue: 0, invoices: 0 }, '1-30': { amountDue: 3_000, invoices: 1 }, '31-60': { amountDue: 2_000, invoices: 1 },
      '61-90': { amountDue: 0, invoices: 0 }, 'over-90': { amountDue: 0, invoices: 0 },
    });
    expect(eur).toMatchObject({ amountDue: 5_000, invoices: 2 });
    // The partly paid invoice owes 6,000 of 10,000; the one with a payment pending is not counted.
    expect(usd.buckets).toEqual({
      current: { amountDue: 2_100, invoices: 2 }, '1-30': { amountDue: 6_000, invoices: 1 }, '31-60': { amountDue: 0, invoices: 0 },
      '61-90': { amountDue: 900, invoices: 1 }, 'over-90': { amountDue: 1_100, invoices: 1 },
    });
    expect(usd).toMatchObject({ amountDue: 10_100, invoices: 5 });
  });

  it('lists the invoices whose charge was declined or needs authentication, and those with a payment pending', () => {
    expect(dashboard.attention.counts).toEqual({ declined: 1, requires_action: 1, payment_pending: 1 });
    expect(dashboard.attention.invoices.map((i) => [i.invoiceId, i.reason])).toEqual([
      [ids['pending'], 'payment_pending'], [ids['requiresAction'], 'requires_action'], [ids['notYetDue'], 'declined'],
    ]);
    expect(dashboard.attention.invoices[2]).toMatchObject({ amountDue: 800, currency: 'USD', lastReason: 'Your card was declined.' });
  });

  it('counts the customers whose current address bounces', () => {
    expect(dashboard.customersWithBouncingEmail).toBe(1);
  });
});
