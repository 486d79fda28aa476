import { escapeHtml, sandboxPage } from '../sandbox-page.js';

export { escapeHtml };

/** The banner on every page of the PayPal sandbox. */
export const BANNER = 'PayPal sandbox: no money moves';

/** The PayPal sandbox's look, close enough to PayPal's own pages to be recognised. */
const CSS = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f7fa;color:#001c64}
main{max-width:30rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
button{font:inherit;display:block;width:100%;margin-top:.75rem;padding:.6rem 1.2rem;border:0;border-radius:20px;background:#0070e0;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#001c64;border:1px solid #8792a2}
.amount{font-size:1.75rem;font-weight:700}
small,.hint{color:#4f566b}
`;

/** A page of the PayPal sandbox: plain HTML, no scripts, the banner. */
export function page(title: string, body: string): string {
  return sandboxPage({ banner: BANNER, css: CSS }, title, body);
}
