import { SESClient } from '@aws-sdk/client-ses';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_STAND_IN_CALL_LIMITS, awsClientOptions } from '../../../functions/adapters/aws/aws-client-options.js';
import { DynamoCardRepository } from '../../../functions/adapters/dynamodb/dynamo-card-repository.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoPaymentLedger } from '../../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoSentEmails } from '../../../functions/adapters/dynamodb/dynamo-sent-emails.js';
import { HtmlInvoiceEmailComposer } from '../../../functions/adapters/email/html-invoice-email-composer.js';
import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import { translateSesNotification } from '../../../functions/adapters/ses/ses-event-notification.js';
import { SesMailer } from '../../../functions/adapters/ses/ses-mailer.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { type Customer, newCustomer } from '../../../functions/domain/customer.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { currency } from '../../../functions/domain/money.js';
import { handleEmailFeedback } from '../../../functions/use-cases/handle-email-feedback.js';
import { EmailSendInProgressError, type SendInvoiceEmailDeps, sendInvoiceEmail } from '../../../functions/use-cases/send-invoice-email.js';
import { type MailServer, startMailServer } from '../../../local/mail.js';
import { createTestTable, documentClient } from '../../support/dynamodb.js';
import { readPdf } from '../../support/pdf-text.js';
import { APP_URL, SELLER } from '../../unit/email/fixtures.js';

describe('Invoice emails sent once, through SES, with its feedback noted on the customer', () => {
  let server: MailServer;
  let client: SESClient;
  let table = '';
  let deps: SendInvoiceEmailDeps & { customers: DynamoCustomerRepository; invoices: DynamoInvoiceRepository; ledger: DynamoPaymentLedger };
  let n = 0;
  const now = new Date('2026-03-01T09:00:00Z');

  async function customerWithInvoice(email = `customer${++n}@example.test`): Promise<{ customer: Customer; invoice: Invoice }> {
    const customer = newCustomer({ id: `cus_${++n}`, email, name: 'Zofia Łukasiewicz-Żądło', currency: currency('EUR'), userSub: `sub-${n}`, createdAt: now });
    await deps.customers.create(customer);
    const invoice = await deps.invoices.createNumbered((number) => Invoice.issue({
      id: `inv_${++n}`, number, customerId: customer.id, currency: customer.currency, dueDate: calendarDate('2026-03-15'), issuedAt: now,
      lines: [{ description: 'Managed WordPress, March', quantity: 1, unitAmountMinor: 2500 }],
      billTo: { name: customer.name, email: customer.email },
    }));
    return { customer, invoice };
  }

  beforeAll(async () => {
    server = await startMailServer();
    table = await createTestTable();
    const db = documentClient();
    client = new SESClient(awsClientOptions({ region: 'us-east-1', endpoint: server.endpoint, limits: LOCAL_STAND_IN_CALL_LIMITS }));
    deps = {
      customers: new DynamoCustomerRepository(db, table),
      invoices: new DynamoInvoiceRepository(db, table),
      ledger: new DynamoPaymentLedger(db, table),
      cards: new DynamoCardRepository(db, table),
      composer: new HtmlInvoiceEmailComposer(SELLER, APP_URL),
      renderer: pdfLibInvoiceRenderer,
      seller: SELLER,
      mailer: new SesMailer(client, { address: SELLER.email, name: SELLER.name, replyTo: SELLER.email, configurationSet: 'billing' }),
      sentEmails: new DynamoSentEmails(db, table),
      clock: { now: () => now },
    };
    // SES's event notifications, as the deployed topic would deliver them, to the feedback use case.
    server.deliverFeedbackTo(async (event) => {
      for (const record of event.Records) await handleEmailFeedback(deps, translateSesNotification(record.Sns.Message).feedback);
    });
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  beforeEach(async () => { await server.clear(); });

  it('sends the issued invoice with its PDF attached, to the customer, in the local mail viewer', async () => {
    const { customer, invoice } = await customerWithInvoice();
    const result = await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: invoice.id });
    expect(result.status).toBe('sent');
    const [email] = await server.listEmails();
    expect(email?.to).toEqual([customer.email]);
    expect(email?.subject).toBe(`Invoice #${String(invoice.state.number).padStart(6, '0')} from ${SELLER.name}: 25.00 EUR due 2026-03-15`);
    expect(email?.attachments).toHaveLength(1);
    expect(email?.attachments[0]?.fileName).toBe(`invoice-${invoice.state.number}.pdf`);
    const pdfText = (await readPdf(email!.attachments[0]!.content)).map((p) => p.text).join('\n');
    expect(pdfText).toContain('Zofia Łukasiewicz-Żądło');
    expect(pdfText).toContain('25.00 EUR');
  });

  it('sends one email when 20 sends of the same key run at once, and none when it is asked again later', async () => {
    const { invoice } = await customerWithInvoice();
    const input = { kind: 'payment_declined', invoiceId: invoice.id, attempt: 1, reason: 'Your card was declined.' } as const;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => sendInvoiceEmail(deps, input)));
    const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'sent');
    expect(sent).toHaveLength(1);
    for (const other of outcomes.filter((o) => !sent.includes(o))) {
      // The others found it sent, or still being sent (they would try again later and find it sent).
      if (other.status === 'fulfilled') expect(other.value.status).toBe('already_done');
      else expect(other.reason).toBeInstanceOf(EmailSendInProgressError);
    }
    expect(await sendInvoiceEmail(deps, input)).toEqual({ status: 'already_done' });
    expect(await server.listEmails()).toHaveLength(1);
    // Another attempt is another email.
    expect((await sendInvoiceEmail(deps, { ...input, attempt: 2 })).status).toBe('sent');
    expect(await server.listEmails()).toHaveLength(2);
  });

  it('marks a customer whose address bounces (bounce@ of the SES mailbox simulator), then skips their emails and says why', async () => {
    const { customer, invoice } = await customerWithInvoice('bounce@simulator.amazonses.com');
    expect((await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: invoice.id })).status).toBe('sent');
    await server.feedbackSettled();
    const marked = await deps.customers.get(customer.id);
    expect(marked?.emailBounced).toMatchObject({ address: 'bounce@simulator.amazonses.com', diagnostic: 'smtp; 550 5.1.1 user unknown' });

    const reminder = await sendInvoiceEmail(deps, { kind: 'invoice_reminder', invoiceId: invoice.id });
    expect(reminder).toMatchObject({ status: 'skipped', reason: expect.stringContaining('smtp; 550 5.1.1 user unknown') });
    expect(await server.listEmails()).toHaveLength(1);
    const { Item } = await documentClient().send(new GetCommand({ TableName: table, Key: { PK: `SENT_EMAIL#${invoice.id}#invoice_reminder#-`, SK: 'SENT_EMAIL' } }));
    expect(Item).toMatchObject({ status: 'done', outcome: 'skipped' });
  });

  it('marks a complaint (complaint@) without stopping the emails, and a plain delivery marks nothing', async () => {
    const complaining = await customerWithInvoice('complaint@simulator.amazonses.com');
    const fine = await customerWithInvoice('success@simulator.amazonses.com');
    await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: complaining.invoice.id });
    await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: fine.invoice.id });
    await server.feedbackSettled();
    const complained = await deps.customers.get(complaining.customer.id);
    expect(complained?.emailComplained).toMatchObject({ address: 'complaint@simulator.amazonses.com', diagnostic: 'Marked as spam (abuse)' });
    expect(complained?.emailBounced).toBeUndefined();
    expect(await deps.customers.get(fine.customer.id)).not.toHaveProperty('emailBounced');
    expect((await sendInvoiceEmail(deps, { kind: 'invoice_reminder', invoiceId: complaining.invoice.id })).status).toBe('sent');
  });

  it('treats the account suppression list (suppressionlist@) as a bounce', async () => {
    const { customer, invoice } = await customerWithInvoice('suppressionlist@simulator.amazonses.com');
    await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: invoice.id });
    await server.feedbackSettled();
    expect((await deps.customers.get(customer.id))?.emailBounced?.diagnostic).toContain('suppression list');
  });

  it('sends a receipt naming the card the payment came from', async () => {
    const { customer, invoice } = await customerWithInvoice();
    const paid = invoice.recordPayment(invoice.total, now).invoice;
    const payment = {
      method: 'card' as const, externalId: `pi_${++n}`, customerId: customer.id, invoiceId: invoice.id, amount: invoice.total,
      appliedToInvoice: invoice.total, receivedAt: now.toISOString(), card: { brand: 'visa', last4: '4242' },
    };
    expect(await deps.ledger.recordPayment({ payment, invoice: { next: paid, expectedVersion: invoice.state.version } })).toBe('recorded');
    const result = await sendInvoiceEmail(deps, { kind: 'payment_receipt', invoiceId: invoice.id, paymentRef: { method: 'card', externalId: payment.externalId } });
    expect(result.status).toBe('sent');
    const [email] = await server.listEmails();
    expect(email?.text).toContain('Paid with: Visa ending in 4242');
    expect(email?.text).toContain('The invoice is paid in full.');
  });
});
