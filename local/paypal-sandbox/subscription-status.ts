import type { Subscription } from './billing-objects.js';
import type { Link } from './objects.js';
import { isoTime, type PayPalStore, type SubscriptionRecord } from './store.js';

/** A status change, with its time, note and the links PayPal offers in that status. */
export function setStatus(store: PayPalStore, record: SubscriptionRecord, status: Subscription['status'], note?: string, at?: number): void {
  const { subscription } = record;
  const time = at === undefined ? store.isoNow() : isoTime(at);
  subscription.status = status;
  subscription.status_update_time = time;
  subscription.update_time = time;
  if (note) subscription.status_change_note = note;
  const rels = status === 'ACTIVE' ? ['self', 'edit', 'suspend', 'cancel', 'capture'] : status === 'SUSPENDED' ? ['self', 'edit', 'activate', 'cancel'] : ['self'];
  subscription.links = ownLinks(store, subscription.id, rels);
}

/** Cancelled or expired: no next billing time, ever. */
export function end(store: PayPalStore, record: SubscriptionRecord, status: 'CANCELLED' | 'EXPIRED', note?: string, at?: number): void {
  if (record.subscription.billing_info) delete record.subscription.billing_info.next_billing_time;
  delete record.endsAt;
  setStatus(store, record, status, note, at);
}

/** The subscription's HATEOAS links to itself: `self` and `edit`, and the actions named. */
export function ownLinks(store: PayPalStore, id: string, rels: string[]): Link[] {
  const base = `${store.urls.apiBase}/v1/billing/subscriptions/${id}`;
  return rels.map((rel) => rel === 'self' ? { href: base, rel, method: 'GET' as const }
    : rel === 'edit' ? { href: base, rel, method: 'PATCH' as const }
    : { href: `${base}/${rel}`, rel, method: 'POST' as const });
}
