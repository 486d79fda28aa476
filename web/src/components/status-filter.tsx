import { useId } from 'react';
import { filterOptions, isFilter } from '../invoice-status.js';
import { navigate, useLocation } from '../router.js';
import { withQuery } from '../url.js';

/** The status filter of an invoice list, kept in the URL so that Back restores it. */
export function useStatusFilter() {
  const { query } = useLocation();
  const raw = query.get('status');
  const status = isFilter(raw) ? raw : '';
  const option = filterOptions.find((o) => o.value === status) ?? filterOptions[0]!;
  return { status, option };
}

/** "Show: All / Unpaid / Overdue …" for the invoice list at `path`. */
export function StatusFilter({ path, status }: { path: string; status: string }) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Show</label>
      <select id={id} value={status} onChange={(e) => navigate(withQuery(path, { status: e.target.value }), { replace: true })}>
        {filterOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
