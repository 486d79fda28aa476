import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceActivityLog } from '../../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentFeeRecords } from '../../../functions/adapters/dynamodb/dynamo-payment-fee-records.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import { StripeClients } from '../../../functions/adapters/stripe/stripe-client.js';
import { StripeProcessorFees } from '../../../functions/adapters/stripe/stripe-processor-fees.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { currency, money } from '../../../functions/domain/money.js';
import { DEFAULT_FEE_FLAG_BASIS_POINTS } from '../../../functions/domain/processor-fee.js';
import { PaymentProviderUnavailableError } from '../../../functions/ports/payments/provider-errors.js';
import { type RecordProcessorFeeDeps, recordProcessorFee } from '../../../functions/use-cases/record-processor-fee.js';
import { recordPayment } from '../../../functions/use-cases/steps/record-payment.js';
import { DynamoBillingFigures } from '../../../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoIncomeTally } from '../../../functions/adapters/dynamodb/dynamo-income-tally.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { billingReportCsv } from '../../../functions/use-cases/export-billing-report.js';
import { getBillingReport } from '../../../functions/use-cases/get-billing-report.js';
import { getStaffDashboard } from '../../../functions/use-cases/get-staff-dashboard.js';
import { paymentView } from '../../../functions/handlers/http/presenters.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';
import { outboxEffectsIn } from '../../support/outbox-items.js';
import { SANDBOX_KEY, type SandboxTarget, startSandboxTarget, uniqueId } from '../stripe/stripe-target.js';

/**
 * Issue 14: what the card processor kept of each card payment, read from the sandbox's balance
 * transactions (2.9% + 0.30 USD; +1.5% for a card issued abroad; +1% when converted into USD) after
 * the payment is recorded, flagged above 4% of the settled amount, and recorded once.
 */
describe('Processor fees of card payments (Stripe sandbox, DynamoDB Local)', () => {
  let t: SandboxTarget;
  let deps: RecordProcessorFeeDeps;
  let record: (externalId: string, amount: number, code?: string) => Promise<void>;
  let db: ReturnType<typeof dynamoDocumentClient>;
  let tableName: string;
  let ledger: DynamoPaymentLedger;

  beforeAll(async () => {
    t = await startSandboxTarget();
    db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    tableName = await createTestTable();
    const customers = new DynamoCustomerRepository(db, tableName);
    ledger = new DynamoPaymentLedger(db, tableName);
    const clock = { now: () => new Date('2026-11-20T10:00:00Z') };
    const paymentDeps = {
      customers, invoices: new DynamoInvoiceRepository(db, tableName), ledger, activity: new DynamoInvoiceActivityLog(db, tableName),
      ids: randomIdGenerator, clock,
    };
    for (const code of ['USD', 'EUR']) {
      await customers.create(newCustomer({ id: `cus_${code}`, email: `${code}@example.com`, name: code, currency: currency(code), userSub: `sub-${code}`, createdAt: clock.now() }));
    }
    record = async (externalId, amount, code = 'USD') => {
      await recordPayment(paymentDeps, { method: 'card', externalId, customerId: `cus_${code}`, amount: money(amount, code) });
    };
    const clients = new StripeClients(async () => ({ secretKey: SANDBOX_KEY, webhookSecret: t.webhookSecret }), { host: t.sandbox.host, port: t.sandbox.port, protocol: 'http' });
    deps = {
      ledger, feeRecords: new DynamoPaymentFeeRecords(db, tableName), processorFees: new StripeProcessorFees(clients),
      feePolicy: { flagAboveBasisPoints: DEFAULT_FEE_FLAG_BASIS_POINTS }, clock,
    };
  });
  afterAll(() => t.stop());

  /** An off-session charge of a test card (`pm_card_visa`: US; `pm_card_br`: Brazil) at the sandbox. */
  async function charge(card: 'pm_card_visa' | 'pm_card_br', amount: number, code = 'usd'): Promise<string> {
    const customer = await t.stripe.customers.create({ metadata: { customerId: uniqueId('c') } });
    const pm = await t.stripe.paymentMethods.attach(card, { customer: customer.id });
    const intent = await t.stripe.paymentIntents.create({ amount, currency: code, customer: customer.id, payment_method: pm.id, off_session: true, confirm: true });
    expect(intent.status).toBe('succeeded');
    return intent.id;
  }

  it('records 2.9% + 0.30 for a domestic card and does not flag 3.2%', async () => {
    const id = await charge('pm_card_visa', 10_000);
    await record(id, 10_000);

    expect(await recordProcessorFee(deps, { method: 'card', externalId: id })).toBe('recorded');

    const fee = (await ledger.findPayment('card', id))!.processorFee!;
    expect(fee).toMatchObject({ fee: money(320, 'USD'), settled: money(10_000, 'USD'), basisPoints: 320, flagged: false });
    expect(fee.exchangeRate).toBeUndefined();
    expect(fee.details).toEqual([{ amountMinor: 320, type: 'stripe_fee', description: 'Stripe processing fees' }]);
  });

  it('flags a card issued abroad: 4.4% + 0.30 is 4.7% of 100.00 USD', async () => {
    const id = await charge('pm_card_br', 10_000);
    await record(id, 10_000);

    await recordProcessorFee(deps, { method: 'card', externalId: id });

    expect((await ledger.findPayment('card', id))!.processorFee).toMatchObject({ fee: money(470, 'USD'), basisPoints: 470, flagged: true });
  });

  it('flags a foreign card paying in EUR: converted into USD at the rate, and 1% more for the conversion', async () => {
    const id = await charge('pm_card_br', 10_000, 'eur');
    await record(id, 10_000, 'EUR');

    await recordProcessorFee(deps, { method: 'card', externalId: id });

    // 100.00 EUR × 1.08 = 108.00 USD; 5.4% of it is 5.832, rounded to 5.83, plus 0.30.
    expect((await ledger.findPayment('card', id))!.processorFee).toMatchObject({
      fee: money(613, 'USD'), settled: money(10_800, 'USD'), exchangeRate: 1.08, basisPoints: 568, flagged: true,
    });
  });

  it('writes the fee read with the payment that needs it: one outbox effect per card payment', async () => {
    const id = await charge('pm_card_visa', 2_000);
    await record(id, 2_000);

    const effects = (await outboxEffectsIn(db, tableName)).filter((e) => e.kind === 'processor_fee' && e.externalId === id);
    expect(effects).toEqual([{ kind: 'processor_fee', key: `processor_fee#card#${id}`, method: 'card', externalId: id }]);
  });

  it('records one fee however often the outbox item is delivered, in sequence or at once', async () => {
    const id = await charge('pm_card_visa', 5_000);
    await record(id, 5_000);

    const first = await Promise.all(Array.from({ length: 5 }, () => recordProcessorFee(deps, { method: 'card', externalId: id })));
    const stored = (await ledger.findPayment('card', id))!.processorFee;
    const again = await recordProcessorFee(deps, { method: 'card', externalId: id });

    expect(first.filter((r) => r === 'recorded')).toHaveLength(1);
    expect(again).toBe('already_recorded');
    expect((await ledger.findPayment('card', id))!.processorFee).toEqual(stored);
    expect(stored).toMatchObject({ fee: money(175, 'USD') });
  });

  it('leaves the payment as it was when Stripe cannot be reached, and records the fee when the stream tries again', async () => {
    const id = await charge('pm_card_visa', 10_000);
    await record(id, 10_000);
    t.sandbox.faults.failNextWith500 = 10;

    await expect(recordProcessorFee(deps, { method: 'card', externalId: id })).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect((await ledger.findPayment('card', id))!.processorFee).toBeUndefined();

    t.sandbox.resetFaults();
    expect(await recordProcessorFee(deps, { method: 'card', externalId: id })).toBe('recorded');
  });

  it('shows staff the fees: on the payment, among this month’s high fees on the dashboard, and in the fees report and its CSV', async () => {
    const figures = new DynamoBillingFigures(db, tableName);
    const payments = (await figures.paymentsReceived({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') }, 100)).items;
    const foreign = payments.find((p) => p.amount.currency === 'EUR')!;

    const view = paymentView({ payment: foreign, refunds: [], refundable: { toOriginal: foreign.amount, toCredit: money(0, 'EUR') } }, true);
    expect(view.processorFee).toEqual({ amount: 613, currency: 'USD', settledAmount: 10_800, exchangeRate: 1.08, basisPoints: 568, flagged: true });
    expect(paymentView({ payment: foreign, refunds: [], refundable: { toOriginal: foreign.amount, toCredit: money(0, 'EUR') } }, false).processorFee).toBeUndefined();

    const dashboard = await getStaffDashboard({ figures, incomeTally: new DynamoIncomeTally(db, tableName), clock: deps.clock }, { timeZone: 'UTC' });
    expect(dashboard.highFees.count).toBe(2);
    expect(dashboard.highFees.payments.map((p) => [p.currency, p.amount, p.feeCurrency, p.fee, p.basisPoints]).sort())
      .toEqual([['EUR', 10_000, 'USD', 613, 568], ['USD', 10_000, 'USD', 470, 470]]);

    const report = await getBillingReport({ figures }, { report: 'fees', from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30'), by: 'month', timeZone: 'UTC' });
    // Five payments with a fee (the 20.00 one's was never read): 320 + 470 + 613 + 175 + 320.
    expect(report.rows).toEqual([{ period: '2026-11', currency: 'USD', payments: 5, settled: 45_800, fees: 1_898, net: 43_902, flagged: 2, flaggedFees: 1_083 }]);
    expect(billingReportCsv(report)).toContain('2026-11,USD,5,458.00,18.98,439.02,2,10.83');
  });
});
