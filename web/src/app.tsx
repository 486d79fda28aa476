import { lazy, Suspense } from 'react';
import { useSessionState } from './auth/session.js';
import { Layout, PublicLayout } from './components/layout.js';
import { Redirect } from './components/redirect.js';
import { Loading } from './components/status.js';
import type { AppConfig } from './config.js';
import { AccountPage } from './pages/account.js';
import { AnnouncementsPage } from './pages/announcements.js';
import { AddFundsPage } from './pages/add-funds.js';
import { ForgotPasswordPage } from './pages/forgot-password.js';
import { InvoicePage } from './pages/invoice.js';
import { InvoicesPage } from './pages/invoices.js';
import { PaymentMethodsPage } from './pages/payment-methods.js';
import { ForbiddenPage, NotFoundPage } from './pages/not-found.js';
import { SignInPage } from './pages/sign-in.js';
import { matchPath, useLocation, type Location } from './router.js';
import { withQuery } from './url.js';

const AdminArea = lazy(() => import('./pages/admin/admin-area.js'));

const publicPaths = new Set(['/sign-in', '/forgot-password']);

/** Where to go after signing in: back to the page the user was on, never off-site or to sign-in again. */
function returnTarget(location: Location): string {
  const target = location.query.get('returnTo') ?? '';
  return target.startsWith('/') && !target.startsWith('//') && !publicPaths.has(target.split('?')[0] ?? '') ? target : '/';
}

export function App({ config }: { config: AppConfig }) {
  const { session, notice, returnToPage } = useSessionState();
  const location = useLocation();
  const isPublic = publicPaths.has(location.path);

  if (!session) {
    if (!isPublic) {
      const keep = returnToPage && location.path !== '/';
      return <Redirect to={keep ? withQuery('/sign-in', { returnTo: location.href }) : '/sign-in'} />;
    }
    return (
      <PublicLayout config={config}>
        {location.path === '/sign-in' ? <SignInPage cognito={config.cognito} notice={notice} /> : <ForgotPasswordPage cognito={config.cognito} />}
      </PublicLayout>
    );
  }

  if (isPublic) return <Redirect to={returnTarget(location)} />;
  if (location.path === '/') return <Redirect to={session.isAdmin ? '/admin' : '/invoices'} />;

  return <Layout config={config} session={session}>{page(location.path, session.isAdmin, config)}</Layout>;
}

function page(path: string, isAdmin: boolean, config: AppConfig) {
  if (path === '/admin' || path.startsWith('/admin/')) {
    if (!isAdmin) return <ForbiddenPage />;
    return (
      <Suspense fallback={<Loading what="the staff area" />}>
        <AdminArea config={config} />
      </Suspense>
    );
  }
  if (path === '/invoices') return <InvoicesPage />;
  const invoice = matchPath('/invoices/:id', path);
  // A new instance per invoice: no payment message or choice carries over to the next one.
  if (invoice) return <InvoicePage key={invoice.id} id={invoice.id!} />;
  if (path === '/add-funds') return <AddFundsPage />;
  if (path === '/payment-methods') return <PaymentMethodsPage />;
  if (path === '/account') return <AccountPage cognito={config.cognito} />;
  if (path === '/announcements') return <AnnouncementsPage />;
  return <NotFoundPage />;
}
