import type { FundsMethodId, FundsOptions } from '../api/types.js';

/** One way to pay for Add Funds, as the Add Funds page lists it. */
export interface FundsMethod {
  id: FundsMethodId;
  label: string;
  /** One line under the label: where the customer pays. */
  detail: string;
  /** Why this account cannot use it now (crypto before the account is established); undefined when it can. */
  reason?: string;
}

/**
 * Every way POST /v1/funds takes, keyed by the API's own `method` names: when the API adds one, this
 * table no longer type-checks until it has an entry. Each is a provider's page the customer is sent
 * to; the webhook credits the account.
 */
const byId: { [Id in FundsMethodId]: Omit<FundsMethod, 'reason'> & { id: Id } } = {
  card: { id: 'card', label: 'Card', detail: 'Credit or debit card, on Stripe’s secure page' },
  paypal: { id: 'paypal', label: 'PayPal', detail: 'Approve the payment on PayPal’s page' },
  crypto: { id: 'crypto', label: 'Cryptocurrency', detail: 'On BTCPay Server’s checkout; credited once the payment confirms, which can take tens of minutes' },
};

/**
 * The ways to pay that GET /v1/funds lists for this account, in its order: only those set up, one the
 * customer cannot use now with the API's reason (shown disabled, as the invoice's selector does).
 */
export function fundsMethodsOf(options: FundsOptions): FundsMethod[] {
  return options.methods.map((method) => ({
    ...byId[method.id],
    ...(method.available ? {} : { reason: method.unavailable?.message ?? 'Not available for this account.' }),
  }));
}
