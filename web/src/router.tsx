import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A tiny router over the History API: the app's pages are plain paths (`/invoices/abc?x=1`), the same
 * URLs the payment providers send the customer back to. The server answers every such path with
 * index.html (CloudFront's viewer-request function in lib/spa.ts; the local server in
 * local/api-server.ts), so a reload, a bookmark or a provider's return URL opens the right page.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
  /** path + query, as a link or `navigate` takes it. */
  href: string;
}

let navigations = 0;

function read(): Location {
  const { pathname, search } = window.location;
  return { path: pathname.replace(/\/+$/, '') || '/', query: new URLSearchParams(search), href: `${pathname}${search}` };
}

let current = read();
const listeners = new Set<() => void>();

function changed(): void {
  current = read();
  navigations += 1;
  for (const listener of listeners) listener();
}

// Back and Forward.
window.addEventListener('popstate', changed);

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

/** Goes to `href` (an app path with an optional query) without reloading the page. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === current.href) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  changed();
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

/**
 * A link to an app page: a real `href`, so that a new tab, copying the link and a reload all work;
 * a plain click navigates in place.
 */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plain || (rest.target && rest.target !== '_self')) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={click} {...rest} />;
}
