import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoBillingFigures } from '../../../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceActivityLog } from '../../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoRefundRecords } from '../../../functions/adapters/dynamodb/dynamo-refund-records.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { ValidationError } from '../../../functions/domain/errors.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { type CurrencyCode, currency, money } from '../../../functions/domain/money.js';
import type { PaymentMethod } from '../../../functions/domain/payment.js';
import { type BillingReportName, getBillingReport } from '../../../functions/use-cases/get-billing-report.js';
import { refundPayment } from '../../../functions/use-cases/refund-payment.js';
import { applyCredit } from '../../../functions/use-cases/steps/apply-credit.js';
import { recordPayment } from '../../../functions/use-cases/steps/record-payment.js';
import { InMemoryUserDirectory } from '../../support/in-memory/in-memory-user-directory.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

// Dublin: summer time (UTC+1) until 25 October 2026, then GMT; 23:30 UTC on 30 September is 1 October there.
const TIME_ZONE = 'Europe/Dublin';
const USD = currency('USD');
const EUR = currency('EUR');

describe('Staff reports on a seeded table (DynamoDB Local)', () => {
  let figures: DynamoBillingFigures;
  const report = (name: BillingReportName, by: 'day' | 'month' = 'month', from = '2026-10-01', to = '2026-11-30') =>
    getBillingReport({ figures }, { report: name, from: calendarDate(from), to: calendarDate(to), by, timeZone: TIME_ZONE });

  beforeAll(async () => {
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    const tableName = await createTestTable();
    figures = new DynamoBillingFigures(db, tableName);
    let now = new Date('2026-09-01T00:00:00Z');
    const clock = { now: () => now };
    const customers = new DynamoCustomerRepository(db, tableName);
    const invoices = new DynamoInvoiceRepository(db, tableName);
    const ledger = new DynamoPaymentLedger(db, tableName);
    const unused = new Proxy({}, { get: () => () => { throw new Error('no provider is asked for a refund to credit'); } });
    const deps = {
      customers, invoices, ledger, activity: new DynamoInvoiceActivityLog(db, tableName), ids: randomIdGenerator, clock,
      refundRecords: new DynamoRefundRecords(db, tableName), users: new InMemoryUserDirectory(), refunds: unused as never,
    };
    for (const [id, code] of [['cus_u', USD], ['cus_e', EUR]] as const) {
      await customers.create(newCustomer({ id, email: `${id}@example.com`, name: id, currency: code, userSub: `sub-${id}`, createdAt: now }));
    }
    const issue = async (customerId: string, code: CurrencyCode, amount: number, at: string) => (await invoices.createNumbered((number) => Invoice.issue({
      billTo: { name: 'Test Customer', email: 'customer@example.test' },
      id: randomIdGenerator.newId('inv'), number, customerId, currency: code, dueDate: calendarDate('2026-12-31'), issuedAt: new Date(at),
      lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: amount }],
    }))).state.id;
    const pay = async (at: string, method: PaymentMethod, customerId: string, amount: number, code: CurrencyCode, invoiceId?: string) => {
      now = new Date(at);
      return (await recordPayment(deps, { method, externalId: randomIdGenerator.newId(`ext_${method}`), customerId, amount: money(amount, code), ...(invoiceId ? { invoiceId } : {}) })).payment;
    };

    await issue('cus_u', USD, 700, '2026-09-30T22:30:00Z'); // 23:30 on 30 September in Dublin: before the range
    await issue('cus_u', USD, 500, '2026-09-30T23:30:00Z'); // 00:30 on 1 October in Dublin
    const partlyPaid = await issue('cus_u', USD, 10_000, '2026-10-05T10:00:00Z');
    const eur = await issue('cus_e', EUR, 3_000, '2026-10-31T23:30:00Z');
    await issue('cus_u', USD, 900, '2026-12-01T00:30:00Z'); // after the range
    const card = await pay('2026-10-10T12:00:00Z', 'card', 'cus_u', 4_000, USD, partlyPaid);
    await pay('2026-11-02T12:00:00Z', 'paypal', 'cus_u', 2_000, USD); // Add Funds
    now = new Date('2026-11-03T12:00:00Z');
    await applyCredit(deps, { customerId: 'cus_u', invoiceId: partlyPaid });
    await pay('2026-11-01T00:30:00Z', 'card', 'cus_e', 3_000, EUR, eur);
    now = new Date('2026-11-15T12:00:00Z');
    await refundPayment(deps, {
      method: card.method, externalId: card.externalId, amountMinor: 1_000, destination: 'credit', requestId: 'req-1',
      staff: { sub: 'staff-1', username: 'staff@example.com' },
    });
  });

  it('gives income by month and method per currency; credit spent is not income', async () => {
    const income = await report('income');
    expect(income.complete).toBe(true);
    expect(income.rows).toEqual([
      { period: '2026-10', currency: 'USD', card: 4_000, paypal: 0, crypto: 0, offline: 0, total: 4_000 },
      { period: '2026-11', currency: 'EUR', card: 3_000, paypal: 0, crypto: 0, offline: 0, total: 3_000 },
      { period: '2026-11', currency: 'USD', card: 0, paypal: 2_000, crypto: 0, offline: 0, total: 2_000 },
    ]);
  });

  it('gives income by day on the provider’s calendar', async () => {
    const income = await report('income', 'day', '2026-11-01', '2026-11-02');
    expect(income.rows.map((r) => [r['period'], r['currency'], r['total']])).toEqual([['2026-11-01', 'EUR', 3_000], ['2026-11-02', 'USD', 2_000]]);
  });

  it('counts the invoices issued in the range, by their issue date in the provider’s time zone', async () => {
    const issued = await report('invoices-issued');
    expect(issued.rows).toEqual([
      { period: '2026-10', currency: 'EUR', invoices: 1, total: 3_000, voided: 0 },
      { period: '2026-10', currency: 'USD', invoices: 2, total: 10_500, voided: 0 },
    ]);
  });

  it('gives credit added and used by kind, signed', async () => {
    const credit = await report('credit');
    expect(credit.rows).toEqual([{
      period: '2026-11', currency: 'USD', funds_added: 2_000, overpayment: 0, refund_to_credit: 1_000, adjustment: 0,
      credit_applied: -2_000, refunded_to_card: 0, refund_failed: 0, net: 1_000,
    }]);
  });

  it('gives refunds by method, reason and where the money went', async () => {
    const refunds = await report('refunds');
    expect(refunds.rows).toEqual([{
      period: '2026-11', currency: 'USD', method: 'card', reason: 'Asked by staff', refunds: 1, amount: 1_000, original: 0, credit: 1_000, pending: 0,
    }]);
  });

  it('refuses a range that ends before it starts, or spans more than two years', async () => {
    await expect(report('income', 'month', '2026-11-30', '2026-11-01')).rejects.toBeInstanceOf(ValidationError);
    await expect(report('income', 'month', '2024-01-01', '2026-01-01')).rejects.toBeInstanceOf(ValidationError);
  });
});
