/**
 * The web app's initial JavaScript, gzipped: the scripts index.html loads (module entry and module
 * preloads), not the lazily loaded staff chunk. Target: at most 150 KB.
 *
 *   npx tsx bench/web-size.ts            builds web/dist first, then measures
 *   npx tsx bench/web-size.ts --no-build measures the existing web/dist
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const dist = join(webRoot, 'dist');
export const budgetBytes = 150 * 1024;

export interface WebSize {
  files: { file: string; bytes: number; gzipBytes: number }[];
  initialJsBytes: number;
  initialJsGzipBytes: number;
  budgetBytes: number;
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ root: webRoot, configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
}

/** Sizes of the JavaScript that web/dist/index.html loads before anything else. */
export async function measureWebSize(): Promise<WebSize> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) sources.add(match[1]!);
  const files = [];
  for (const source of sources) {
    const bytes = await readFile(join(dist, source.replace(/^\//, '')));
    files.push({ file: source, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return {
    files,
    initialJsBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    initialJsGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    budgetBytes,
  };
}

/** For `npm run bench` (bench/run.ts): builds web/dist, then measures it. */
export async function webSize(): Promise<WebSize & { gzipKiB: number }> {
  await buildWeb();
  const size = await measureWebSize();
  return { ...size, gzipKiB: size.initialJsGzipBytes / 1024 };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--no-build')) await buildWeb();
  const size = await measureWebSize();
  for (const file of size.files) console.log(`${file.file}: ${kb(file.bytes)} raw, ${kb(file.gzipBytes)} gzipped`);
  const verdict = size.initialJsGzipBytes <= size.budgetBytes ? 'within' : 'OVER';
  console.log(`web initial JS (gzip): ${kb(size.initialJsGzipBytes)} (${verdict} the ${kb(size.budgetBytes)} budget)`);
  if (verdict === 'OVER') process.exitCode = 1;
}
