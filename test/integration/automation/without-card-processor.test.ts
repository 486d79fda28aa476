import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_CARD_PROCESSOR } from '../../../functions/adapters/unconfigured/no-card-processor.js';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { type BilledOutcome, CREDIT, INVOICE_AMOUNT, SERVICE_PRICE, runAutomaticBilling } from './support/billing-without-providers.js';

/**
 * A provider without a card processor (no Stripe secret): every function of the automatic work
 * starts and does its work that needs no card. The service's invoice is issued, reminders and emails
 * go out, credit pays what it can on the due date, and the card step says that no card processor is
 * configured, leaving the invoice open and then overdue, as with automatic billing off.
 */
describe('the automatic work without a card processor', () => {
  let system: LocalSystem;
  let outcome: BilledOutcome;

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true, without: ['stripe'] });
    outcome = await runAutomaticBilling(system);
  }, 240_000);

  afterAll(() => system?.stop());

  it('applies the credit on the due date and records the card step as not charged: no card processor configured', () => {
    expect(outcome.autopay).toEqual({
      status: 'open', amountPaid: CREDIT, amountDue: INVOICE_AMOUNT - CREDIT, captures: 0,
      dunning: { lastOutcome: 'not_charged', reason: NO_CARD_PROCESSOR },
    });
    expect(outcome.autopayEmails).toEqual(expect.arrayContaining([expect.stringMatching(/^Reminder: invoice/)]));
  });

  it('issues the service’s invoice on the daily run, emails and reminds its customer, and leaves it overdue', () => {
    expect(outcome.service).toEqual({ status: 'open', amountDue: SERVICE_PRICE, overdue: true, dunning: { lastOutcome: 'not_charged' } });
    expect(outcome.serviceEmails).toEqual(expect.arrayContaining([expect.stringMatching(/^Invoice #\d+ from/), expect.stringMatching(/^Reminder: invoice/)]));
  });
});
