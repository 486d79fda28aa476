/** The sandbox's page frame: plain HTML, no scripts, and the banner that says no money moves. */
export const BANNER = 'PayPal sandbox: no money moves';

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
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f7fa;color:#001c64}
.banner{background:#ffd43b;color:#000;text-align:center;font-weight:700;padding:.5rem}
main{max-width:30rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;box-shadow:0 1px 3px #0002}
button{font:inherit;display:block;width:100%;margin-top:.75rem;padding:.6rem 1.2rem;border:0;border-radius:20px;background:#0070e0;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#001c64;border:1px solid #8792a2}
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
