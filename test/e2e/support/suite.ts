import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage } from './browser.js';
import { type LocalSystem, startSystem } from './local-system.js';

/**
 * One local system and one Chromium for a test file (a 2-core machine runs two files at once): started
 * before its tests, and stopped after them with every page the file opened.
 */
export function browserSuite(): { readonly system: LocalSystem; freshPage(): Promise<{ page: Page; problems: string[] }> } {
  let system: LocalSystem | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await system?.stop();
  }, 60_000);

  return {
    get system() {
      if (!system) throw new Error('The local system is not started yet: use it inside a test or hook.');
      return system;
    },
    /** A new browser context and page; `problems` collects its script errors and CSP violations. */
    async freshPage() {
      const opened = await openPage(browser!);
      contexts.push(opened.context);
      return opened;
    },
  };
}
