import sparticuz from '@sparticuz/chromium';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The Chromium the browser tests drive: the one shipped inside the @sparticuz/chromium npm package
 * (extracted to the temporary directory on first use, about a second), so `npm install && npm test`
 * needs no system package. CHROMIUM_PATH opts into another build, such as Debian's /usr/bin/chromium.
 */
async function chromiumExecutable(): Promise<string> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen === undefined || chosen === '') return sparticuz.executablePath();
  if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH names ${chosen}, which does not exist`);
  return chosen;
}

/**
 * Headless, with the package's shell build. Not the package's own `args`: they are for AWS Lambda
 * (single process, web security off), which would hide what a real browser refuses. Without the
 * background-networking flags Chromium reaches for Google's hosts, which this network refuses.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Screenshots of each page go to test-results/screenshots, or, with UPDATE_SCREENSHOTS=1, to
 * docs/screenshots where the README shows them.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
