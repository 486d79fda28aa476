import { describe, expect, it } from 'vitest';
import type { InvoiceDocumentRenderer, RenderInvoiceInput } from '../../../functions/ports/invoice-document-renderer.js';
import { renderInvoicePdf } from '../../../functions/use-cases/render-invoice-pdf.js';
import { world } from './world.js';

const seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.net' };

/** An invoice nobody has paid yet. */
const noPayments = { listInvoicePayments: async () => [] };

/** A stand-in renderer whose "document" is the party it was asked to bill, as text: what the PDF prints under Bill to. */
const billToRenderer: InvoiceDocumentRenderer = {
  async renderPdf({ customer, billingAddress, taxId }: RenderInvoiceInput) {
    return new TextEncoder().encode([customer.name, ...(billingAddress ?? []), taxId ? `Tax ID: ${taxId}` : '', customer.email].filter(Boolean).join('\n'));
  },
};

describe('render invoice PDF: Bill to', () => {
  it('bills an invoice to the customer as they were at issue; one issued after a change, as they are now', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const before = await w.invoice(ana);
    await w.customers.update(ana.id, { billingAddress: ['Rynek Główny 1', '31-042 Kraków'], taxId: 'PL1234567890' });
    const after = await w.invoice((await w.customers.get(ana.id))!);

    const render = async (invoiceId: string) => new TextDecoder().decode(
      (await renderInvoicePdf({ ...w, renderer: billToRenderer, seller, ledger: noPayments }, { userSub: ana.userSub, invoiceId })).pdf,
    );

    expect(await render(before.id)).toBe('Ana\nana@example.com');
    expect(await render(after.id)).toBe('Ana\nRynek Główny 1\n31-042 Kraków\nTax ID: PL1234567890\nana@example.com');
  });

  it('bills a customer without billing details to their name and email only', async () => {
    const w = world();
    const ana = await w.customer('Ana');
    const invoice = await w.invoice(ana);

    const { pdf } = await renderInvoicePdf({ ...w, renderer: billToRenderer, seller, ledger: noPayments }, { userSub: ana.userSub, invoiceId: invoice.id });

    expect(new TextDecoder().decode(pdf)).toBe('Ana\nana@example.com');
  });
});
