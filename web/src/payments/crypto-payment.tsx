import { useEffect, useId } from 'react';
import { api } from '../api/client.js';
import type { CryptoCurrencies, PayInvoiceRequest, PaymentResult } from '../api/types.js';
import type { PaymentMethod, PaymentOptionsProps } from './payment-methods.js';

/** The cryptocurrency to show first on the provider's checkout (one of the accepted ids, e.g. BTC-LN). */
export type CryptoChoice = { cryptocurrency: string };

/** "Bitcoin (Lightning)" for an accepted cryptocurrency. */
const named = (c: CryptoCurrencies['currencies'][number]) => `${c.name} (${c.network})`;

/**
 * Pay in a cryptocurrency on BTCPay Server's checkout, which shows the exact amount, at its rate and
 * with any network fee, before anything is sent. Offered when crypto is set up; disabled, with the
 * reason and when the customer will qualify, until the account is established.
 */
export const cryptoPayment: PaymentMethod<CryptoChoice> = {
  id: 'crypto',
  label: 'Cryptocurrency',
  describe: ({ crypto }) => (crypto?.currencies.length ? `Accepted now: ${crypto.currencies.map(named).join(', ')}` : 'Through BTCPay Server'),
  available: ({ invoice, crypto }) => invoice.status === 'open' && crypto !== undefined && crypto.unavailable?.code !== 'not_set_up',
  unavailable: ({ crypto }) => (crypto && !crypto.available ? crypto.unavailable?.message ?? 'Not available for this account.' : undefined),
  Options: CryptoOptions,
  pay: async ({ invoice }, choice) => {
    const body: PayInvoiceRequest = { method: 'crypto', ...(choice ? { cryptocurrency: choice.cryptocurrency } : {}) };
    const result = await api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoice.id)}/payments`, body);
    switch (result.status) {
      case 'redirect':
        return { kind: 'redirect', url: result.redirectUrl };
      case 'paid':
      case 'partly_paid':
      case 'subscribed':
        return { kind: 'paid', invoice: result.invoice };
      case 'processing':
        return { kind: 'processing' };
      case 'declined':
      case 'requires_action':
        return { kind: 'failed', message: result.message };
    }
  },
};

function CryptoOptions({ context, choice, onChoice, disabled }: PaymentOptionsProps<CryptoChoice>) {
  const name = useId();
  const currencies = context.crypto?.currencies ?? [];
  const first = currencies[0]?.id;
  useEffect(() => {
    if (!choice && first) onChoice({ cryptocurrency: first });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, choice]);

  return (
    <div className="card-options">
      <fieldset className="pay-methods" disabled={disabled}>
        <legend>Which cryptocurrency</legend>
        {currencies.map((currency) => (
          <label key={currency.id} className="pay-option">
            <input
              type="radio"
              name={name}
              value={currency.id}
              checked={(choice?.cryptocurrency ?? first) === currency.id}
              onChange={() => onChoice({ cryptocurrency: currency.id })}
            />
            <span>
              {currency.name}
              <span className="pay-option-detail">{currency.network === 'Lightning' ? 'Lightning: settles in seconds' : `${currency.network}: waits for network confirmations`}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="pay-secure">
        You pay on BTCPay Server’s page, which shows the exact amount to send, at its exchange rate and with any network fee, before you
        send anything. The invoice shows “Payment pending” until the network confirms the payment, which can take tens of minutes.
      </p>
      <p className="pay-note">
        Cryptocurrency payments are not anonymous: we record the payment against your account and this invoice, and the transaction is
        public on the blockchain.
      </p>
    </div>
  );
}
