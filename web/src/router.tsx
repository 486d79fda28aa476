import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';
import { hashRouteForReturn } from './return-routes.js';

/**
 * A tiny hash router: `#/invoices/abc?x=1`. Hash URLs need no server-side fallback, so deep links work
 * from S3 + CloudFront and from the local server alike.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
  /** path + query, as it appears after the '#'. */
  href: string;
}

let navigations = 0;

function read(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const href = raw.startsWith('/') ? raw : `/${raw}`;
  const [path = '/', search = ''] = href.split('?', 2);
  return { path: path.replace(/\/+$/, '') || '/', query: new URLSearchParams(search), href };
}

// Back from a payment provider's page on a path URL: continue on the same page as a hash route.
const returned = window.location.hash ? undefined : hashRouteForReturn(window.location.pathname, window.location.search);
if (returned) window.history.replaceState(window.history.state, '', `/#${returned}`);

let current = read();
const listeners = new Set<() => void>();

window.addEventListener('hashchange', () => {
  current = read();
  navigations += 1;
  for (const listener of listeners) listener();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

/** How many in-app navigations happened since the page loaded (0 on the first render). */
export function navigationCount(): number {
  return navigations;
}

export function currentHref(): string {
  return current.href;
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const target = `#${href}`;
  if (options.replace) window.location.replace(target);
  else window.location.hash = href;
}

/** Params of `path` against `pattern` (`/invoices/:id`), or undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) {
      if (!h) return undefined;
      params[w.slice(1)] = decodeURIComponent(h);
    } else if (w !== h) return undefined;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, ...rest }: LinkProps) {
  return <a href={`#${to}`} {...rest} />;
}
