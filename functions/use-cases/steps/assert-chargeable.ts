import { BusinessRuleError } from '../../domain/errors.js';
import type { Money } from '../../domain/money.js';
import type { AmountLimits } from '../../ports/payments/amount-limits.js';

/**
 * Refuses, before anything starts at the provider, an amount the provider cannot take (below its
 * minimum, above its maximum, digits it does not accept).
 * @throws BusinessRuleError with the provider's rule in a sentence for the customer
 */
export function assertChargeable(limits: AmountLimits, amount: Money): void {
  const refusal = limits.refusal(amount);
  if (refusal) throw new BusinessRuleError(refusal.message);
}
