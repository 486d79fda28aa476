import { BILLING_CURRENCIES } from '../../../../functions/domain/currencies.js';

const names = new Intl.DisplayNames(undefined, { type: 'currency' });

/**
 * Every currency the API accepts for an account, from the server's own list (ISO 4217's current
 * currencies), with its name in the browser's language: "EUR — Euro".
 */
export const currencies: ReadonlyArray<{ code: string; label: string }> = BILLING_CURRENCIES.map((code) => ({
  code, label: `${code} — ${names.of(code) ?? code}`,
}));
