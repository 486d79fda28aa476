import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(repo, 'web');

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

async function isStale(): Promise<boolean> {
  const built = await stat(join(web, 'dist', 'index.html')).then((s) => s.mtimeMs, () => 0);
  const sources = Math.max(
    await newestMtime(join(web, 'src')),
    await newestMtime(join(web, 'public')).catch(() => 0),
    await newestMtime(join(web, 'index.html')),
    await newestMtime(join(web, 'vite.config.ts')),
  );
  return built <= sources;
}

/**
 * Builds web/dist when it is missing or older than any source of the app, so `npm start` and the
 * browser tests never serve a stale app. Several test files may ask at once: one build at a time (a
 * lock directory); the others wait and find it fresh. Returns whether it built.
 */
export async function buildWebIfStale(log?: (line: string) => void): Promise<boolean> {
  if (!(await isStale())) return false;
  const lock = join(tmpdir(), `web-build-${Buffer.from(repo).toString('base64url').slice(-40)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 120_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`web build lock ${lock} held for too long`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    if (!(await isStale())) return false;
    log?.('Building the web app…');
    const { build } = await import('vite');
    await build({ root: web, configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
    return true;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
