/**
 * Payment providers send the customer back to plain paths (`/invoices/<id>?payment=processing`,
 * `/payment-methods?setup=cancelled`), which the server answers with index.html; the app itself uses
 * hash routes. This gives the hash route for such a path, keeping only the return state, or undefined
 * for any other path.
 */
const returns: { pattern: RegExp; param: string; values: readonly string[] }[] = [
  { pattern: /^\/invoices\/([^/]+)\/?$/, param: 'payment', values: ['processing', 'cancelled'] },
  { pattern: /^\/payment-methods\/?$/, param: 'setup', values: ['processing', 'cancelled'] },
];

export function hashRouteForReturn(pathname: string, search: string): string | undefined {
  for (const { pattern, param, values } of returns) {
    if (!pattern.test(pathname)) continue;
    const state = new URLSearchParams(search).get(param);
    const path = pathname.replace(/\/+$/, '');
    return state && values.includes(state) ? `${path}?${param}=${state}` : path;
  }
  return undefined;
}
