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
import { ConflictError } from '../../../functions/domain/errors.js';
import { CHARGE_ATTEMPT_LEASE_MS, Invoice, billToOf } from '../../../functions/domain/invoice.js';
import { currency } from '../../../functions/domain/money.js';
import type { PaymentLedger } from '../../../functions/ports/payment-ledger.js';
import { applyPaymentEvent } from '../../../functions/use-cases/steps/apply-payment-event.js';
import { chargeInvoiceWithSavedCard } from '../../../functions/use-cases/steps/charge-invoice-with-saved-card.js';
import { signedStripeWebhook } from '../../fixtures/stripe/events.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';
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
});
