/** Text made safe to put in HTML, between tags or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A provider sandbox's page frame: plain HTML, no scripts, the sandbox's own look (`css`), and the
 * banner that says no money moves, on every page.
 */
export function sandboxPage(look: { banner: string; css: string }, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${look.banner}</title>
<style>
.banner{background:#ffd43b;color:#000;text-align:center;font-weight:700;padding:.5rem}
${look.css.trim()}
</style>
</head>
<body>
<div class="banner" role="note">${look.banner}</div>
<main>
${body}
</main>
</body>
</html>`;
}
