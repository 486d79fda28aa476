import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { startStripeSandbox } from '../../../local/stripe-sandbox/index.js';
import { adapters } from '../stripe/stripe-target.js';

/**
 * `npm start` keeps its data between runs, and the Stripe ids it stored (customers, saved cards) must
 * still mean something to the sandbox after a restart, or every saved card would fail to charge.
 */
describe('The Stripe sandbox across a restart of npm start', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('still knows the customer and the saved card, and charges it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stripe-sandbox-'));
    const stateFile = path.join(dir, 'stripe-sandbox.json');
    const connect = (port: number) => ({
      ...adapters({ secretKey: 'sk_test_local', webhookSecret: 'whsec_x' }, { host: '127.0.0.1', port, protocol: 'http' }),
      stripe: new Stripe('sk_test_local', { host: '127.0.0.1', port, protocol: 'http' }),
    });

    const first = await startStripeSandbox({ webhookSecret: 'whsec_x', stateFile });
    const before = connect(first.port);
    const customerRef = await before.cards.ensureCustomer({ billingCustomerId: 'cus_kept', email: 'kept@example.com' });
    const card = await before.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
    await first.stop();

    const second = await startStripeSandbox({ webhookSecret: 'whsec_x', stateFile });
    const after = connect(second.port);
    const outcome = await after.cards.charge({
      customerRef, billingCustomerId: 'cus_kept', methodId: card.id, invoiceId: 'inv_kept', amount: money(1200, 'EUR'), idempotencyKey: 'charge-inv_kept-1',
    });
    expect(outcome).toMatchObject({ kind: 'succeeded', amount: { amountMinor: 1200, currency: 'EUR' } });
    expect((await after.cards.card(card.id)).last4).toBe('4242');
    await second.stop();
  });
});
