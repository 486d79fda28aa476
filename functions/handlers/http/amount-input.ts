import * as z from 'zod';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';

const WHOLE = 'must be a whole number of minor units (cents), such as 1999 for 19.99.';
const AT_MOST = `can be at most ${MAX_AMOUNT_MINOR.toLocaleString('en')} minor units (10,000,000,000.00 in a currency with cents).`;

/**
 * A money amount as the API takes it: a whole number of the currency's minor units (cents), at most
 * MAX_AMOUNT_MINOR (money.ts), the bound every stored sum also keeps. Each use adds its own lower
 * bound and message (`.positive('Enter an amount greater than zero.')`). A value of the wrong type,
 * a fraction of a cent or one too large is refused with a sentence that says so.
 */
export const amountInput = z.number({ error: (issue) => (issue.input === undefined ? undefined : WHOLE) })
  .int({ error: WHOLE })
  .max(MAX_AMOUNT_MINOR, { error: AT_MOST })
  .describe(`An amount in the currency’s minor unit (cents), as Stripe writes it; at most ${MAX_AMOUNT_MINOR}.`);

/** A signed amount (a staff credit adjustment): at most MAX_AMOUNT_MINOR either way. */
export const signedAmountInput = amountInput.min(-MAX_AMOUNT_MINOR, { error: `${AT_MOST.replace(/\.$/, '')} either way.` });
