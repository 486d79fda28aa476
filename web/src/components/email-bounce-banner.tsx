import { api } from '../api/client.js';
import type { Customer } from '../api/types.js';
import { formatTimestamp } from '../format.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

/**
 * On every page of a customer whose email address bounces (the mail service reported it): says so,
 * and where to go about it. Nothing for everyone else, nor while the account loads.
 */
export function EmailBounceBanner() {
  const me = useResource(() => api.get<Customer>('/v1/me'), []);
  if (me.state !== 'ready' || !me.data.emailBounced) return null;
  return (
    <div className="notice notice-error email-bounce" role="status">
      <p>
        Emails to <strong>{me.data.email}</strong> bounce, so your invoices and receipts do not reach you.
        Please update your email address: see your <Link to="/account">Account page</Link>.
      </p>
    </div>
  );
}

/** What staff and the Account page say about an address that bounces: since when, and the receiving server's words. */
export function EmailBounceNote({ bounced, who }: { bounced: NonNullable<Customer['emailBounced']>; who: 'staff' | 'customer' }) {
  return (
    <p className="notice notice-error email-bounce-note">
      Emails to this address bounce (reported {formatTimestamp(bounced.at)}: <span>{bounced.reason}</span>).{' '}
      {who === 'staff' ? 'Invoice emails are not sent until the address changes.' : 'Please contact us to change it.'}
    </p>
  );
}
