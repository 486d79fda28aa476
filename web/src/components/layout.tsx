import { useRef, type ReactNode } from 'react';
import { signOut, type Session } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import { Link, useLocation } from '../router.js';
import { EmailBounceBanner } from './email-bounce-banner.js';
import { LocalBanner } from './local-banner.js';

interface NavItem {
  to: string;
  label: string;
}

const customerNav: NavItem[] = [
  { to: '/invoices', label: 'My Invoices' },
  { to: '/add-funds', label: 'Add Funds' },
  { to: '/payment-methods', label: 'Payment methods' },
  { to: '/account', label: 'Account' },
  { to: '/announcements', label: 'Announcements' },
];

const adminNav: NavItem[] = [
  { to: '/admin', label: 'Dashboard' },
  { to: '/admin/customers', label: 'Customers' },
  { to: '/admin/invoices', label: 'Invoices' },
  { to: '/admin/reports', label: 'Reports' },
  { to: '/admin/announcements', label: 'Announcements' },
  { to: '/admin/import', label: 'Import' },
  { to: '/admin/events', label: 'Events' },
];

/** Header with navigation for the signed-in user's role, the main landmark and a footer. */
export function Layout({ config, session, children }: { config: AppConfig; session: Session; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const { path } = useLocation();
  const items = session.isAdmin ? adminNav : customerNav;

  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to main content
      </button>
      <header className="site-header">
        <LocalBanner config={config} />
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Billing{session.isAdmin ? <span className="brand-tag">Admin</span> : null}
          </Link>
          <nav aria-label="Main" className="nav">
            <ul>
              {items.map((item) => {
                const active = path === item.to || (item.to !== '/admin' && path.startsWith(`${item.to}/`));
                return (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={active ? 'page' : undefined} className={active ? 'nav-link active' : 'nav-link'}>
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="user">
            <span className="user-email" title={session.email}>
              {session.email}
            </span>
            <button type="button" className="button button-quiet" onClick={() => signOut(config.cognito)}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        {session.isAdmin ? null : <EmailBounceBanner />}
        {children}
      </main>
      <Footer staff={session.isAdmin} />
    </>
  );
}

/** The frame around the sign-in and password pages. */
export function PublicLayout({ config, children }: { config: AppConfig; children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <LocalBanner config={config} />
        <div className="site-header-inner">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            Billing
          </span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main main-narrow">
        {children}
      </main>
      <Footer />
    </>
  );
}

/** The customer's line, or the staff's: staff are not told where to ask about a charge. */
function Footer({ staff = false }: { staff?: boolean }) {
  return (
    <footer className="site-footer">
      <p>{staff ? 'Staff area: customers, invoices, payments and reports.' : 'Your billing area: invoices, payments and account. Questions about a charge? Every invoice shows how to reach us.'}</p>
    </footer>
  );
}
