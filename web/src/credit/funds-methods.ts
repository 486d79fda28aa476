import type { FundsMethodId } from '../api/types.js';

/** One way to pay for Add Funds, as the Add Funds page lists it. */
export interface FundsMethod {
  id: FundsMethodId;
  label: string;
  /** One line under the label: where the customer pays. */
  detail: string;
}

/**
 * Every way POST /v1/funds takes, keyed by the API's own `method` names: when the API adds one
 * (PayPal, crypto), this table no longer type-checks until it has an entry, which the page then lists
 * in this order. Each is a provider's page the customer is sent to; the webhook credits the account.
 */
const byId: { [Id in FundsMethodId]: FundsMethod & { id: Id } } = {
  card: { id: 'card', label: 'Card', detail: 'Credit or debit card, on Stripe’s secure page' },
};

export const fundsMethods: readonly FundsMethod[] = Object.values(byId);
