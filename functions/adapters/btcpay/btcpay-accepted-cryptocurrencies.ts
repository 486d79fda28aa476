import type { AcceptedCryptocurrencies, Cryptocurrency } from '../../ports/payments/accepted-cryptocurrencies.js';
import type { BtcpayClient } from './btcpay-client.js';
import { cryptocurrencyOf } from './payment-method-names.js';

/**
 * How long the store's list is kept before BTCPay is asked again: a payment method the merchant
 * enables or disables is offered (or no longer) within two minutes, at one request per warm function
 * every two minutes.
 */
export const ACCEPTED_LIST_MAX_AGE_MS = 2 * 60_000;

/**
 * The store's enabled payment methods (`GET /api/v1/stores/{storeId}/payment-methods?onlyEnabled=true`)
 * as cryptocurrencies, cached for at most ACCEPTED_LIST_MAX_AGE_MS. A failed read is not cached.
 */
export class BtcpayAcceptedCryptocurrencies implements AcceptedCryptocurrencies {
  private cached: { at: number; list: readonly Cryptocurrency[] } | undefined;

  constructor(
    private readonly client: BtcpayClient,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = ACCEPTED_LIST_MAX_AGE_MS,
  ) {}

  async list(): Promise<readonly Cryptocurrency[]> {
    const now = this.now();
    if (this.cached && now - this.cached.at < this.maxAgeMs) return this.cached.list;
    const methods = await this.client.listPaymentMethods(true);
    const list = methods.filter((method) => method.enabled).map((method) => cryptocurrencyOf(method.paymentMethodId));
    this.cached = { at: now, list };
    return list;
  }
}
