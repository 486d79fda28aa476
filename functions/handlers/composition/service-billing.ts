import { stripeAmountLimits } from '../../adapters/stripe/stripe-amount-limits.js';
import { storage } from './storage.js';

/**
 * The composition root of the daily service billing (service-billing-day.ts): storage only. Issuing a
 * service's invoice and noting an overdue one write the invoice, the service and their outbox items
 * (emails, schedules, events) in one transaction, and the outbox consumer carries them out; so no
 * payment processor, scheduler or event bus is built here, and the run works whichever payment
 * providers are configured, or none. The card limits only add a warning to an invoice cards cannot
 * pay, as for staff's invoices (admin-create-invoice.ts); they are a table, not a call to Stripe.
 */
async function build() {
  return { ...await storage(), cardLimits: stripeAmountLimits };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next run tries again. */
export function serviceBilling(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
