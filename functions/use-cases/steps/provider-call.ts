import { BusinessRuleError, ProviderUnavailableError } from '../../domain/errors.js';
import { PaymentProviderError, PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';

/**
 * Runs a call to a payment provider and words its failures for the customer: a passing fault becomes
 * "try again in a few minutes" (502), an amount the provider will not take a business rule (422).
 * Anything else (a bug, a bad setting) is rethrown as it is.
 */
export async function providerCall<T>(call: () => Promise<T>, message?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PaymentProviderUnavailableError) {
      throw new ProviderUnavailableError(message ?? error.message, { cause: error });
    }
    if (error instanceof PaymentProviderError && error.reason === 'amount_not_accepted') {
      throw new BusinessRuleError('This amount cannot be paid by card. Please choose another way to pay, or contact us.', { cause: error });
    }
    throw error;
  }
}
