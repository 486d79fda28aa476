import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The layout of the items `npm start` keeps in `.local-data/`. Bump it when the table's keys change
 * (as when invoice lists moved to sorting by number, or payments were listed under their customer
 * for the crypto rule): data kept in an older layout would list wrongly, so it is moved aside, not read.
 */
export const LOCAL_DATA_FORMAT = '3';

/**
 * Makes sure `dir` holds data of the current format: an empty or new folder is stamped; a folder of an
 * older format is moved to `<dir>.format-<old>` (nothing is deleted) and a fresh one started.
 * @returns the folder it moved the old data to, if it did
 */
export async function ensureLocalDataFormat(dir: string): Promise<string | undefined> {
  const stamp = path.join(dir, 'FORMAT');
  const found = await readFile(stamp, 'utf8').then((text) => text.trim(), () => undefined);
  let movedTo: string | undefined;
  if (found !== LOCAL_DATA_FORMAT) {
    const entries = await readdir(dir).catch(() => [] as string[]);
    if (entries.length > 0) {
      movedTo = `${dir}.format-${found ?? '1'}-${Date.now()}`;
      await rename(dir, movedTo);
    }
  }
  await mkdir(dir, { recursive: true });
  await writeFile(stamp, `${LOCAL_DATA_FORMAT}\n`);
  return movedTo;
}
