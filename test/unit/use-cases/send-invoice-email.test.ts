import { describe, expect, it } from 'vitest';
import { HtmlInvoiceEmailComposer } from '../../../functions/adapters/email/html-invoice-email-composer.js';
import type { Mailer, OutgoingEmail } from '../../../functions/ports/mailer.js';
import { MailerFault, MailerRefusal } from '../../../functions/ports/mailer.js';
import { invoiceEmailKey } from '../../../functions/ports/outbox.js';
import { EmailSendInProgressError, sendInvoiceEmail } from '../../../functions/use-cases/send-invoice-email.js';
import { InMemoryCustomerRepository } from '../../support/in-memory/in-memory-customer-repository.js';
import { InMemorySentEmails } from '../../support/in-memory/in-memory-sent-emails.js';
import { APP_URL, SELLER } from '../email/fixtures.js';
import { world } from './world.js';

/** SES as the use case sees it: what it accepted, and a fault or refusal to answer with next. */
class Outbox implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  next: Error | undefined;
  async send(email: OutgoingEmail) {
    const failure = this.next;
    this.next = undefined;
    if (failure) throw failure;
    this.sent.push(email);
    return { messageId: `msg-${this.sent.length}` };
  }
}

function setup() {
  const w = world();
  const outbox = new Outbox();
  const sentEmails = new InMemorySentEmails();
  const deps = {
    ...w, mailer: outbox, sentEmails, seller: SELLER, composer: new HtmlInvoiceEmailComposer(SELLER, APP_URL),
    ledger: { findPayment: async () => undefined, listInvoicePayments: async () => [] },
    cards: { get: async () => ({ id: 'pm_1', customerId: 'cus_1', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, addedAt: '' }) },
    renderer: { renderPdf: async () => new Uint8Array([37, 80, 68, 70]) },
  };
  return { w, outbox, sentEmails, deps };
}

describe('sendInvoiceEmail', () => {
  it('keys an email by invoice, kind and attempt or payment', () => {
    expect(invoiceEmailKey({ invoiceId: 'inv_1', kind: 'invoice_issued' })).toBe('inv_1#invoice_issued#-');
    expect(invoiceEmailKey({ invoiceId: 'inv_1', kind: 'payment_declined', attempt: 2 })).toBe('inv_1#payment_declined#2');
    expect(invoiceEmailKey({ invoiceId: 'inv_1', kind: 'payment_receipt', paymentRef: { method: 'card', externalId: 'pi_9' } }))
      .toBe('inv_1#payment_receipt#card:pi_9');
  });

  it('attaches the PDF to the issued invoice and sends to the customer’s current address, tagged with kind and invoice', async () => {
    const { w, outbox, deps } = setup();
    const customer = await w.customer('Ann');
    const invoice = await w.invoice(customer);
    await sendInvoiceEmail(deps, { kind: 'invoice_issued', invoiceId: invoice.id });
    expect(outbox.sent).toHaveLength(1);
    expect(outbox.sent[0]).toMatchObject({ to: 'ann@example.com', tags: { kind: 'invoice_issued', invoiceId: invoice.id } });
    expect(outbox.sent[0]?.attachments?.[0]).toMatchObject({ fileName: `invoice-${invoice.state.number}.pdf`, contentType: 'application/pdf' });
  });

  it('sends again after a passing fault, and records a refusal once without trying again', async () => {
    const { w, outbox, deps } = setup();
    const invoice = await w.invoice(await w.customer('Ann'));
    const input = { kind: 'invoice_reminder', invoiceId: invoice.id } as const;
    outbox.next = new MailerFault('SES timed out');
    await expect(sendInvoiceEmail(deps, input)).rejects.toBeInstanceOf(MailerFault);
    expect((await sendInvoiceEmail(deps, input)).status).toBe('sent');
    expect(outbox.sent).toHaveLength(1);

    const declined = { kind: 'payment_declined', invoiceId: invoice.id, attempt: 1 } as const;
    outbox.next = new MailerRefusal('Address blacklisted.');
    expect(await sendInvoiceEmail(deps, declined)).toEqual({ status: 'refused', reason: 'Address blacklisted.' });
    expect(await sendInvoiceEmail(deps, declined)).toEqual({ status: 'already_done' });
    expect(outbox.sent).toHaveLength(1);
  });

  it('says another call is sending while it holds the key, and takes over once its lease has run out', async () => {
    const { w, outbox, deps, sentEmails } = setup();
    const invoice = await w.invoice(await w.customer('Ann'));
    const input = { kind: 'invoice_issued', invoiceId: invoice.id } as const;
    // A sender that died after claiming the key.
    await sentEmails.claim(invoiceEmailKey(input), w.clock.now());
    await expect(sendInvoiceEmail(deps, input)).rejects.toBeInstanceOf(EmailSendInProgressError);
    w.clock.set(new Date(w.clock.now().getTime() + 2 * 60_000 + 1));
    expect((await sendInvoiceEmail(deps, input)).status).toBe('sent');
    expect(outbox.sent).toHaveLength(1);
  });

  it('skips reminders, declines and confirmation requests for an invoice no longer owed, and says why', async () => {
    const { w, outbox, deps } = setup();
    const customer = await w.customer('Ann');
    const invoice = await w.invoice(customer);
    const voided = invoice.void(w.clock.now());
    await w.invoices.save(voided, invoice.state.version);
    for (const kind of ['invoice_reminder', 'payment_declined', 'payment_action_required'] as const) {
      const result = await sendInvoiceEmail(deps, { kind, invoiceId: invoice.id, attempt: 1 });
      expect(result).toMatchObject({ status: 'skipped', reason: expect.stringContaining('void') });
    }
    expect(outbox.sent).toEqual([]);
  });

  it('skips a customer whose current address bounces, and sends again once they have another address', async () => {
    const { w, outbox, deps } = setup();
    const customer = await w.customer('Ann');
    const invoice = await w.invoice(customer);
    await w.customers.noteEmailFeedback(customer.id, { kind: 'bounce', address: customer.email, at: '2026-03-01T08:00:00Z', diagnostic: '550 user unknown' });
    expect(await sendInvoiceEmail(deps, { kind: 'invoice_reminder', invoiceId: invoice.id }))
      .toMatchObject({ status: 'skipped', reason: expect.stringContaining('550 user unknown') });
    // The address changed (however it changes): the old address's bounce no longer counts.
    const stored = (await w.customers.get(customer.id))!;
    const moved = new InMemoryCustomerRepository([{ ...stored, email: 'ann@new.example' }]);
    expect((await sendInvoiceEmail({ ...deps, customers: moved }, { kind: 'payment_action_required', invoiceId: invoice.id, attempt: 1 })).status).toBe('sent');
    expect(outbox.sent.map((e) => e.to)).toEqual(['ann@new.example']);
  });
});
