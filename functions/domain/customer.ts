import { ValidationError } from './errors.js';
import { type CurrencyCode, type Money, zero } from './money.js';

export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** Every invoice and every credit of this customer is in this currency. */
  readonly currency: CurrencyCode;
  /** The Cognito user (`sub`) who signs in as this customer. */
  readonly userSub: string;
  /** Charge the default card automatically on the due date. */
  readonly autopay: boolean;
  /** The card charged automatically; absent when the customer has no saved card. */
  readonly defaultCardId?: string;
  /** Kept equal to the sum of the customer's ledger entries, written in the same transaction. */
  readonly creditBalance: Money;
  /** The postal address printed under the name on invoices, one line each (see billing-details.ts). */
  readonly billingAddress?: readonly string[];
  /** The customer's VAT number or other tax ID, printed on invoices. */
  readonly taxId?: string;
  readonly createdAt: string;
  /** The mail service reported that email to this address bounces for good; see `currentEmailBounce`. */
  readonly emailBounced?: EmailProblem;
  /** The customer marked an email from us as spam (a complaint, reported by the mail service). */
  readonly emailComplained?: EmailProblem;
  /**
   * When staff turned off this customer's sign-in (ISO 8601, UTC): the sign-in service refuses their
   * password, and the API refuses their tokens with 401 at once, though a token lives up to an hour.
   */
  readonly signInDisabledAt?: string;
}

/** Something the mail service reported about email to a customer's address. */
export interface EmailProblem {
  /** The address it happened to (the customer's address at the time). */
  readonly address: string;
  /** When the mail service reported it (ISO 8601, UTC). */
  readonly at: string;
  /** The receiving server's words ("smtp; 550 5.1.1 user unknown") or the complaint's feedback type ("abuse"). */
  readonly diagnostic: string;
}

/**
 * The bounce that stops email to the customer: one reported for the address they have now. A bounce of
 * an address they have since changed no longer counts, so changing the address clears it.
 */
export function currentEmailBounce(customer: Pick<Customer, 'email' | 'emailBounced'>): EmailProblem | undefined {
  return customer.emailBounced?.address === customer.email ? customer.emailBounced : undefined;
}

/** A complaint about email to the customer's current address, as `currentEmailBounce`. */
export function currentEmailComplaint(customer: Pick<Customer, 'email' | 'emailComplained'>): EmailProblem | undefined {
  return customer.emailComplained?.address === customer.email ? customer.emailComplained : undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized) || normalized.length > 254) throw new ValidationError('email', 'Enter a valid email address.');
  return normalized;
}

export function newCustomer(input: {
  id: string; email: string; name: string; currency: CurrencyCode; userSub: string; createdAt: Date;
}): Customer {
  const name = input.name.trim();
  if (!name) throw new ValidationError('name', 'Enter the customer’s name.');
  return {
    id: input.id,
    email: normalizeEmail(input.email),
    name,
    currency: input.currency,
    userSub: input.userSub,
    autopay: true,
    creditBalance: zero(input.currency),
    createdAt: input.createdAt.toISOString(),
  };
}
