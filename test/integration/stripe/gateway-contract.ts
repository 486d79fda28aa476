import { expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderError } from '../../../functions/ports/payments/provider-errors.js';
import { uniqueId, type StripeTarget } from './stripe-target.js';

/**
 * What the adapter must do against any Stripe: the local sandbox and Stripe's own test mode run
 * these same cases. Saved cards are arranged with Stripe's test tokens (`pm_card_visa`, ...).
 */
export function gatewayContract(target: () => StripeTarget): void {
  async function customerWithCard(token: string) {
    const { cards, stripe } = target();
    const billingCustomerId = uniqueId('cust');
    const customerRef = await cards.ensureCustomer({ billingCustomerId, email: `${billingCustomerId}@example.test`, name: 'Ada Lovelace' });
    const card = await stripe.paymentMethods.attach(token, { customer: customerRef });
    return { billingCustomerId, customerRef, cardId: card.id };
  }

  it('creates one Stripe customer per billing customer, however often it is asked', async () => {
    const { cards } = target();
    const billingCustomerId = uniqueId('cust');
    const input = { billingCustomerId, email: 'ada@example.test', name: 'Ada' };
    const first = await cards.ensureCustomer(input);
    const second = await cards.ensureCustomer(input);
    expect(first).toMatch(/^cus_/);
    expect(second).toBe(first);
  });

  it('starts a hosted checkout for an invoice amount that saves the card for off-session use', async () => {
    const { cards, stripe } = target();
    const billingCustomerId = uniqueId('cust');
    const customerRef = await cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
    const invoiceId = uniqueId('inv');
    const checkout = await cards.startCheckout({
      customerRef, billingCustomerId, purpose: { invoiceId }, description: 'Invoice INV-0001', amount: money(1999, 'USD'), saveMethod: true,
      successUrl: 'http://localhost:5173/invoices/x?session={CHECKOUT_SESSION_ID}', cancelUrl: 'http://localhost:5173/invoices/x', expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(checkout.checkoutId).toMatch(/^cs_/);
    expect(checkout.redirectUrl).toMatch(/^https?:\/\//);
    const session = await stripe.checkout.sessions.retrieve(checkout.checkoutId);
    expect(session).toMatchObject({ mode: 'payment', status: 'open', amount_total: 1999, currency: 'usd', customer: customerRef, metadata: { invoiceId, customerId: billingCustomerId } });
  });

  it('starts a hosted checkout in setup mode to save a card without paying', async () => {
    const { cards, stripe } = target();
    const billingCustomerId = uniqueId('cust');
    const customerRef = await cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
    const setup = await cards.startSetup({ customerRef, billingCustomerId, currency: money(0, 'EUR').currency, successUrl: 'http://localhost:5173/cards?done=1', cancelUrl: 'http://localhost:5173/cards' });
    const session = await stripe.checkout.sessions.retrieve(setup.checkoutId);
    expect(session).toMatchObject({ mode: 'setup', status: 'open', customer: customerRef });
    expect(setup.redirectUrl).toBe(session.url);
  });

  it('charges a saved card off-session and reports the amount paid', async () => {
    const { cards } = target();
    const { billingCustomerId, customerRef, cardId } = await customerWithCard('pm_card_visa');
    const invoiceId = uniqueId('inv');
    const outcome = await cards.charge({ customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(4200, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome).toMatchObject({ kind: 'succeeded', amount: { amountMinor: 4200, currency: 'USD' } });
    expect(outcome.kind === 'succeeded' && outcome.paymentId).toMatch(/^pi_/);
  });

  it('reports a declined card with its reason and a sentence for the customer', async () => {
    const { cards } = target();
    const { billingCustomerId, customerRef, cardId } = await customerWithCard('pm_card_chargeCustomerFail');
    const invoiceId = uniqueId('inv');
    const outcome = await cards.charge({ customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(4200, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome).toMatchObject({ kind: 'declined', reason: 'generic_decline', message: 'Your card was declined.' });
  });

  it('reports that the bank wants the customer present (authentication_required), not a plain decline', async () => {
    const { cards } = target();
    const { billingCustomerId, customerRef, cardId } = await customerWithCard('pm_card_authenticationRequired');
    const invoiceId = uniqueId('inv');
    const outcome = await cards.charge({ customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(4200, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome.kind).toBe('requires_action');
    expect(outcome.kind === 'requires_action' && outcome.paymentId).toMatch(/^pi_/);
  });

  it('gives the first payment back when the same attempt is retried with its idempotency key', async () => {
    const { cards } = target();
    const { billingCustomerId, customerRef, cardId } = await customerWithCard('pm_card_visa');
    const invoiceId = uniqueId('inv');
    const input = { customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(1500, 'USD'), idempotencyKey: `charge-${invoiceId}-1` };
    const first = await cards.charge(input);
    const retry = await cards.charge(input);
    expect(retry).toEqual(first);
  });

  it('refuses an idempotency key reused with other parameters', async () => {
    const { cards } = target();
    const { billingCustomerId, customerRef, cardId } = await customerWithCard('pm_card_visa');
    const invoiceId = uniqueId('inv');
    const key = `charge-${invoiceId}-1`;
    await cards.charge({ customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(1500, 'USD'), idempotencyKey: key });
    const reuse = cards.charge({ customerRef, billingCustomerId, methodId: cardId, invoiceId, amount: money(1600, 'USD'), idempotencyKey: key });
    await expect(reuse).rejects.toBeInstanceOf(PaymentProviderError);
    await expect(reuse).rejects.toMatchObject({ reason: 'idempotency_key_reused' });
  });

  it("reads a saved card's public details", async () => {
    const { cards } = target();
    const { cardId } = await customerWithCard('pm_card_visa');
    const card = await cards.card(cardId);
    expect(card).toMatchObject({ id: cardId, brand: 'visa', last4: '4242' });
    expect(card.expMonth).toBeGreaterThanOrEqual(1);
    expect(card.expYear).toBeGreaterThan(2025);
  });

  it('detaches a card permanently, and a second detach of the same card also succeeds', async () => {
    const { cards, stripe } = target();
    const { customerRef, cardId } = await customerWithCard('pm_card_visa');
    await cards.detach(cardId);
    await cards.detach(cardId);
    const card = await stripe.paymentMethods.retrieve(cardId);
    expect(card.customer).toBeNull();
    const left = await stripe.customers.listPaymentMethods(customerRef);
    expect(left.data.map((c) => c.id)).not.toContain(cardId);
  });
}
