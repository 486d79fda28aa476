import type { Link, Money } from './objects.js';

/**
 * PayPal's Catalog Products v1 and Subscriptions v1 objects as its REST API sends them (snake_case
 * JSON), for the subset the sandbox serves; field names and values follow developer.paypal.com/docs/
 * api/catalog-products/v1 and /subscriptions/v1, and the `@paypal/paypal-server-sdk` 2.x models
 * (`billingPlan`, `subscription`, `subscriptionBillingInformation`), which check what they read.
 */
export interface Product {
  id: string;
  name: string;
  description?: string;
  type: 'PHYSICAL' | 'DIGITAL' | 'SERVICE';
  category?: string;
  image_url?: string;
  home_url?: string;
  create_time: string;
  update_time: string;
  links: Link[];
}

export type IntervalUnit = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export interface BillingCycle {
  frequency: { interval_unit: IntervalUnit; interval_count: number };
  tenure_type: 'REGULAR' | 'TRIAL';
  sequence: number;
  /** 0: until cancelled. */
  total_cycles: number;
  pricing_scheme: { version: number; fixed_price: Money; create_time: string; update_time: string };
}

export interface Plan {
  id: string;
  product_id: string;
  name: string;
  status: 'CREATED' | 'INACTIVE' | 'ACTIVE';
  description?: string;
  usage_type: 'LICENSED';
  billing_cycles: BillingCycle[];
  payment_preferences: {
    service_type: 'PREPAID';
    auto_bill_outstanding: boolean;
    setup_fee: Money;
    setup_fee_failure_action: 'CONTINUE' | 'CANCEL';
    payment_failure_threshold: number;
  };
  quantity_supported: boolean;
  create_time: string;
  update_time: string;
  links: Link[];
}

export type SubscriptionStatus = 'APPROVAL_PENDING' | 'APPROVED' | 'ACTIVE' | 'SUSPENDED' | 'CANCELLED' | 'EXPIRED';

export interface Subscriber {
  name: { given_name: string; surname: string };
  email_address: string;
  payer_id: string;
}

export interface BillingInfo {
  outstanding_balance: Money;
  cycle_executions: Array<{
    tenure_type: 'REGULAR';
    sequence: number;
    cycles_completed: number;
    cycles_remaining: number;
    current_pricing_scheme_version: number;
    total_cycles: number;
  }>;
  last_payment?: { amount: Money; time: string };
  /** Absent once nothing more will be billed (cancelled, expired). */
  next_billing_time?: string;
  final_payment_time?: string;
  failed_payments_count: number;
  last_failed_payment?: { amount: Money; time: string; reason_code: 'PAYMENT_DENIED' };
}

export interface Subscription {
  id: string;
  plan_id: string;
  status: SubscriptionStatus;
  status_update_time: string;
  status_change_note?: string;
  start_time: string;
  quantity: string;
  custom_id?: string;
  plan_overridden: boolean;
  /** Given at creation (`subscriber.email_address`, `name`), completed by the buyer's approval. */
  subscriber?: Partial<Subscriber>;
  /** Present once the buyer has approved. */
  billing_info?: BillingInfo;
  create_time: string;
  update_time: string;
  links: Link[];
}

/**
 * A Payments v1 sale: what a subscription's payment is, and the resource of `PAYMENT.SALE.COMPLETED`.
 * Its subscription is `billing_agreement_id`; the subscription's `custom_id` comes back as `custom`.
 */
export interface Sale {
  id: string;
  state: 'completed';
  amount: { total: string; currency: string; details: { subtotal: string } };
  payment_mode: 'INSTANT_TRANSFER';
  protection_eligibility: 'ELIGIBLE';
  protection_eligibility_type: string;
  transaction_fee: { value: string; currency: string };
  billing_agreement_id: string;
  custom?: string;
  invoice_number: string;
  create_time: string;
  update_time: string;
  links: Link[];
}
