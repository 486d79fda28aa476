/** The sandbox's page frame: plain HTML, no scripts, and the banner that says no money moves. */
export const BANNER = 'Stripe sandbox: no money moves';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${BANNER}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1a1f36}
.banner{background:#ffd43b;color:#000;text-align:center;font-weight:700;padding:.5rem}
main{max-width:28rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
label{display:block;margin-top:1rem;font-weight:600}
input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8792a2;border-radius:4px}
button{font:inherit;margin-top:1.25rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#635bff;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1a1f36;border:1px solid #8792a2}
.error{color:#b3093c;font-weight:600}
.amount{font-size:1.75rem;font-weight:700}
small,.hint{color:#4f566b}
</style>
</head>
<body>
<div class="banner" role="note">${BANNER}</div>
<main>
${body}
</main>
</body>
</html>`;
}
