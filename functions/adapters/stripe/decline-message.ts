/**
 * The sentence a customer reads for a decline reason. Stripe advises showing lost or stolen cards
 * as a plain decline, so those (and fraud signals) are not named.
 */
const SENTENCES: Readonly<Record<string, string>> = {
  generic_decline: 'Your card was declined.',
  card_declined: 'Your card was declined.',
  do_not_honor: 'Your card was declined.',
  lost_card: 'Your card was declined.',
  stolen_card: 'Your card was declined.',
  pickup_card: 'Your card was declined.',
  fraudulent: 'Your card was declined.',
  merchant_blacklist: 'Your card was declined.',
  insufficient_funds: 'Your card was declined: insufficient funds.',
  expired_card: 'Your card was declined: the card has expired.',
  incorrect_cvc: 'Your card was declined: the security code is incorrect.',
  incorrect_number: 'Your card was declined: the card number is incorrect.',
  card_velocity_exceeded: 'Your card was declined: the card has reached its limit.',
  processing_error: 'Your card could not be charged because of a processing error at your bank. Please try again.',
  authentication_required: 'Your bank asks you to confirm this payment. Please pay the invoice yourself while signed in.',
  payment_intent_authentication_failure: 'Your bank could not confirm the payment. Please try again or use another card.',
};

export function declineMessage(reason: string): string {
  return SENTENCES[reason] ?? `Your card was declined: ${reason.replaceAll('_', ' ')}.`;
}
