import type { Money } from '../../domain/money.js';

/** Why a provider cannot take an amount, with a sentence for the customer or staff. */
export type AmountRefusal = {
  readonly reason: 'below_minimum' | 'above_maximum' | 'precision' | 'currency_not_supported';
  /** e.g. "Card payments in USD must be at least 0.50 USD." */
  readonly message: string;
};

/**
 * What a provider can charge in one payment: its per-currency minimum and maximum and any rule on the
 * digits (for cards on Stripe, docs.stripe.com/currencies "Minimum and maximum charge amounts" and
 * "Three-decimal currencies"). Known without asking the provider, so it is checked before a payment
 * starts and shown to staff when an invoice is issued.
 */
export interface AmountLimits {
  /** Undefined when the provider can take the amount. */
  refusal(amount: Money): AmountRefusal | undefined;
}
