/** Launching Debian's chromium for the browser tests and the UI bench. Not a test file itself. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
