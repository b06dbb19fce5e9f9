// How long a shared search link takes to show its first result in Chromium.
//
//   node tools/bench/page_load.mjs URL [QUERY] [RUNS]      (or tools/bench/page_load ...)
//   e.g. node tools/bench/page_load.mjs http://127.0.0.1:8080 refugies 5
//
// Against a running service: for each run a fresh browser context (no cache, no open
// connections), navigate to URL/?q=QUERY and take the time from navigation start until the
// first [data-testid=result] is visible. The time is read in the page (performance.now(), whose
// origin is the navigation start), at the first animation frame after the result is in the
// document with a size, so it does not include the driver's round trips. Prints every run and
// the median. CHROMIUM (default /usr/bin/chromium) chooses the browser.
//
// playwright-core comes from tests/browser/node_modules (npm ci there), the one pinned copy.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const RESULT = '[data-testid=result]';
const TIMEOUT_MS = 30000;

const [service, query = 'refugies', runsText = '5'] = process.argv.slice(2);
const runs = Number(runsText);
if (!service || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: page_load.mjs URL [QUERY] [RUNS]   e.g. http://127.0.0.1:8080 refugies 5');
  process.exit(2);
}

// Runs in the page before its own scripts: note when the first result is first painted.
function watchFirstResult(selector) {
  const seen = () => {
    const element = document.querySelector(selector);
    if (!element || window.__firstResultMs !== undefined) return;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    window.__firstResultMs = -1;  // claimed; the frame callback sets the time
    requestAnimationFrame(() => { window.__firstResultMs = performance.now(); });
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true, attributes: true });
}

async function oneRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(watchFirstResult, RESULT);
    const page = await context.newPage();
    const wallStart = Date.now();
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.__firstResultMs > 0, null, { timeout: TIMEOUT_MS, polling: 'raf' });
    const inPage = await page.evaluate(() => window.__firstResultMs);
    return { inPage, wall: Date.now() - wallStart };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const url = `${service.replace(/\/+$/, '')}/?q=${encodeURIComponent(query)}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
try {
  console.log(`page_load: ${url}, ${runs} runs, fresh context each`);
  for (let run = 1; run <= runs; run++) {
    const { inPage, wall } = await oneRun(browser, url);
    times.push(inPage);
    console.log(`run ${run}: first result visible after ${inPage.toFixed(0)} ms (driver wall clock ${wall} ms)`);
  }
} finally {
  await browser.close();
}
console.log(`median: ${median(times).toFixed(0)} ms`);
