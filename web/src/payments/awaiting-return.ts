/**
 * What this tab started before it left for a provider's page, read again when the provider sends the
 * customer back: the page then knows what to wait for (the balance before Add Funds, the invoices of a
 * mass payment). Kept in sessionStorage, which survives the round trip through another origin in the
 * same tab and nothing more; a browser that refuses storage only loses the precise wait.
 */
export interface AwaitedReturns {
  /** Add Funds: the credit balance before the payment and the amount bought, in minor units. */
  funds: { balanceBefore: number; amount: number; currency: string; method?: 'card' | 'paypal' | 'crypto' };
  /** Mass pay by card: the invoices on the one card page, and its total. */
  batch: { invoiceIds: string[]; total: number; currency: string };
}

const key = (kind: keyof AwaitedReturns) => `billing.awaiting.${kind}`;

export function rememberReturn<K extends keyof AwaitedReturns>(kind: K, value: AwaitedReturns[K]): void {
  try {
    sessionStorage.setItem(key(kind), JSON.stringify(value));
  } catch {
    // Storage refused (private mode, quota): the return page falls back to a general message.
  }
}

/** What was remembered for `kind`, or undefined (none, or not readable). */
export function recallReturn<K extends keyof AwaitedReturns>(kind: K): AwaitedReturns[K] | undefined {
  try {
    const raw = sessionStorage.getItem(key(kind));
    return raw ? (JSON.parse(raw) as AwaitedReturns[K]) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetReturn(kind: keyof AwaitedReturns): void {
  try {
    sessionStorage.removeItem(key(kind));
  } catch {
    // Nothing to forget.
  }
}
