import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoIncomeTally } from '../../../functions/adapters/dynamodb/dynamo-income-tally.js';
import { DynamoInvoiceActivityLog } from '../../../functions/adapters/dynamodb/dynamo-invoice-activity-log.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import type { OutboxEffect } from '../../../functions/ports/outbox.js';
import { applyCredit } from '../../../functions/use-cases/steps/apply-credit.js';
import { recordPayment } from '../../../functions/use-cases/steps/record-payment.js';
import { tallyIncome } from '../../../functions/use-cases/tally-income.js';
import { backfillIncomeTally } from '../../../scripts/backfill-income-tally.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';
import { outboxEffectsIn } from '../../support/outbox-items.js';

const USD = currency('USD');
const TIME_ZONE = 'America/New_York';

describe('Income counted per day from the outbox (DynamoDB Local)', () => {
  const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
  let tableName: string;
  let tally: DynamoIncomeTally;
  let now = new Date('2026-11-05T03:00:00Z'); // 22:00 on 4 November in New York
  const clock = { now: () => now };
  let deps: Parameters<typeof recordPayment>[0];

  /** The `tally` effects the payments' transactions wrote, as the outbox consumer receives them. */
  const tallyEffects = async (externalId: string) => {
    return (await outboxEffectsIn(db, tableName))
      .filter((e): e is Extract<OutboxEffect, { kind: 'tally' }> => e.kind === 'tally' && e.externalId === externalId);
  };
  const consumer = () => ({ incomeTally: tally, schedulePolicy: { timeZone: TIME_ZONE } });

  beforeAll(async () => {
    tableName = await createTestTable();
    tally = new DynamoIncomeTally(db, tableName);
    const customers = new DynamoCustomerRepository(db, tableName);
    deps = {
      customers, invoices: new DynamoInvoiceRepository(db, tableName), ledger: new DynamoPaymentLedger(db, tableName),
      activity: new DynamoInvoiceActivityLog(db, tableName), ids: randomIdGenerator, clock,
    };
    await customers.create(newCustomer({ id: 'cus_t', email: 't@example.com', name: 'T', currency: USD, userSub: 'sub-t', createdAt: now }));
  });

  it('counts a payment once, delivered five times at once and once more later, on its day in the provider’s time zone', async () => {
    await recordPayment(deps, { method: 'card', externalId: 'pi_tally', customerId: 'cus_t', amount: money(2_500, USD) });
    const [effect, ...others] = await tallyEffects('pi_tally');
    expect(others).toEqual([]);
    expect(effect).toMatchObject({ key: 'tally#card#pi_tally', amount: money(2_500, USD), receivedAt: now.toISOString() });

    const atOnce = await Promise.all(Array.from({ length: 5 }, () => tallyIncome(consumer(), effect!)));
    const late = await tallyIncome(consumer(), effect!);

    expect(atOnce.filter((r) => r === 'added')).toHaveLength(1);
    expect(late).toBe('already_added');
    expect(await tally.days(TIME_ZONE, { from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30') }))
      .toEqual([{ day: '2026-11-04', currency: 'USD', method: 'card', amountMinor: 2_500, count: 1 }]);
  });

  it('counts money paid to an invoice, and never money paid from account credit', async () => {
    now = new Date('2026-11-10T15:00:00Z');
    const invoice = await deps.invoices.createNumbered((number) => Invoice.issue({
      billTo: { name: 'Test Customer', email: 'customer@example.test' }, id: randomIdGenerator.newId('inv'), number, customerId: 'cus_t', currency: USD, dueDate: calendarDate('2026-11-20'), issuedAt: now,
      lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 3_000 }],
    }));
    // 25.00 of credit from the Add Funds above pays part of it; PayPal the rest.
    const { applied } = await applyCredit(deps, { customerId: 'cus_t', invoiceId: invoice.id });
    expect(applied).toEqual(money(2_500, USD));
    await recordPayment(deps, { method: 'paypal', externalId: 'pp_tally', customerId: 'cus_t', invoiceId: invoice.id, amount: money(500, USD) });
    const effects = (await outboxEffectsIn(db, tableName)).filter((e) => e.kind === 'tally');
    expect(effects.map((e) => e.key).sort()).toEqual(['tally#card#pi_tally', 'tally#paypal#pp_tally']);
    for (const effect of await tallyEffects('pp_tally')) await tallyIncome(consumer(), effect);

    expect(await tally.days(TIME_ZONE, { from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30') })).toEqual([
      { day: '2026-11-04', currency: 'USD', method: 'card', amountMinor: 2_500, count: 1 },
      { day: '2026-11-10', currency: 'USD', method: 'paypal', amountMinor: 500, count: 1 },
    ]);
  });

  it('backfills a payment the outbox has not counted yet, and adds nothing for those it has, run twice at once', async () => {
    now = new Date('2026-11-30T23:30:00Z'); // 18:30 on 30 November in New York
    await recordPayment(deps, { method: 'offline', externalId: 'off_tally', customerId: 'cus_t', amount: money(1_000, USD) });

    const runs = await Promise.all([backfillIncomeTally(db, tableName, TIME_ZONE), backfillIncomeTally(db, tableName, TIME_ZONE)]);
    // Then the outbox delivers the offline payment's effect after all.
    for (const effect of await tallyEffects('off_tally')) expect(await tallyIncome(consumer(), effect)).toBe('already_added');

    expect(runs.reduce((n, r) => n + r.added, 0)).toBe(1);
    expect(await tally.days(TIME_ZONE, { from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30') })).toEqual([
      { day: '2026-11-04', currency: 'USD', method: 'card', amountMinor: 2_500, count: 1 },
      { day: '2026-11-10', currency: 'USD', method: 'paypal', amountMinor: 500, count: 1 },
      { day: '2026-11-30', currency: 'USD', method: 'offline', amountMinor: 1_000, count: 1 },
    ]);
    // Another time zone's days are counted apart: UTC puts the offline payment on 30 November too, the card on 5 November.
    await backfillIncomeTally(db, tableName, 'UTC');
    expect((await tally.days('UTC', { from: calendarDate('2026-11-01'), to: calendarDate('2026-11-30') })).map((d) => d.day))
      .toEqual(['2026-11-05', '2026-11-10', '2026-11-30']);
  });
});
