import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfBundleFiles } from '../../../functions/adapters/pdf/bundle-files.js';
import { bundlingAliases } from '../../../lib/bundling/aliases.js';
import { readPdf, squeeze } from '../../support/pdf-text.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Outside the project, as in Lambda: no node_modules above it to fall back on.
const dir = mkdtempSync(path.join(tmpdir(), 'billing-pdf-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LINES = ['Zofia Łukasiewicz-Żądło', 'Φιλοξενία', 'Хостинг', '虚拟主机续费', 'サーバー料金です', '호스팅 서비스', 'استضافة موقع', 'אחסון אתרים'];

describe('the renderer as bundled for Lambda', () => {
  it('finds the fonts copied beside the bundle and prints every script, with no node_modules to fall back on', async () => {
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(entry, `
      import { pdfLibInvoiceRenderer } from ${JSON.stringify(path.join(root, 'functions/adapters/pdf/pdf-lib-invoice-renderer.ts'))};
      import { Invoice } from ${JSON.stringify(path.join(root, 'functions/domain/invoice.ts'))};
      import { newCustomer } from ${JSON.stringify(path.join(root, 'functions/domain/customer.ts'))};
      import { currency } from ${JSON.stringify(path.join(root, 'functions/domain/money.ts'))};
      import { calendarDate } from ${JSON.stringify(path.join(root, 'functions/domain/calendar-date.ts'))};
      import { writeFileSync } from 'node:fs';
      const at = new Date('2026-03-01T09:00:00Z');
      const customer = newCustomer({ id: 'c', email: 'c@example.com', name: 'Ana', currency: currency('USD'), userSub: 's', createdAt: at });
      const lines = ${JSON.stringify(LINES)}.map((description) => ({ description, quantity: 1, unitAmountMinor: 100 }));
      const invoice = Invoice.issue({ id: 'i', number: 1, customerId: 'c', currency: currency('USD'), lines, dueDate: calendarDate('2026-03-15'), issuedAt: at });
      const seller = { name: 'Example Hosting Ltd', addressLines: [], email: 'billing@example.net' };
      writeFileSync(process.argv[2], await pdfLibInvoiceRenderer.renderPdf({ invoice, customer, seller, now: at }));
    `);
    const bundle = path.join(dir, 'bundle', 'index.mjs');
    // The settings lib/billing-function.ts gives NodejsFunction.
    await build({
      entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node24', minify: true,
      mainFields: ['module', 'main'], alias: { ...bundlingAliases }, logLevel: 'error', absWorkingDir: root,
      banner: { js: "import { createRequire as __r } from 'node:module';const require = __r(import.meta.url);" },
    });
    for (const [target, source] of Object.entries(pdfBundleFiles())) {
      mkdirSync(path.dirname(path.join(dir, 'bundle', target)), { recursive: true });
      copyFileSync(source, path.join(dir, 'bundle', target));
    }

    const out = path.join(dir, 'invoice.pdf');
    execFileSync(process.execPath, [bundle, out], { cwd: dir, timeout: 60_000 });

    const text = squeeze((await readPdf(readFileSync(out))).map((p) => p.text).join(''));
    for (const line of LINES) expect(text).toContain(squeeze(line));
    const code = readFileSync(bundle, 'utf8');
    expect(code).not.toContain('BrotliDecompressBuffer'); // Node's Brotli, not the 475 KB one
    expect(code).not.toContain('need dictionary'); // Node's zlib, not pako
    expect(statSync(bundle).size).toBeLessThan(600 * 1024); // about 1.2 MB with the modules that the stand-ins replace
  });
});
