import { ApiError } from './api-error.js';
import { paypalId } from './ids.js';
import { moneyOf, unitsOf } from './money.js';
import type { Capture, Money, Refund } from './objects.js';
import type { PayPalStore } from './store.js';

const REFUNDS_API = 'payments/v2';

/** What is left to give back of a capture, in its smallest units. */
function refundedSoFar(store: PayPalStore, captureId: string): number {
  let total = 0;
  for (const { refund, captureId: of } of store.refunds.values()) if (of === captureId) total += unitsOf(refund.amount, 'amount');
  return total;
}

/**
 * `POST /v2/payments/captures/:id/refund` (or a refund from the merchant's dashboard): the whole
 * remainder by default, or `amount`. Refused as PayPal refuses: a pending or declined capture, one
 * already refunded in full, more than what is left, another currency.
 * `kind: 'reversal'` is a chargeback: PAYMENT.CAPTURE.REVERSED instead of .REFUNDED.
 */
export function refundCapture(
  store: PayPalStore,
  captureId: string,
  body: { amount?: Partial<Money>; invoice_id?: string; note_to_payer?: string; custom_id?: string },
  kind: 'refund' | 'reversal' = 'refund',
): Refund {
  const found = store.captures.get(captureId);
  if (!found) throw ApiError.notFound();
  const capture = found.capture;
  if (capture.status === 'PENDING') {
    throw ApiError.unprocessable('PENDING_CAPTURE', 'Cannot initiate a refund as the capture is pending. Capture is typically pending when the payer has funded the transaction by using an e-check or bank account.', REFUNDS_API);
  }
  if (capture.status === 'DECLINED' || capture.status === 'FAILED') {
    throw ApiError.unprocessable('CAPTURE_STATUS_NOT_VALID', `A ${capture.status.toLowerCase()} capture cannot be refunded.`, REFUNDS_API);
  }
  const total = unitsOf(capture.amount, 'amount');
  const done = refundedSoFar(store, captureId);
  if (done >= total) throw ApiError.unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded.', REFUNDS_API);
  if (body.amount && body.amount.currency_code !== capture.amount.currency_code) {
    throw ApiError.unprocessable('REFUND_CAPTURE_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture.', REFUNDS_API);
  }
  const units = body.amount ? unitsOf(body.amount, '/amount') : total - done;
  if (done + units > total) {
    throw ApiError.unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.', REFUNDS_API);
  }
  const code = capture.amount.currency_code;
  const id = paypalId();
  const now = store.isoNow();
  const refund: Refund = {
    id,
    status: 'COMPLETED',
    amount: moneyOf(units, code),
    ...(body.invoice_id ?? capture.invoice_id ? { invoice_id: body.invoice_id ?? capture.invoice_id! } : {}),
    ...(body.custom_id ?? capture.custom_id ? { custom_id: body.custom_id ?? capture.custom_id! } : {}),
    ...(body.note_to_payer ? { note_to_payer: body.note_to_payer } : {}),
    seller_payable_breakdown: {
      gross_amount: moneyOf(units, code),
      paypal_fee: moneyOf(0, code),
      net_amount: moneyOf(units, code),
      total_refunded_amount: moneyOf(done + units, code),
    },
    links: [
      { href: `${store.urls.apiBase}/v2/payments/refunds/${id}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.apiBase}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
    ],
    create_time: now,
    update_time: now,
  };
  store.refunds.set(id, { refund, captureId });
  capture.status = done + units === total ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  capture.update_time = now;
  if (kind === 'reversal') store.emit('PAYMENT.CAPTURE.REVERSED', refund, `A ${refund.amount.value} ${code} capture payment was reversed`);
  else store.emit('PAYMENT.CAPTURE.REFUNDED', refund, `A ${refund.amount.value} ${code} capture payment was refunded`);
  return refund;
}

export function getCapture(store: PayPalStore, id: string): Capture {
  const found = store.captures.get(id);
  if (!found) throw ApiError.notFound();
  return found.capture;
}

export function getRefund(store: PayPalStore, id: string): Refund {
  const found = store.refunds.get(id);
  if (!found) throw ApiError.notFound();
  return found.refund;
}
