/** Launching Debian's chromium for the browser tests and the UI bench. Not a test file itself. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/serve.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** Why browser tests must skip on this machine, or false when chromium is there. */
export const chromiumMissing: string | false = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install chromium); skipping the browser tests`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Waits until the single-page app has rendered the route it is on. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === (location.hash || '#/'));
}

/** Collects page errors and console errors, for a test that asserts there were none. */
export function watchErrors(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
}

/** A store in a temporary folder, filled by `fill`, served, and a chromium page on it, with its errors collected. */
export interface BrowserSession {
  store: Store;
  server: RunningServer;
  browser: Browser;
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

export async function openBrowserSession(name: string, fill: (store: Store) => Promise<unknown>): Promise<BrowserSession> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `wiretrace-${name}-`));
  const store = openSqliteStore(path.join(dir, `${name}.db`));
  await fill(store);
  const server = await startServer(store, { port: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const problems: string[] = [];
  watchErrors(page, problems);
  return {
    store,
    server,
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
