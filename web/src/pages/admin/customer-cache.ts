import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';

/**
 * Staff lists of invoices carry only the customer id; names are looked up once per customer and
 * kept for the rest of the visit.
 */
const cache = new Map<string, Promise<Customer>>();

export function fetchCustomer(id: string): Promise<Customer> {
  let pending = cache.get(id);
  if (!pending) {
    pending = api.get<Customer>(`/v1/admin/customers/${encodeURIComponent(id)}`);
    pending.catch(() => cache.delete(id));
    cache.set(id, pending);
  }
  return pending;
}

/** Forgets a customer, e.g. after creating or changing one. */
export function forgetCustomer(id: string): void {
  cache.delete(id);
}

export function useCustomer(id: string | undefined): Customer | undefined {
  const [customer, setCustomer] = useState<Customer>();
  useEffect(() => {
    if (!id) return;
    let current = true;
    fetchCustomer(id).then(
      (found) => current && setCustomer(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [id]);
  return customer?.id === id ? customer : undefined;
}
