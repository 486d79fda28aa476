/**
 * Where the PayPal adapter remembers the billing plans it created, so that each (price, cycle,
 * currency) gets one plan, made once and reused. Keys are chosen by the adapter, deterministically.
 */
export interface PayPalPlanStore {
  /** The plan id remembered under `key`, if any. */
  find(key: string): Promise<string | undefined>;
  /**
   * Remembers `planId` under `key` unless another is already there, and returns the one that stays:
   * two functions racing to create a plan both end up using the first one stored (the other plan is
   * simply never used, which costs nothing at PayPal).
   */
  remember(key: string, planId: string): Promise<string>;
}
