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
}

const BY_NUMBER: Readonly<Record<string, Omit<TestCard, 'last4'>>> = {
  '4242424242424242': { brand: 'visa', behavior: 'succeeds' },
  '5555555555554444': { brand: 'mastercard', behavior: 'succeeds' },
  '4000000000000002': { brand: 'visa', behavior: 'declines' },
  '4000000000009995': { brand: 'visa', behavior: 'insufficient_funds' },
  '4000000000000341': { brand: 'visa', behavior: 'declines_after_attach' },
  '4000002760003184': { brand: 'visa', behavior: 'always_authenticate' },
  '4000002500003155': { brand: 'visa', behavior: 'authenticate_until_setup' },
};

/** Stripe's test PaymentMethod tokens, usable with `POST /v1/payment_methods/:token/attach`. */
const BY_TOKEN: Readonly<Record<string, string>> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredSetupForOffSession: '4000002500003155',
};

export function testCardByNumber(input: string): TestCard | undefined {
  const number = input.replace(/[\s-]/g, '');
  const card = BY_NUMBER[number];
  return card && { ...card, last4: number.slice(-4) };
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
