import type Stripe from 'stripe';
import type { ProcessorFeeReading } from '../../domain/processor-fee.js';
import { PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';
import type { ProcessorFees } from '../../ports/payments/processor-fees.js';
import type { StripeClients } from './stripe-client.js';
import { providerError } from './stripe-errors.js';
import { fromStripeAmount } from './stripe-money.js';

/**
 * Stripe's fee for a card payment: the PaymentIntent read once with its latest charge and that
 * charge's balance transaction expanded (docs.stripe.com/api/balance_transactions/object). The
 * balance transaction is in the account's settlement currency: `amount` is the payment as it reached
 * the balance, `fee` what Stripe kept of it, `exchange_rate` set when the payment was converted.
 * A read only: no idempotency key, nothing changes at Stripe.
 */
export class StripeProcessorFees implements ProcessorFees {
  constructor(private readonly clients: StripeClients) {}

  async feeOf(paymentId: string): Promise<ProcessorFeeReading> {
    let intent: Stripe.PaymentIntent;
    try {
      const stripe = await this.clients.client();
      intent = await stripe.paymentIntents.retrieve(paymentId, { expand: FEE_EXPANSION });
    } catch (error) {
      throw providerError(error);
    }
    const reading = bookedFeeOf(intent);
    // A charge is booked at once for cards; until it is, ask again later rather than record nothing.
    if (!reading) throw new PaymentProviderUnavailableError({ cause: new Error(`PaymentIntent ${paymentId} has no balance transaction yet`) });
    return reading;
  }
}

/**
 * The fee of a PaymentIntent read or created with `expand: ['latest_charge.balance_transaction']`
 * (FEE_EXPANSION); undefined when its charge is not booked yet or was not expanded.
 */
export function bookedFeeOf(intent: Stripe.PaymentIntent): ProcessorFeeReading | undefined {
  const charge = intent.latest_charge;
  const booked = charge && typeof charge === 'object' ? charge.balance_transaction : null;
  return booked && typeof booked === 'object' ? readingOf(booked) : undefined;
}

/** What a PaymentIntent request expands so that its answer carries the fee (docs.stripe.com/expand). */
export const FEE_EXPANSION = ['latest_charge.balance_transaction'];

function readingOf(bt: Stripe.BalanceTransaction): ProcessorFeeReading {
  return {
    fee: fromStripeAmount(bt.fee, bt.currency),
    settled: fromStripeAmount(bt.amount, bt.currency),
    ...(bt.exchange_rate !== null && bt.exchange_rate !== undefined ? { exchangeRate: bt.exchange_rate } : {}),
    details: bt.fee_details.map((d) => ({
      amountMinor: fromStripeAmount(d.amount, d.currency).amountMinor, type: d.type, description: d.description ?? d.type,
    })),
  };
}
