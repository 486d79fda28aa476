import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';
import { type BilledOutcome, INVOICE_AMOUNT, SERVICE_PRICE, runAutomaticBilling } from './support/billing-without-providers.js';

/**
 * A provider with cards but neither PayPal nor BTCPay configured: the automatic work runs as with
 * them. The due date's credit and card charge pay the autopay invoice; the service's invoice is
 * issued and reminded, and, with no card on file, left overdue.
 */
describe('the automatic work without PayPal or crypto', () => {
  let system: LocalSystem;
  let outcome: BilledOutcome;

  beforeAll(async () => {
    system = await startLocalSystem({ port: 0, inMemory: true, without: ['paypal', 'btcpay'] });
    outcome = await runAutomaticBilling(system);
  }, 240_000);

  afterAll(() => system?.stop());

  it('pays the autopay invoice on its due date: the credit first, the rest on the card, one capture', () => {
    expect(outcome.autopay).toEqual({ status: 'paid', amountPaid: INVOICE_AMOUNT, amountDue: 0, captures: 1, dunning: { lastOutcome: 'paid' } });
  });

  it('issues the service’s invoice on the daily run, emails and reminds its customer, and leaves it overdue', () => {
    expect(outcome.service).toEqual({ status: 'open', amountDue: SERVICE_PRICE, overdue: true, dunning: { lastOutcome: 'not_charged' } });
    expect(outcome.serviceEmails).toEqual(expect.arrayContaining([expect.stringMatching(/^Invoice #\d+ from/), expect.stringMatching(/^Reminder: invoice/)]));
  });
});
