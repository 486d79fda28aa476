import { DynamoPaymentFeeRecords } from '../../../functions/adapters/dynamodb/dynamo-payment-fee-records.js';
import { DEFAULT_FEE_FLAG_BASIS_POINTS } from '../../../functions/domain/processor-fee.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCardRepository } from '../../../functions/adapters/dynamodb/dynamo-card-repository.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoPaymentBatches } from '../../../functions/adapters/dynamodb/dynamo-payment-batches.js';
import { DynamoInvoiceActivityLog } from '../../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoRefundRecords } from '../../../functions/adapters/dynamodb/dynamo-refund-records.js';
import { DynamoProviderAccounts } from '../../../functions/adapters/dynamodb/dynamo-provider-accounts.js';
import { stripeAmountLimits } from '../../../functions/adapters/stripe/stripe-amount-limits.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { ConflictError, ProviderUnavailableError } from '../../../functions/domain/errors.js';
import { CHARGE_ATTEMPT_LEASE_MS, Invoice, billToOf } from '../../../functions/domain/invoice.js';
import { currency } from '../../../functions/domain/money.js';
import type { PaymentLedger } from '../../../functions/ports/payment-ledger.js';
import { applyPaymentEvent } from '../../../functions/use-cases/steps/apply-payment-event.js';
import { chargeInvoiceWithSavedCard } from '../../../functions/use-cases/steps/charge-invoice-with-saved-card.js';
import { signedStripeWebhook } from '../../fixtures/stripe/events.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';
import { outboxEffectsIn } from '../../support/outbox-items.js';
import { type SandboxTarget, startSandboxTarget, translateDelivery } from '../stripe/stripe-target.js';

/**
 * R9, the hard case: Stripe charges the card, and then OUR write fails (DynamoDB unavailable, the
 * function times out). The money is taken; the invoice does not know. Both ways back must end in one
 * capture and a paid invoice: the retry of the same attempt (same idempotency key, so Stripe replays
 * its first answer), and the webhook.
 */
describe('R9: a charge that succeeded at Stripe but was not recorded here', () => {
  let target: SandboxTarget;
  let db: DynamoDBDocumentClient;
  let tableName: string;
  let now = new Date('2026-11-26T10:00:00Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    target = await startSandboxTarget();
    tableName = await createTestTable();
    db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
  });
  afterAll(() => target?.stop());

  /** The real DynamoDB ledger, except that its next N writes fail as if DynamoDB were unreachable. */
  function flakyLedger(failures: number): PaymentLedger {
    const real = new DynamoPaymentLedger(db, tableName);
    let left = failures;
    return Object.assign(Object.create(real) as PaymentLedger, {
      recordPayment: (input: Parameters<PaymentLedger['recordPayment']>[0]) =>
        (left-- > 0 ? Promise.reject(new Error('DynamoDB unavailable')) : real.recordPayment(input)),
    });
  }

  async function arrange() {
    const customers = new DynamoCustomerRepository(db, tableName);
    const invoices = new DynamoInvoiceRepository(db, tableName);
    const cards = new DynamoCardRepository(db, tableName);
    const id = randomIdGenerator.newId('cus');
    const customer = newCustomer({ id, email: `${id}@example.com`, name: 'Recovery Ltd', currency: currency('EUR'), userSub: id, createdAt: now });
    await customers.create(customer);
    const customerRef = await target.cards.ensureCustomer({ billingCustomerId: customer.id, email: customer.email });
    const accounts = new DynamoProviderAccounts(db, tableName);
    await accounts.link(customer.id, 'card', customerRef);
    const pm = await target.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
    const card = { id: pm.id, customerId: customer.id, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034, addedAt: now.toISOString() };
    await cards.add(card);
    const invoice = await invoices.createNumbered((number) => Invoice.issue({
      billTo: billToOf(customer),
      id: randomIdGenerator.newId('inv'), number, customerId: customer.id, currency: customer.currency,
      lines: [{ description: 'Dedicated server', quantity: 1, unitAmountMinor: 8900 }], dueDate: calendarDate('2026-12-10'), issuedAt: now,
    }));
    const base = {
      customers, invoices, cards, accounts, ids: randomIdGenerator, clock,
      activity: new DynamoInvoiceActivityLog(db, tableName), refundRecords: new DynamoRefundRecords(db, tableName),
      providerCustomers: target.cards, savedMethods: target.cards, cardLimits: stripeAmountLimits,
      checkouts: { card: target.cards }, refunds: { card: target.cards }, batches: new DynamoPaymentBatches(db, tableName),
      feePolicy: { flagAboveBasisPoints: DEFAULT_FEE_FLAG_BASIS_POINTS }, feeRecords: new DynamoPaymentFeeRecords(db, tableName),
    };
    return { base, invoice, customer: (await customers.get(customer.id))!, card };
  }

  it('the retry of the same attempt, once its lease is over, gets Stripe’s first answer: one capture, invoice paid', async () => {
    const { base, invoice, customer, card } = await arrange();
    await expect(chargeInvoiceWithSavedCard({ ...base, ledger: flakyLedger(1) }, { invoice, customer, card })).rejects.toThrow('DynamoDB unavailable');
    expect(target.sandbox.captureCount(invoice.id)).toBe(1);
    const stuck = (await base.invoices.get(invoice.id))!;
    expect(stuck.status).toBe('open');

    await expect(chargeInvoiceWithSavedCard({ ...base, ledger: flakyLedger(0) }, { invoice: stuck, customer, card }))
      .rejects.toBeInstanceOf(ConflictError);

    now = new Date(now.getTime() + CHARGE_ATTEMPT_LEASE_MS);
    const result = await chargeInvoiceWithSavedCard({ ...base, ledger: flakyLedger(0) }, { invoice: stuck, customer, card });
    expect(result.status).toBe('paid');
    expect(target.sandbox.captureCount(invoice.id)).toBe(1);
    expect((await base.invoices.get(invoice.id))!.state).toMatchObject({ status: 'paid', amountPaid: { amountMinor: 8900 } });
  });

  it('the webhook records it instead; a later retry then finds the invoice paid and charges nothing', async () => {
    const { base, invoice, customer, card } = await arrange();
    const eventsBefore = target.sandbox.events().length;
    await expect(chargeInvoiceWithSavedCard({ ...base, ledger: flakyLedger(1) }, { invoice, customer, card })).rejects.toThrow();

    const deps = { ...base, ledger: new DynamoPaymentLedger(db, tableName) };
    for (const event of target.sandbox.events().slice(eventsBefore)) {
      const { body, headers } = signedStripeWebhook(JSON.stringify(event), target.webhookSecret);
      const translated = await translateDelivery(target.webhooks, body, headers['stripe-signature']);
      if (translated) await applyPaymentEvent(deps, translated);
    }
    const paid = (await base.invoices.get(invoice.id))!;
    expect(paid.status).toBe('paid');

    now = new Date(now.getTime() + CHARGE_ATTEMPT_LEASE_MS);
    const again = await chargeInvoiceWithSavedCard(deps, { invoice: paid, customer, card });
    expect(again.status).toBe('paid');
    expect(target.sandbox.captureCount(invoice.id)).toBe(1);
    expect(await deps.ledger.listEntries(customer.id, 10)).toEqual([]);
  });

  /** The kinds of the outbox effects written for a payment. */
  async function effectsOf(externalId: string): Promise<string[]> {
    return (await outboxEffectsIn(db, tableName)).filter((effect) => 'externalId' in effect && effect.externalId === externalId).map((effect) => effect.kind).sort();
  }

  it('the fee comes back with the charge: recorded with the payment, and nobody asks Stripe for it again', async () => {
    const { base, invoice, customer, card } = await arrange();
    const ledger = new DynamoPaymentLedger(db, tableName);
    const requestsBefore = target.sandbox.requests().length;

    const result = await chargeInvoiceWithSavedCard({ ...base, ledger }, { invoice, customer, card });

    expect(result.status).toBe('paid');
    const [payment] = await ledger.listInvoicePayments(invoice.id);
    // 89.00 EUR on a US card: converted into USD at 1.08 (96.12); 2.9% + 1% for the conversion, plus 0.30.
    expect(payment!.processorFee).toMatchObject({ fee: { amountMinor: 405, currency: 'USD' }, settled: { amountMinor: 9612, currency: 'USD' }, flagged: true });
    expect(await effectsOf(payment!.externalId)).toEqual(['tally']);
    expect(target.sandbox.requests().slice(requestsBefore)).toEqual(['POST /v1/payment_intents']);
  });

  it('the webhook recording the payment first does not lose the fee the charge’s answer carried', async () => {
    const { base, invoice, customer, card } = await arrange();
    const eventsBefore = target.sandbox.events().length;
    const real = new DynamoPaymentLedger(db, tableName);
    // The webhook wins the race: it is applied just before the charge's own answer is recorded.
    const webhookFirst = Object.assign(Object.create(real) as PaymentLedger, {
      recordPayment: async (input: Parameters<PaymentLedger['recordPayment']>[0]) => {
        await target.sandbox.webhooksIdle();
        for (const event of target.sandbox.events().slice(eventsBefore)) {
          const { body, headers } = signedStripeWebhook(JSON.stringify(event), target.webhookSecret);
          const translated = await translateDelivery(target.webhooks, body, headers['stripe-signature']);
          if (translated) await applyPaymentEvent({ ...base, ledger: real }, translated);
        }
        return real.recordPayment(input);
      },
    });

    expect((await chargeInvoiceWithSavedCard({ ...base, ledger: webhookFirst }, { invoice, customer, card })).status).toBe('paid');

    const payments = await real.listInvoicePayments(invoice.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]!.processorFee).toMatchObject({ fee: { amountMinor: 405, currency: 'USD' } });
    expect(target.sandbox.captureCount(invoice.id)).toBe(1);
  });

  it('a charge refused by Stripe’s rate limiter did nothing: the invoice is free at once, and the next try charges once', async () => {
    const { base: unrecorded, invoice, customer, card } = await arrange();
    const base = { ...unrecorded, ledger: new DynamoPaymentLedger(db, tableName) };
    target.sandbox.faults.rateLimitNext = 1;

    await expect(chargeInvoiceWithSavedCard(base, { invoice, customer, card })).rejects.toBeInstanceOf(ProviderUnavailableError);
    const free = (await base.invoices.get(invoice.id))!;
    expect(free.state.chargeAttempt).toMatchObject({ status: 'finished' });

    // No lease to wait out: the same moment's retry charges.
    expect((await chargeInvoiceWithSavedCard(base, { invoice: free, customer, card })).status).toBe('paid');
    expect(target.sandbox.captureCount(invoice.id)).toBe(1);
  });
});
