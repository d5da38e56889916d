// Debian's headless Chromium driven by playwright-core, for the tests that
// must type into the pages as a person would.
import { existsSync } from 'node:fs';

export const chromiumPath = '/usr/bin/chromium';

/** A `skip` value for node:test: false, or why Chromium cannot run here. */
export const skipWithoutChromium = !existsSync(chromiumPath) && 'Debian chromium is not installed';

/** Runs `fn(page)` in a fresh headless Chromium, closed afterwards whatever happens. */
export async function withChromiumPage(fn) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    return await fn(await browser.newPage());
  } finally {
    await browser.close();
  }
}

/**
 * Answers every request to `redirectUri` in the browser (the client's page
 * is not served); returns a getter for the last URL it was sent to.
 */
export async function catchRedirect(page, redirectUri) {
  let last;
  await page.route(`${redirectUri}**`, (route) => {
    last = new URL(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>client</p>' });
  });
  return () => last;
}
