/** Shapes of the billing API (camelCase JSON; amounts are integers in the currency's minor unit). */
export interface Customer {
  id: string;
  email: string;
  name: string;
  currency: string;
  autopay?: boolean;
  /** The saved card that automatic billing charges; absent while no card is saved. */
  defaultCardId?: string;
  creditBalance?: number;
  createdAt: string;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';

export interface Invoice {
  id: string;
  number: number;
  customerId: string;
  status: InvoiceStatus;
  currency: string;
  lines: InvoiceLine[];
  total: number;
  amountPaid: number;
  amountDue: number;
  issuedAt: string;
  dueDate: string;
  overdue?: boolean;
  paymentPending?: boolean;
  paidAt?: string;
  voidedAt?: string;
  seller?: { name: string; addressLines: string[]; email: string };
  customer?: { name: string; email: string };
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** The status filter values GET /v1/invoices accepts. */
export type InvoiceFilter = 'unpaid' | 'overdue' | 'pending' | 'paid' | 'void';

/** A card saved at the card processor: we know only its brand, last 4 digits and expiry. */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
  expired: boolean;
}

/** The answer to POST /v1/invoices/{id}/payments. */
export type PaymentResult =
  | { status: 'redirect'; redirectUrl: string }
  | { status: 'paid'; invoice: Invoice }
  | { status: 'declined'; message: string }
  | { status: 'requires_action'; message: string }
  | { status: 'processing' };
