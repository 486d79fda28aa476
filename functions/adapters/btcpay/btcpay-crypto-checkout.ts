import type { HostedCheckout, StartCheckoutInput, StartedCheckout } from '../../ports/payments/hosted-checkout.js';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { BtcpayClient } from './btcpay-client.js';
import { fromBtcpayAmount, isBillingCurrency, toBtcpayAmount } from './btcpay-money.js';
import type { InvoiceData } from './greenfield.js';

/** BTCPay refuses an invoice that expires in less than 30 seconds. */
const MIN_EXPIRATION_MINUTES = 1;

/**
 * How many confirmations BTCPay waits for before an on-chain payment counts as settled
 * (`MediumSpeed`: one block, about ten minutes for Bitcoin). Lightning payments settle at once.
 */
export const SPEED_POLICY = 'MediumSpeed' as const;

/**
 * Crypto on BTCPay Server as a hosted checkout: each checkout is a BTCPay invoice for the fiat amount,
 * whose checkout page shows the exact amount in the chosen cryptocurrency at BTCPay's rate, with any
 * network fee, before the customer sends anything. Our invoice id (or, for Add Funds, none) and the
 * customer travel in its metadata, and come back in every webhook.
 */
export class BtcpayCryptoCheckout implements HostedCheckout {
  constructor(private readonly client: BtcpayClient, private readonly now: () => number = Date.now) {}

  async startCheckout(input: StartCheckoutInput): Promise<StartedCheckout> {
    const { amount, currency } = toBtcpayAmount(input.amount);
    const invoiceId = 'invoiceId' in input.purpose ? input.purpose.invoiceId : undefined;
    // Whole minutes, as BTCPay takes them; the moments spent since the caller chose `expiresAt` do not cost a minute.
    const minutes = Math.max(MIN_EXPIRATION_MINUTES, Math.round((input.expiresAt.getTime() - this.now()) / 60_000));
    const created = await this.client.createInvoice({
      amount,
      currency,
      metadata: {
        // BTCPay indexes orderId: staff find an invoice's crypto payments by it.
        orderId: invoiceId ?? `funds-${input.billingCustomerId}`,
        ...(invoiceId ? { invoiceId } : {}),
        customerId: input.billingCustomerId,
        itemDesc: input.description,
      },
      checkout: {
        speedPolicy: SPEED_POLICY,
        expirationMinutes: minutes,
        redirectURL: input.successUrl,
        redirectAutomatically: true,
        ...(input.preferredOption ? { defaultPaymentMethod: input.preferredOption } : {}),
      },
      additionalSearchTerms: [input.billingCustomerId],
    });
    if (!created.checkoutLink) throw new PaymentProviderError('unexpected', `BTCPay invoice ${created.id} has no checkoutLink`);
    return { redirectUrl: created.checkoutLink, checkoutId: created.id, expiresAt: new Date(created.expirationTime * 1000) };
  }

  /**
   * Closes a BTCPay invoice so that it takes no more money. One that has money on it (being confirmed,
   * settled, or part paid and still open) is `completed`: its webhooks will say what was paid. One with
   * nothing paid is marked Invalid, as the merchant would; one already Expired or Invalid is closed.
   */
  async expireCheckout(checkoutId: string): Promise<'expired' | 'completed'> {
    const invoice = await this.client.getInvoice(checkoutId);
    if (!invoice) return 'expired';
    const state = stateOf(invoice);
    if (state !== 'open') return state;
    const marked = await this.client.markInvoiceStatus(checkoutId, 'Invalid');
    if (marked === undefined) return 'expired';
    // Refused: it changed meanwhile (a payment arrived, or it expired); read what it is now.
    const now = marked === 'refused' ? await this.client.getInvoice(checkoutId) : marked;
    if (!now) return 'expired';
    const after = stateOf(now);
    if (after === 'open') throw new PaymentProviderError('unexpected', `BTCPay invoice ${checkoutId} is still open after being marked invalid`);
    return after;
  }
}

/** Whether a BTCPay invoice can still take money with nothing paid (`open`), has money on it, or is closed. */
function stateOf(invoice: InvoiceData): 'open' | 'completed' | 'expired' {
  const paid = isBillingCurrency(invoice.currency) && invoice.paidAmount !== undefined
    ? fromBtcpayAmount(invoice.paidAmount, invoice.currency).amountMinor > 0
    : invoice.additionalStatus === 'PaidPartial';
  switch (invoice.status) {
    case 'Settled':
    case 'Processing':
      return 'completed';
    case 'New':
      return paid ? 'completed' : 'open';
    case 'Expired':
    case 'Invalid':
      return 'expired';
  }
}
