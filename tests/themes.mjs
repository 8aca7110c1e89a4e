// The theme matrix in Debian's Chromium (driven by playwright-core): one
// browser for every theme's build of tests/roots/test-themes, each page seen
// with the system in light and in dark mode and, on themes with a switch of
// their own, with that switch set to light, dark and auto.
//
// Usage: node tests/themes.mjs <builds dir> [--shots <png dir>] [--chromium <path>]
//   <builds dir>/<theme>/index.html is the page built with that theme.
// Prints one JSON line per view: what axe-core finds in our blocks, the
// computed list style of every timeline entry, and the infobox's colours.
// With --shots, also writes the gallery's screenshots (see GALLERY) and
// prints nothing else.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args.splice(at, 2)[1];
};
const shots = option('--shots', null);
const executablePath = option('--chromium', '/usr/bin/chromium');
const root = args[0];

// The extension's blocks: the theme is not ours to fix.
const OURS = ['.bio-infobox', '.bio-timeline', '.bio-source-list', '.bio-picture'];

// Themes with a light/dark switch of their own: the localStorage key their
// inline script reads before the page is drawn, and where the resolved mode
// ends up (Furo: <body data-theme>, which stays "auto" under the system
// setting; pydata and the book theme: <html data-theme>, always light or dark).
const SWITCH = {
  furo: { key: 'theme', element: 'body' },
  pydata_sphinx_theme: { key: 'mode', element: 'html' },
  sphinx_book_theme: { key: 'mode', element: 'html' },
};

// The gallery: light and dark where the theme has a dark mode; a light-only
// theme is shown with the system in dark mode, which must not darken it.
const GALLERY = (theme) => (SWITCH[theme]
  ? [{ system: 'light', mode: 'light' }, { system: 'dark', mode: 'dark' }]
  : [{ system: 'dark', mode: null }]);

function views(theme) {
  const modes = SWITCH[theme] ? [null, 'light', 'dark', 'auto'] : [null];
  return ['light', 'dark'].flatMap((system) => modes.map((mode) => ({ system, mode })));
}

// Runs in the page: what the Python test asserts on.
async function inspect({ source, selectors, switchElement }) {
  const rgba = (css) => {
    // The canvas parses any CSS colour (color-mix(), color(srgb ...)) to sRGB.
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d');
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => top.slice(0, 3).map(
    (c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  // The colour an element is painted on: its own background over its ancestors'.
  const backdrop = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const infoboxes = [...document.querySelectorAll('.bio-infobox')].map((box) => {
    const background = backdrop(box);
    const foreground = over(rgba(getComputedStyle(box).color), background);
    const page = backdrop(box.parentElement);
    return {
      id: box.id,
      contrast: Math.round(contrast(foreground, background) * 100) / 100,
      dark: luminance(background) < 0.2,
      pageDark: luminance(page) < 0.2,
    };
  });
  // Each picture's texts (names, years, legend) against the page under them.
  const pictures = [...document.querySelectorAll('.bio-picture svg')].map((svg) => {
    const background = backdrop(svg.parentElement);
    const ratios = [...svg.querySelectorAll('text')].map((text) => contrast(
      over(rgba(getComputedStyle(text).fill), background), background));
    return { texts: ratios.length, contrast: Math.round(Math.min(...ratios) * 100) / 100 };
  });
  const listStyles = [...document.querySelectorAll('.bio-timeline li')].map(
    (li) => getComputedStyle(li).listStyleType);
  const switched = switchElement
    ? document.querySelector(switchElement).getAttribute('data-theme') : null;
  eval(source);
  const result = await window.axe.run(
    { include: selectors.map((s) => [s]) },
    { resultTypes: ['violations'] },
  );
  const violations = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
  return { switched, infoboxes, pictures, listStyles, violations };
}

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const themes = readdirSync(root).filter((name) => existsSync(join(root, name, 'index.html'))).sort();
// One window per system setting, for all pages: a fresh one per page costs
// half a second each.  Each page starts with empty storage, as the themes
// keep their switch there (and pydata writes back what "auto" resolved to);
// the query string says which switch to set before the theme's scripts run.
for (const system of ['light', 'dark']) {
  const context = await browser.newContext({
    colorScheme: system,
    viewport: { width: 1280, height: 900 },
    // Nothing leaves the machine: the themes' fonts and icons are local.
    offline: true,
  });
  await context.addInitScript(() => {
    const query = new URLSearchParams(location.search);
    localStorage.clear();
    if (query.get('key')) localStorage.setItem(query.get('key'), query.get('mode'));
  });
  const page = await context.newPage();
  for (const theme of themes) {
    const sw = SWITCH[theme];
    for (const view of (shots ? GALLERY(theme) : views(theme)).filter((v) => v.system === system)) {
      const url = new URL('file://' + join(root, theme, 'index.html'));
      if (view.mode) url.search = new URLSearchParams({ key: sw.key, mode: view.mode }).toString();
      await page.goto(url.href);
      if (shots) {
        // The blocks and the page's title above them.
        const box = await page.evaluate((selectors) => {
          const blocks = [...document.querySelectorAll(selectors.join(','))];
          const title = blocks[0].closest('section').querySelector('h1');
          const rects = [title, ...blocks].map((element) => element.getBoundingClientRect());
          const left = Math.max(0, Math.min(...rects.map((r) => r.left)) - 16);
          const top = Math.max(0, Math.min(...rects.map((r) => r.top)) - 16);
          const right = Math.max(...rects.map((r) => r.right)) + 16;
          const bottom = Math.max(...rects.map((r) => r.bottom)) + 16;
          return { x: left, y: top + window.scrollY, width: right - left, height: bottom - top };
        }, OURS);
        const light = view.system === 'dark' && !view.mode ? 'light-system-dark' : view.mode;
        const file = `${theme.replaceAll('_', '-')}-${light}.png`;
        await page.screenshot({ path: join(shots, file), clip: box, fullPage: true });
        console.log(JSON.stringify({ theme, ...view, file, ...box }));
      } else {
        const found = await page.evaluate(inspect, {
          source: axeSource, selectors: OURS, switchElement: sw ? sw.element : null,
        });
        console.log(JSON.stringify({ theme, ...view, ...found }));
      }
    }
  }
  await context.close();
}
await browser.close();
