import { ProviderUnavailableError } from '../../domain/errors.js';
import { PaymentProviderUnavailableError } from '../../ports/payments/provider-errors.js';

/** Runs a call to a payment provider; a passing fault there becomes the customer's sentence, a 502. */
export async function providerCall<T>(call: () => Promise<T>, message?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PaymentProviderUnavailableError) {
      throw new ProviderUnavailableError(message ?? error.message, { cause: error });
    }
    throw error;
  }
}
