/**
 * Stripe's test cards (PROVIDERS.md) and how each behaves here. Only the behaviour, brand and last 4
 * digits are kept after a card is entered; the number itself is dropped at once.
 */
export type CardBehavior =
  /** Every charge succeeds. */
  | 'succeeds'
  /** Declined with `generic_decline`, also when saving it. */
  | 'declines'
  /** Saving works; charging is declined with `insufficient_funds`. */
  | 'insufficient_funds'
  /** Saving works; every charge is declined with `generic_decline` (Stripe's 4000 0000 0000 0341). */
  | 'declines_after_attach'
  /** 3-D Secure on every charge; off-session charges fail with `authentication_required`. */
  | 'always_authenticate'
  /** 3-D Secure until the card is set up for off-session use; then off-session charges succeed. */
  | 'authenticate_until_setup';

export interface TestCard {
  brand: 'visa' | 'mastercard' | 'amex';
  last4: string;
  behavior: CardBehavior;
  /** The issuing bank's country (ISO 3166-1 alpha-2), which decides international card pricing. */
  country: string;
}

const BY_NUMBER: Readonly<Record<string, Omit<TestCard, 'last4' | 'country'> & { country?: string }>> = {
  '4242424242424242': { brand: 'visa', behavior: 'succeeds' },
  '5555555555554444': { brand: 'mastercard', behavior: 'succeeds' },
  '4000000000000002': { brand: 'visa', behavior: 'declines' },
  '4000000000009995': { brand: 'visa', behavior: 'insufficient_funds' },
  '4000000000000341': { brand: 'visa', behavior: 'declines_after_attach' },
  '4000002760003184': { brand: 'visa', behavior: 'always_authenticate' },
  '4000002500003155': { brand: 'visa', behavior: 'authenticate_until_setup' },
  // Stripe's international test cards (docs.stripe.com/testing#international-cards): they succeed,
  // issued abroad, so a US account pays the international card fee on them.
  '4000000760000002': { brand: 'visa', behavior: 'succeeds', country: 'BR' },
  '4000001240000000': { brand: 'visa', behavior: 'succeeds', country: 'CA' },
};

/** Where the basic test cards are issued: the United States, as Stripe's are. */
const DEFAULT_COUNTRY = 'US';

/** Stripe's test PaymentMethod tokens, usable with `POST /v1/payment_methods/:token/attach`. */
const BY_TOKEN: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredSetupForOffSession: '4000002500003155',
  pm_card_br: '4000000760000002',
  pm_card_ca: '4000001240000000',
};

export function testCardByNumber(input: string): TestCard | undefined {
  const number = input.replace(/[\s-]/g, '');
  const card = BY_NUMBER[number];
  return card && { ...card, country: card.country ?? DEFAULT_COUNTRY, last4: number.slice(-4) };
}

export function testCardByToken(token: string): TestCard | undefined {
  const number = BY_TOKEN[token];
  return number ? testCardByNumber(number) : undefined;
}

/** What happens when a card is charged or saved here. */
export type CardResult =
  | { result: 'ok' }
  | { result: 'declined'; declineCode: string; message: string }
  | { result: 'authenticate' };

const DECLINED = 'Your card was declined.';

export function chargeResult(behavior: CardBehavior, offSession: boolean, setUpForOffSession: boolean): CardResult {
  switch (behavior) {
    case 'succeeds':
      return { result: 'ok' };
    case 'declines':
    case 'declines_after_attach':
      return { result: 'declined', declineCode: 'generic_decline', message: DECLINED };
    case 'insufficient_funds':
      return { result: 'declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    case 'always_authenticate':
      return { result: 'authenticate' };
    case 'authenticate_until_setup':
      return offSession && setUpForOffSession ? { result: 'ok' } : { result: 'authenticate' };
  }
}

export function setupResult(behavior: CardBehavior): CardResult {
  if (behavior === 'declines') return { result: 'declined', declineCode: 'generic_decline', message: DECLINED };
  if (behavior === 'always_authenticate' || behavior === 'authenticate_until_setup') return { result: 'authenticate' };
  return { result: 'ok' };
}
