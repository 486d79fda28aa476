import { pdfLibInvoiceRenderer } from '../adapters/pdf/pdf-lib-invoice-renderer.js';
import { renderInvoicePdf } from '../use-cases/render-invoice-pdf.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { binary } from './http/responses.js';

/** GET /v1/invoices/{id}/pdf: the invoice as a PDF download. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const { number, pdf } = await renderInvoicePdf(
    { ...(await storage()), renderer: pdfLibInvoiceRenderer },
    { userSub: caller.sub, invoiceId: pathId(event.pathParameters?.['id']) },
  );
  return binary('application/pdf', pdf, `invoice-${number}.pdf`);
});
