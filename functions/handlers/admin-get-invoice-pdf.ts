import { pdfLibInvoiceRenderer } from '../adapters/pdf/pdf-lib-invoice-renderer.js';
import { renderAnyInvoicePdf } from '../use-cases/render-any-invoice-pdf.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { binary } from './http/responses.js';

/** GET /v1/admin/invoices/{id}/pdf: any invoice as the PDF its customer downloads. */
export const handler = httpHandler('admin', async ({ event }) => {
  const { number, pdf } = await renderAnyInvoicePdf(
    { ...(await storage()), renderer: pdfLibInvoiceRenderer },
    { invoiceId: pathId(event.pathParameters?.['id']) },
  );
  return binary('application/pdf', pdf, `invoice-${number}.pdf`);
});
