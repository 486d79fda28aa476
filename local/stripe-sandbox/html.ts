import { escapeHtml, sandboxPage } from '../sandbox-page.js';

export { escapeHtml };

/** The banner on every page of the Stripe sandbox. */
export const BANNER = 'Stripe sandbox: no money moves';

/** The Stripe sandbox's look, close enough to Stripe's own pages to be recognised. */
const CSS = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
label{display:block;margin-top:1rem;font-weight:600}
input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8792a2;border-radius:4px}
button{font:inherit;margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1a1f36;border:1px solid #8792a2}
.error{color:#b3093c;font-weight:600}
.amount{font-size:1.75rem;font-weight:700}
small,.hint{color:#4f566b}
`;

/** A page of the Stripe sandbox: plain HTML, no scripts, the banner. */
export function page(title: string, body: string): string {
  return sandboxPage({ banner: BANNER, css: CSS }, title, body);
}
