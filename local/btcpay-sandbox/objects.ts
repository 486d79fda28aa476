/**
 * The sandbox's objects as it keeps them: plain JSON (amounts are decimal strings, as BTCPay writes
 * them), so a snapshot is the objects themselves.
 */
export type InvoiceStatus = 'New' | 'Processing' | 'Expired' | 'Invalid' | 'Settled';
export type AdditionalStatus = 'None' | 'PaidLate' | 'PaidPartial' | 'Marked' | 'Invalid' | 'PaidOver';
export type PaymentStatus = 'Processing' | 'Settled' | 'Invalid';

export interface CheckoutSettings {
  speedPolicy: string | null;
  paymentMethods: string[];
  defaultPaymentMethod: string | null;
  expirationMinutes: number;
  monitoringMinutes: number;
  paymentTolerance: number;
  redirectURL: string | null;
  redirectAutomatically: boolean;
}

export interface Payment {
  id: string;
  paymentMethodId: string;
  /** Crypto sent, network fee included. */
  value: string;
  /** The network fee the payment carried (not counted toward the invoice). */
  fee: string;
  status: PaymentStatus;
  /** Unix seconds. */
  receivedDate: number;
  destination: string;
  /** Sandbox clock (ms) at which it gets its confirmations; null when it never will. */
  confirmAt: number | null;
}

export interface Invoice {
  id: string;
  storeId: string;
  /** Fiat, decimal string. */
  amount: string;
  currency: string;
  metadata: Record<string, unknown>;
  checkout: CheckoutSettings;
  status: InvoiceStatus;
  additionalStatus: AdditionalStatus;
  /** Unix seconds. */
  createdTime: number;
  expirationTime: number;
  monitoringExpiration: number;
  archived: boolean;
  payments: Payment[];
  /** The address (or Lightning invoice) of each payment method. */
  destinations: Record<string, string>;
}

/** One webhook event as BTCPay builds it, before a delivery gives it its ids. */
export interface InvoiceEvent {
  type: string;
  /** Unix seconds. */
  timestamp: number;
  storeId: string;
  invoiceId: string;
  metadata: Record<string, unknown>;
  [field: string]: unknown;
}

export interface Store {
  id: string;
  name: string;
  defaultCurrency: string;
  /** Payment method id → enabled. */
  paymentMethods: Record<string, boolean>;
  /** How long an on-chain payment waits for its confirmations, in seconds of the sandbox clock. */
  confirmationSeconds: number;
  /** Percentage: paying this much less still counts as paid in full. */
  paymentTolerance: number;
  defaultExpirationMinutes: number;
  defaultMonitoringMinutes: number;
}
