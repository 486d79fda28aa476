import { escapeHtml, sandboxPage } from '../sandbox-page.js';

export { escapeHtml };

/** The banner on every page of the BTCPay sandbox. */
export const BANNER = 'BTCPay sandbox: no money moves';

/** The BTCPay sandbox's look, close enough to BTCPay's own pages to be recognised. */
const CSS = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f7f8;color:#1f2d3a}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin-top:0}
label{display:block;margin-top:.75rem;font-weight:600}
input{font:inherit;padding:.4rem;border:1px solid #8792a2;border-radius:4px}
input[type=text],input[type=number]{width:10rem}
button{font:inherit;margin-top:.5rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#51b13e;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f2d3a;border:1px solid #8792a2}
form{margin:0 0 1rem}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:700}
.amount{font-size:1.6rem;font-weight:700}
.status{font-weight:700}
.error{color:#b3093c;font-weight:600}
.methods a{margin-right:.75rem}
.methods a[aria-current]{font-weight:700}
code{word-break:break-all}
small,.hint{color:#57606a}
table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:.25rem .5rem .25rem 0;vertical-align:top}
`;

/** A page of the BTCPay sandbox: plain HTML, no scripts, the banner. */
export function page(title: string, body: string): string {
  return sandboxPage({ banner: BANNER, css: CSS }, title, body);
}
