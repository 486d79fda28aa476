import { BusinessRuleError } from '../../domain/errors.js';
import type { AmountLimits, AmountRefusal } from '../../ports/payments/amount-limits.js';
import type { ProviderCustomers } from '../../ports/payments/provider-customers.js';
import type { SavedPaymentMethods } from '../../ports/payments/saved-payment-methods.js';

/** What the customer, staff and the due-date charge's record are told when no card processor is configured. */
export const NO_CARD_PROCESSOR = 'No card processor is configured: card payments are not available.';

/**
 * The card capabilities of a stack without a card processor (no Stripe secret: functions/config.ts
 * `stripe` unset). Everything that needs no card (credit, PayPal, crypto, reminders, the due date's
 * credit step) works beside it; every card step refuses with NO_CARD_PROCESSOR as a business rule,
 * which the due-date charge records as "not charged" (as with automatic billing off) and the API
 * answers with 422. No hosted card page or card refund exists beside it: the composition leaves the
 * `card` entries of checkouts and refunds out.
 */
export class NoCardProcessor implements ProviderCustomers, SavedPaymentMethods, AmountLimits {
  refusal(): AmountRefusal {
    return { reason: 'currency_not_supported', message: NO_CARD_PROCESSOR };
  }

  ensureCustomer(): Promise<never> {
    return refuse();
  }

  startSetup(): Promise<never> {
    return refuse();
  }

  charge(): Promise<never> {
    return refuse();
  }

  detach(): Promise<never> {
    return refuse();
  }
}

const refuse = (): Promise<never> => Promise.reject(new BusinessRuleError(NO_CARD_PROCESSOR));
