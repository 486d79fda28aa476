import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { startBtcpaySandbox } from '../../../local/btcpay-sandbox/index.js';
import { adapters } from './btcpay-target.js';

/**
 * `npm start` keeps its data between runs: the BTCPay invoices our invoices point at (their open
 * checkouts, their payments being confirmed) must still be there after a restart, with the store's
 * settings and the sandbox clock where they were.
 */
describe('The BTCPay sandbox across a restart of npm start', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('still has the invoice, its payment, the accepted list and the clock, and confirms the payment', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'btcpay-sandbox-'));
    const options = { webhookSecret: 'secret', apiKey: 'local-key', storeId: 'LocalStore', stateFile: path.join(dir, 'btcpay-sandbox.json') };
    const keys = { apiKey: 'local-key', storeId: 'LocalStore', webhookSecret: 'secret' };

    const first = await startBtcpaySandbox(options);
    const before = adapters(first.url, keys, first.now);
    const started = await before.checkout.startCheckout({
      billingCustomerId: 'cus_kept', purpose: { invoiceId: 'inv_kept' }, description: 'Kept', amount: money(1200, 'EUR'), saveMethod: false,
      successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: new Date(first.now() + 30 * 60_000),
    });
    first.pay(started.checkoutId);
    first.setAcceptedMethods(['BTC-CHAIN', 'LTC-CHAIN']);
    first.advanceClock(300_000);
    await first.stop();

    const second = await startBtcpaySandbox(options);
    const after = adapters(second.url, keys, second.now);
    expect(second.now() - Date.now()).toBeGreaterThanOrEqual(299_000);
    expect(await after.client.getInvoice(started.checkoutId)).toMatchObject({ status: 'Processing', amount: '12.00', paidAmount: '12.00' });
    expect((await after.accepted.list()).map((c) => c.id)).toEqual(['BTC-CHAIN', 'LTC-CHAIN']);
    second.advanceClock(300_000);
    expect((await after.client.getInvoice(started.checkoutId))?.status).toBe('Settled');
    await second.stop();
  });
});
