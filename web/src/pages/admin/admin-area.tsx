import type { AppConfig } from '../../config.js';
import { NotFoundPage } from '../not-found.js';
import { matchPath, useLocation } from '../../router.js';
import { AdminAnnouncementsPage } from './announcements.js';
import { AdminCustomersPage } from './customers.js';
import { AdminDashboardPage } from './dashboard.js';
import { AdminReportsPage } from './reports.js';
import { AdminImportPage } from './import.js';
import { AdminCustomerPage } from './customer.js';
import { AdminEventsPage } from './events.js';
import { AdminInvoicePage } from './invoice.js';
import { AdminInvoicesPage } from './invoices.js';
import { LocalClock } from './local-clock.js';
import { NewCustomerPage } from './new-customer.js';
import { NewInvoicePage } from './new-invoice.js';

/**
 * Staff pages, loaded as a separate chunk only for users in the admin group: customers never download
 * this code, and the API refuses them (403) anyway. On the local runtime the clock control sits
 * above every staff page.
 */
export default function AdminArea({ config }: { config: AppConfig }) {
  return (
    <>
      {config.environment === 'local' ? <LocalClock /> : null}
      <AdminPage />
    </>
  );
}

function AdminPage() {
  const { path } = useLocation();
  let params: Record<string, string> | undefined;
  if (path === '/admin') return <AdminDashboardPage />;
  if (path === '/admin/reports') return <AdminReportsPage />;
  if (path === '/admin/customers') return <AdminCustomersPage />;
  if (path === '/admin/customers/new') return <NewCustomerPage />;
  if ((params = matchPath('/admin/customers/:id', path))) return <AdminCustomerPage id={params.id!} />;
  if (path === '/admin/invoices') return <AdminInvoicesPage />;
  if (path === '/admin/events') return <AdminEventsPage />;
  if (path === '/admin/invoices/new') return <NewInvoicePage />;
  if ((params = matchPath('/admin/invoices/:id', path))) return <AdminInvoicePage id={params.id!} />;
  if (path === '/admin/announcements') return <AdminAnnouncementsPage />;
  if (path === '/admin/import') return <AdminImportPage />;
  return <NotFoundPage />;
}
