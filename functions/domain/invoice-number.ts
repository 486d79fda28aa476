/**
 * An invoice number as customers and staff read it everywhere (the web app, the PDF, emails, ledger
 * descriptions, error messages): 42 → `#000042`.
 */
export const formatInvoiceNumber = (n: number): string => `#${String(n).padStart(6, '0')}`;
