import { Link } from '../../router.js';

/** A link to a customer's page, named as the staff invoice list names them. */
export function CustomerLink({ id, name }: { id: string; name?: string | undefined }) {
  return <Link to={`/admin/customers/${encodeURIComponent(id)}`}>{name ?? 'Customer'}</Link>;
}
