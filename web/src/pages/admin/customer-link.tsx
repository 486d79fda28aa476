import { Link } from '../../router.js';
import { useCustomer } from './customer-cache.js';

export function CustomerLink({ id }: { id: string }) {
  const customer = useCustomer(id);
  return <Link to={`/admin/customers/${encodeURIComponent(id)}`}>{customer?.name ?? 'Customer'}</Link>;
}
