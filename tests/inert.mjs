// Loads pages in Debian's Chromium (playwright-core) and reports anything a
// script did: dialogs (alert/confirm/prompt), console messages, page errors,
// and requests to any host. Prints one JSON line per event; exit 0.
// Usage: node tests/inert.mjs <page.html>...
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage();
const report = (kind, detail) => console.log(JSON.stringify({ kind, detail }));
page.on('dialog', async (dialog) => { report('dialog', dialog.message()); await dialog.dismiss(); });
page.on('pageerror', (error) => report('pageerror', String(error)));
page.on('request', (request) => {
  if (!request.url().startsWith('file:')) report('request', request.url());
});
for (const path of process.argv.slice(2)) {
  await page.goto('file://' + path);
  await page.waitForTimeout(200);
}
await browser.close();
