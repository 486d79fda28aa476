import { Page } from '../components/page.js';
import { Link } from '../router.js';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Page>
  );
}

/** Staff pages for someone who is not staff: refused, without saying more. */
export function ForbiddenPage() {
  return (
    <Page title="No access">
      <p>This part of the billing area is for staff only. You do not have access to it.</p>
      <p>
        <Link to="/invoices">Go to My Invoices</Link>
      </p>
    </Page>
  );
}
