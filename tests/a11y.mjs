// axe-core in Debian's Chromium (driven by playwright-core): every page, light
// and dark. Prints one JSON line per violation inside our blocks; exit 0.
// Usage: node tests/a11y.mjs <html dir> [chromium path]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const root = process.argv[2];
const executablePath = process.argv[3] || '/usr/bin/chromium';
// The extension's blocks: the theme and sphinx-design are not ours to fix.
const OURS = ['.bio-infobox', '.bio-timeline', '.bio-source-list', '.bio-picture'];

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name.startsWith('_') ? [] : pages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
let checked = 0;
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  for (const path of pages(root)) {
    await page.goto('file://' + path);
    const found = await page.evaluate(async ({ source, selectors }) => {
      if (!document.querySelector(selectors.join(','))) return null;
      eval(source);
      const result = await window.axe.run(
        { include: selectors.map((s) => [s]) },
        { resultTypes: ['violations'] },
      );
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
      }));
    }, { source: axeSource, selectors: OURS });
    if (found === null) continue;
    checked += 1;
    for (const violation of found) {
      console.log(JSON.stringify({ page: relative(root, path), scheme, ...violation }));
    }
  }
  await context.close();
}
await browser.close();
console.error(`axe: checked ${checked} page views`);
