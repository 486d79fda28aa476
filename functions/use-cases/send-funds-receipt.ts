import { currentEmailBounce } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { FundsReceiptComposer } from '../ports/funds-receipt-composer.js';
import type { Mailer } from '../ports/mailer.js';
import { type FundsReceiptRequest, fundsReceiptKey } from '../ports/outbox.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import type { SentEmails } from '../ports/sent-emails.js';
import { type SendEmailResult, sendEmailOnce } from './steps/send-email-once.js';

export interface SendFundsReceiptDeps {
  readonly customers: Pick<CustomerRepository, 'get'>;
  readonly ledger: Pick<PaymentLedger, 'findPayment'>;
  readonly fundsComposer: FundsReceiptComposer;
  readonly mailer: Mailer;
  readonly sentEmails: SentEmails;
  readonly clock: Clock;
}

/**
 * Emails the receipt for money added to the account (Add Funds), exactly once per payment
 * (`fundsReceiptKey`), as invoice emails are sent (send-invoice-email.ts):
 *
 *  1. claim the key (done before: nothing; held by another call: EmailSendInProgressError);
 *  2. load the payment and the customer; skip, and record why, when their address bounces;
 *  3. send it to the customer's address now, with their credit balance now;
 *  4. complete the claim with the message id or SES's refusal; any other error releases it and is rethrown.
 * @throws NotFoundError when the payment or its customer is missing; EmailSendInProgressError
 */
export async function sendFundsReceipt(
  deps: SendFundsReceiptDeps,
  input: FundsReceiptRequest,
  options: { readonly holder?: string } = {},
): Promise<SendEmailResult> {
  return sendEmailOnce(deps, fundsReceiptKey(input), options.holder, async () => {
    const payment = await deps.ledger.findPayment(input.method, input.externalId);
    if (!payment) throw new NotFoundError('Payment');
    const customer = await deps.customers.get(payment.customerId);
    if (!customer) throw new NotFoundError('Customer');
    const bounce = currentEmailBounce(customer);
    if (bounce) return { skip: `Email to ${bounce.address} bounced on ${bounce.at}: ${bounce.diagnostic}` };
    const rendered = deps.fundsComposer.compose({ to: { name: customer.name, email: customer.email }, payment, balance: customer.creditBalance });
    return { to: customer.email, ...rendered, tags: { kind: 'funds_receipt' } };
  });
}
