import { describe, expect, it } from 'vitest';
import { paypalAmountLimits } from '../../../functions/adapters/paypal/paypal-amount-limits.js';
import { stripeAmountLimits } from '../../../functions/adapters/stripe/stripe-amount-limits.js';
import { DEFAULT_ESTABLISHED_CUSTOMER_RULE } from '../../../functions/domain/established-customer.js';
import { BusinessRuleError } from '../../../functions/domain/errors.js';
import type { AcceptedCryptocurrencies } from '../../../functions/ports/payments/accepted-cryptocurrencies.js';
import type { HostedCheckout, StartCheckoutInput } from '../../../functions/ports/payments/hosted-checkout.js';
import { PaymentProviderUnavailableError } from '../../../functions/ports/payments/provider-errors.js';
import { addFunds } from '../../../functions/use-cases/add-funds.js';
import { getFundsOptions } from '../../../functions/use-cases/get-funds-options.js';
import { world } from './world.js';

const fundsLimits = { minimum: '5.00', maximum: '2000.00' };
const bitcoin = { id: 'BTC-CHAIN', code: 'BTC', name: 'Bitcoin', network: 'on-chain' };

/** A provider's page that records what it was asked to open. */
function page(name: string) {
  const opened: StartCheckoutInput[] = [];
  const checkout: HostedCheckout = {
    startCheckout: async (input) => {
      opened.push(input);
      return { redirectUrl: `https://${name}.example/pay/${opened.length}`, checkoutId: `${name}-${opened.length}`, expiresAt: input.expiresAt };
    },
    expireCheckout: async () => 'expired',
  };
  return { checkout, opened };
}

/** The established-customer rule's inputs: `paid` invoices paid by card or PayPal. */
const establishment = (w: ReturnType<typeof world>, paid: number) => ({
  clock: w.clock, establishedCustomer: DEFAULT_ESTABLISHED_CUSTOMER_RULE,
  history: { countPaidInvoices: async (_customerId: string, _methods: unknown, enough: number) => Math.min(paid, enough) },
});

describe('Add Funds options', () => {
  const accepted = (list: () => Promise<(typeof bitcoin)[]>): AcceptedCryptocurrencies => ({ list });

  it('lists only the methods set up; PayPal disabled for a currency it does not take; crypto disabled with the reason until established', async () => {
    const w = world();
    await w.customer('Thandi', 'ZAR');
    const options = await getFundsOptions({
      ...w, ...establishment(w, 0), fundsLimits,
      configured: { card: stripeAmountLimits, paypal: paypalAmountLimits, crypto: accepted(async () => [bitcoin]) },
    }, { userSub: 'sub-thandi' });
    expect(options).toMatchObject({ currency: 'ZAR', minimum: 500, maximum: 200_000 });
    expect(options.methods).toEqual([
      { id: 'card', available: true },
      { id: 'paypal', available: false, unavailable: { code: 'currency_not_supported', message: expect.stringContaining('PayPal does not take payments in ZAR') } },
      { id: 'crypto', available: false, unavailable: { code: 'not_established', message: expect.stringMatching(/90 days/) } },
    ]);
  });

  it('keeps the page working when the crypto provider cannot be asked: crypto disabled, saying so', async () => {
    const w = world();
    await w.customer('Ana');
    const options = await getFundsOptions({
      ...w, ...establishment(w, 0), fundsLimits,
      configured: { card: stripeAmountLimits, crypto: accepted(async () => { throw new PaymentProviderUnavailableError(); }) },
    }, { userSub: 'sub-ana' });
    expect(options.methods).toEqual([
      { id: 'card', available: true },
      { id: 'crypto', available: false, unavailable: { code: 'provider_unreachable', message: expect.any(String) } },
    ]);
  });
});

describe('Add Funds', () => {
  const input = (method: 'paypal' | 'crypto', amountMinor = 2500) => ({ userSub: 'sub-ana', amountMinor, method, returnUrl: 'https://billing.example' });

  it('by PayPal: opens a PayPal page for no invoice, which returns to the Account page to wait for the credit', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const paypal = page('paypal');
    const started = await addFunds({ ...w, fundsLimits, checkouts: { paypal: paypal.checkout }, amountLimits: { paypal: paypalAmountLimits } }, input('paypal'));
    expect(started).toEqual({ redirectUrl: 'https://paypal.example/pay/1' });
    expect(paypal.opened).toEqual([expect.objectContaining({
      billingCustomerId: ana.id, purpose: { funds: true }, amount: { amountMinor: 2500, currency: 'USD' },
      successUrl: 'https://billing.example/account?funds=processing', cancelUrl: 'https://billing.example/account?funds=cancelled',
    })]);
  });

  it('by PayPal in a currency PayPal does not take: refused before PayPal is asked', async () => {
    const w = world();
    await w.customer('Ana', 'ZAR');
    const paypal = page('paypal');
    await expect(addFunds({ ...w, fundsLimits, checkouts: { paypal: paypal.checkout }, amountLimits: { paypal: paypalAmountLimits } }, input('paypal')))
      .rejects.toThrow(BusinessRuleError);
    expect(paypal.opened).toEqual([]);
  });

  it('by crypto: only for an established customer while the store accepts some cryptocurrency; otherwise refused with the reason, and no checkout opens', async () => {
    const w = world();
    await w.customer('Ana');
    const crypto = page('btcpay');
    const deps = { ...w, fundsLimits, checkouts: { crypto: crypto.checkout }, amountLimits: {} };
    const store = { cryptocurrencies: { list: async () => [bitcoin] } };
    await expect(addFunds({ ...deps, crypto: { ...establishment(w, 1), ...store } }, input('crypto'))).rejects.toThrow(/90 days/);
    expect(crypto.opened).toEqual([]);

    w.clock.advanceDays(91);
    await expect(addFunds({ ...deps, crypto: { ...establishment(w, 2), cryptocurrencies: { list: async () => [] } } }, input('crypto')))
      .rejects.toThrow('No cryptocurrency is accepted at the moment. Please choose another way to pay.');
    expect(await addFunds({ ...deps, crypto: { ...establishment(w, 2), ...store } }, input('crypto'))).toEqual({ redirectUrl: 'https://btcpay.example/pay/1' });
  });

  it('by a method that is not set up: says so', async () => {
    const w = world();
    await w.customer('Ana');
    await expect(addFunds({ ...w, fundsLimits, checkouts: {}, amountLimits: {} }, input('paypal'))).rejects.toThrow('PayPal payments are not set up for this account yet.');
  });
});
