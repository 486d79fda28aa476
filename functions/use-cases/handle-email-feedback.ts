import type { CustomerRepository, EmailFeedback } from '../ports/customer-repository.js';

export interface EmailFeedbackResult {
  /** Recipients whose customer record changed. */
  readonly recorded: number;
  /** Reports that changed nothing: repeated, older than what is kept, or for no customer's current address. */
  readonly ignored: number;
}

/**
 * What the mail service reported about emails we sent (SES bounces, complaints and deliveries, as
 * translated by functions/adapters/ses/ses-event-notification.ts), noted on the customers:
 *
 *  1. find the customer by the recipient's address (one customer per address);
 *  2. a permanent bounce marks them `emailBounced` (when and the receiving server's diagnostic): staff
 *     see "emails to this address bounce", the customer a banner asking to update it, and invoice
 *     emails to that address are skipped; a complaint marks them `emailComplained`;
 *  3. a later delivery to the same address clears the bounce; so does a change of address, since a
 *     mark only counts for the address it was reported for.
 *
 * Safe to repeat and to receive out of order (SNS delivers at least once, in no fixed order).
 */
export async function handleEmailFeedback(
  deps: { customers: Pick<CustomerRepository, 'findByEmail' | 'noteEmailFeedback'> },
  reports: readonly EmailFeedback[],
): Promise<EmailFeedbackResult> {
  let recorded = 0;
  let ignored = 0;
  for (const report of reports) {
    const customer = await deps.customers.findByEmail(report.address);
    const outcome = customer ? await deps.customers.noteEmailFeedback(customer.id, report) : 'ignored';
    if (outcome === 'recorded') recorded += 1;
    else ignored += 1;
  }
  return { recorded, ignored };
}
