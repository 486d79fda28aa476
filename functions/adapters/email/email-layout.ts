import type { Seller } from '../../ports/invoice-document-renderer.js';
import type { ComposedEmail } from '../../ports/invoice-email-composer.js';

/**
 * What one email says, as data: every email is rendered from this by the one layout below, as HTML
 * and as plain text, so the two parts always say the same and every email has the same look. No field
 * holds markup: every string is text, escaped when the HTML is written.
 */
export interface EmailContent {
  readonly subject: string;
  /** The line mail clients show beside the subject in the inbox. */
  readonly preheader: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Label and value pairs ("Amount due", "19.99 USD"), shown as a small table. */
  readonly facts?: readonly Fact[];
  /** The invoice's lines: description and amount. */
  readonly lines?: readonly Fact[];
  /** The one button (and, in the text part, the link). */
  readonly action?: { readonly label: string; readonly url: string };
  /** Paragraphs after the button. */
  readonly closing?: readonly string[];
}

export type Fact = readonly [label: string, value: string];

/**
 * Text from outside (names, descriptions, addresses, reasons) made safe to show: Unicode NFC, tabs as
 * spaces, and no control characters, line or paragraph separators, or bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which could make text read differently from
 * what was stored. Right-to-left scripts themselves are kept.
 */
export function shownText(value: string): string {
  return value.normalize('NFC').replace(/\t/g, ' ').replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, '').trim();
}

/** The five characters that can change meaning in HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const INK = '#1a2230';
const SOFT = '#4a5568';
const LINE = '#d8dee8';
const BG = '#f5f7fa';
const BRAND = '#1d4ed8';
const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
/**
 * On every cell: mail clients drop the body's styles (and some render in quirks mode, where tables
 * do not inherit fonts), so each cell says its own font.
 */
const TEXT = `font-family:${FONT};color:${INK};font-size:16px;line-height:1.5;`;

/** Shown text, HTML-escaped: every string that reaches the HTML goes through this. */
const h = (value: string) => escapeHtml(shownText(value));

function factRows(facts: readonly Fact[], strongLast: boolean): string {
  return facts.map(([label, value], i) => {
    const weight = strongLast && i === facts.length - 1 ? 'font-weight:600;' : '';
    return `<tr><td style="${TEXT}padding:6px 12px 6px 0;color:${SOFT};vertical-align:top;${weight}" dir="auto">${h(label)}</td>`
      + `<td style="${TEXT}padding:6px 0;text-align:right;white-space:nowrap;vertical-align:top;${weight}" dir="auto">${h(value)}</td></tr>`;
  }).join('');
}

function linesTable(lines: readonly Fact[]): string {
  const rows = lines.map(([description, amount]) =>
    `<tr><td style="${TEXT}font-size:14px;padding:6px 12px 6px 0;border-top:1px solid ${LINE};word-break:break-word;" dir="auto">${h(description)}</td>`
    + `<td style="${TEXT}font-size:14px;padding:6px 0;border-top:1px solid ${LINE};text-align:right;white-space:nowrap;vertical-align:top;">${h(amount)}</td></tr>`).join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px;font-size:14px;">${rows}</table>`;
}

function html(content: EmailContent, seller: Seller): string {
  const paragraph = (text: string) => `<p style="margin:0 0 16px;">${h(text)}</p>`;
  const action = content.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px;"><tr><td style="${TEXT}border-radius:8px;background:${BRAND};">`
      + `<a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 22px;color:#ffffff;text-decoration:none;font-weight:600;border-radius:8px;">${h(content.action.label)}</a>`
      + `</td></tr></table><p style="margin:0 0 16px;font-size:13px;color:${SOFT};">Or open this link: <a href="${escapeHtml(content.action.url)}" style="color:${BRAND};word-break:break-all;">${h(content.action.url)}</a></p>`
    : '';
  const footer = [seller.name, ...seller.addressLines, seller.email].map(h).join('<br>');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${h(content.subject)}</title></head>
<body style="margin:0;padding:0;background:${BG};color:${INK};font-family:${FONT};font-size:16px;line-height:1.5;">
<span style="display:none;max-height:0;overflow:hidden;opacity:0;">${h(content.preheader)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${BG};"><tr><td align="center" style="${TEXT}padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;">
<tr><td style="${TEXT}padding:0 4px 12px;font-size:18px;font-weight:700;" dir="auto">${h(seller.name)}</td></tr>
<tr><td style="${TEXT}background:#ffffff;border:1px solid ${LINE};border-radius:8px;padding:28px 28px 12px;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${h(content.heading)}</h1>
${content.paragraphs.map(paragraph).join('\n')}
${content.facts?.length ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px;">${factRows(content.facts, true)}</table>` : ''}
${content.lines?.length ? linesTable(content.lines) : ''}
${action}
${(content.closing ?? []).map(paragraph).join('\n')}
</td></tr>
<tr><td style="${TEXT}padding:16px 4px;font-size:12px;color:${SOFT};">${footer}</td></tr>
</table></td></tr></table>
</body></html>
`;
}

function text(content: EmailContent, seller: Seller): string {
  const block = (facts: readonly Fact[]) => facts.map(([label, value]) => `${shownText(label)}: ${shownText(value)}`).join('\n');
  const parts = [
    shownText(content.heading),
    ...content.paragraphs.map(shownText),
    ...(content.facts?.length ? [block(content.facts)] : []),
    ...(content.lines?.length ? [block(content.lines)] : []),
    ...(content.action ? [`${shownText(content.action.label)}: ${content.action.url}`] : []),
    ...(content.closing ?? []).map(shownText),
    ['--', seller.name, ...seller.addressLines, seller.email].map(shownText).join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}

/**
 * The one look of every email (invoices, payments, invitations, password resets): the seller's name
 * above a white card with the heading, the text, a table of facts, one button, and the seller's
 * name, address and email in the footer. Inline styles and layout tables only, as mail clients need.
 */
export function renderEmail(content: EmailContent, seller: Seller): ComposedEmail {
  return { subject: shownText(content.subject), html: html(content, seller), text: text(content, seller) };
}
