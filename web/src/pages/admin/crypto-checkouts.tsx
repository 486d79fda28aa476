import { api } from '../../api/client.js';
import type { CryptoCheckoutList } from '../../api/types.js';
import { ErrorNotice } from '../../components/status.js';
import { formatMoney, formatTimestamp } from '../../format.js';
import { useResource } from '../../use-resource.js';

/**
 * An invoice's crypto checkouts as BTCPay holds them now, for staff: each BTCPay invoice's id, state
 * and amounts, and every payment on it (invalid ones included). Nothing is shown when there are none.
 */
export function CryptoCheckouts({ invoiceId }: { invoiceId: string }) {
  const list = useResource(() => api.get<CryptoCheckoutList>(`/v1/admin/invoices/${encodeURIComponent(invoiceId)}/crypto-payments`), [invoiceId]);
  if (list.state === 'loading') return null;
  if (list.state === 'error') return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.data.items.length === 0) return null;
  return (
    <section className="card crypto-checkouts" aria-labelledby="crypto-checkouts">
      <h2 id="crypto-checkouts" className="section-heading">
        Crypto payments (BTCPay)
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">BTCPay invoice</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Asked
            </th>
            <th scope="col" className="num">
              Paid
            </th>
            <th scope="col">Payments</th>
          </tr>
        </thead>
        <tbody>
          {list.data.items.map((checkout) => (
            <tr key={checkout.id}>
              <td>
                <code>{checkout.id}</code>
                <span className="pay-option-detail">{formatTimestamp(checkout.createdAt)}</span>
              </td>
              <td>
                {checkout.status}
                {checkout.detail ? ` (${checkout.detail})` : ''}
              </td>
              <td className="num">{formatMoney(checkout.amount, checkout.currency)}</td>
              <td className="num">{formatMoney(checkout.paid, checkout.currency)}</td>
              <td>
                {checkout.payments.length === 0
                  ? 'None'
                  : checkout.payments.map((payment) => (
                      <span key={payment.id} className="crypto-payment">
                        {payment.amount} {payment.currency} via {payment.method}: {payment.status}
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
