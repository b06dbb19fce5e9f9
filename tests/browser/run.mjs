// Browser tests of the Cohesio page and the <cohesio-search> box, in Chromium (playwright-core).
// Started by run.sh, which runs the service; this script only starts the static servers of the
// host page (one origin allowed by the service's --cors-origin, one not).
//
// Environment: COHESIO_URL (the service), HOST_PORT (allowed origin), OTHER_PORT (not allowed),
// CHROMIUM (default /usr/bin/chromium). Screenshots go to screenshots/. Ends with "N passed, M failed".
import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVICE = (process.env.COHESIO_URL || '').replace(/\/+$/, '');
const HOST_PORT = Number(process.env.HOST_PORT);
const OTHER_PORT = Number(process.env.OTHER_PORT);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(here, 'screenshots');
const HOST_PLACEHOLDER = 'http://127.0.0.1:18090';

if (!SERVICE || !HOST_PORT || !OTHER_PORT) {
  console.error('run.mjs: set COHESIO_URL, HOST_PORT and OTHER_PORT (tests/browser/run.sh does)');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Helpers.
async function api(pathAndQuery, init) {
  const response = await fetch(SERVICE + pathAndQuery, init);
  assert.ok(response.ok, `API ${pathAndQuery}: HTTP ${response.status}`);
  return response.json();
}

const q = (params) => new URLSearchParams(params).toString();

// The page sets body[data-ready] to the number of the last render that finished.
async function readyCount(page) {
  return Number((await page.getAttribute('body', 'data-ready')) || 0);
}

async function afterRender(page, action) {
  const before = await readyCount(page);
  await action();
  await page.waitForFunction((b) => Number(document.body.dataset.ready || 0) > b, before, { timeout: 15000 });
}

async function open(page, query) {
  await page.goto(`${SERVICE}/${query}`);
  await page.waitForFunction(() => Number(document.body.dataset.ready || 0) > 0, null, { timeout: 15000 });
}

const total = (page) => page.getAttribute('[data-testid=result-count]', 'data-total').then(Number);
const resultIds = (page) => page.$$eval('[data-testid=result]', (els) => els.map((e) => e.dataset.id));
const params = (page) => new URL(page.url()).searchParams;

async function shot(page, name, fullPage = false) {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage });
}

// The host page, served from another origin with a strict CSP of its own.
function hostServer(port) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(async (request, response) => {
      if (request.url === '/host.css') {
        response.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
        response.end(await readFile(path.join(here, 'host.css'), 'utf8'));
        return;
      }
      if (request.url !== '/host.html' && request.url !== '/') {
        response.writeHead(request.url === '/favicon.ico' ? 204 : 404);
        response.end();
        return;
      }
      const html = (await readFile(path.join(here, 'host.html'), 'utf8')).replaceAll(HOST_PLACEHOLDER, SERVICE);
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'self'; script-src ${SERVICE}; connect-src ${SERVICE}; style-src 'self'`,
      });
      response.end(html);
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------------------------------------
// A tiny runner: tests run in order, each starts from a URL of its own.
let passed = 0;
let failed = 0;
let current = null;
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok     ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED ${name} (${Date.now() - started} ms)\n       ${String(error && error.stack || error).split('\n').join('\n       ')}`);
    if (current) {
      const file = `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
      await shot(current, file).catch(() => {});
      console.log(`       screenshot: screenshots/${file}`);
    }
  }
}

const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

await rm(SHOTS, { recursive: true, force: true });
await mkdir(SHOTS, { recursive: true });
const started = Date.now();
// chromium.launch gives every run a fresh temporary profile (user data dir), removed on close.
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: launchArgs });
const hostAllowed = await hostServer(HOST_PORT);
const hostOther = await hostServer(OTHER_PORT);

// Console errors and CSP violations of the service's own pages.
const pageErrors = [];
function watch(page) {
  page.on('console', (message) => {
    if (message.type() === 'error' && page.url().startsWith(SERVICE)) pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
}

const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
context.setDefaultTimeout(10000);
const page = await context.newPage();
watch(page);
current = page;

try {
  const facets = await api('/api/v1/facets');
  const health = await api('/readyz');

  await test('home page lists every practice, in French for a French browser', async () => {
    await page.goto(`${SERVICE}/`);
    await page.waitForFunction(() => Number(document.body.dataset.ready || 0) > 0);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await total(page), health.documents);
    assert.equal((await resultIds(page)).length, 10);
    const first = page.locator('[data-testid=facet-country] [data-testid=facet-option]').first();
    assert.equal(await first.getAttribute('data-value'), facets.facets.country[0].value);
    assert.equal(Number(await first.getAttribute('data-count')), facets.facets.country[0].count);
    assert.equal(await page.locator('[data-testid=chart-bar]').count(), facets.facets.country.length);
    assert.equal(await page.locator('[data-testid=search-form] label').first().textContent(), 'Rechercher une pratique');
    await shot(page, '01-home-fr.png');
  });

  await test('type-ahead suggests practices and terms, keyboard included', async () => {
    await open(page, '?lang=fr');
    const expected = await api(`/api/v1/suggest?${q({ q: 'banq', limit: 8 })}`);
    const input = page.getByTestId('search-input');
    await input.click();
    await input.pressSequentially('banq', { delay: 60 });
    await page.waitForSelector('#suggestions [role=option]');
    const texts = await page.$$eval('#suggestions [role=option]', (els) => els.map((e) => e.textContent));
    const note = (t) => (t.title_is_ours ? ' (titre de notre rédaction)' : '');
    assert.deepEqual(texts, [...expected.titles.map((t) => t.title + note(t)), ...expected.vocabulary]);
    assert.ok(expected.titles.every((t) => t.language === 'fr'), 'French titles in the French interface');
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'sugg-1');
    await shot(page, '02-typeahead.png');
    // Enter on a practice opens it.
    await afterRender(page, () => input.press('Enter'));
    assert.equal(params(page).get('practice'), expected.titles[1].id);
    assert.equal(await page.getByTestId('practice-title').textContent(), expected.titles[1].title);
  });

  const query = 'refugee housing';
  await test('search: result count and facet counts are the API\'s', async () => {
    await open(page, '?lang=fr');
    const input = page.getByTestId('search-input');
    await input.fill(query);
    await afterRender(page, () => input.press('Enter'));
    assert.equal(params(page).get('q'), query);
    const expected = await api(`/api/v1/search?${q({ q: query })}`);
    assert.equal(await total(page), expected.total);
    assert.match(await page.getByTestId('result-count').textContent(), new RegExp(`^${expected.total} pratiques`));
    assert.deepEqual(await resultIds(page), expected.hits.map((h) => h.id));
    for (const name of ['country', 'domain', 'article']) {
      const shown = await page.$$eval(`[data-testid=facet-${name}] [data-testid=facet-option]`,
        (els) => els.map((e) => ({ value: e.dataset.value, count: Number(e.dataset.count) })));
      assert.ok(shown.length > 0, `facet ${name} shown`);
      assert.deepEqual(shown, expected.facets[name].slice(0, shown.length).map((v) => ({ value: v.value, count: v.count })), `facet ${name}`);
    }
    assert.ok(await page.locator('[data-testid=result] .snippet mark').count() > 0, 'highlighted snippets');
    // Each Charter article of the first hit with its reason.
    const firstHit = expected.hits[0];
    const reasons = await page.locator('[data-testid=result]').first().locator('.articles li').allTextContents();
    assert.equal(reasons.length, firstHit.charter_articles.length);
    firstHit.charter_articles.forEach((a, i) => {
      assert.ok(reasons[i].startsWith(`Art. ${a.article}`), reasons[i]);
      if (a.evidence) assert.ok(reasons[i].includes(a.evidence), `${reasons[i]} has ${a.evidence}`);
    });
    await shot(page, '03-search.png');
  });

  let firstCountry;
  let secondCountry;
  await test('a facet value filters, with the API\'s counts', async () => {
    const before = await api(`/api/v1/search?${q({ q: query })}`);
    [firstCountry, secondCountry] = before.facets.country.map((v) => v.value);
    const option = page.locator(`[data-testid=facet-country] [data-testid=facet-option][data-value="${firstCountry}"]`);
    await afterRender(page, () => option.click());
    assert.deepEqual(params(page).getAll('country'), [firstCountry]);
    const expected = await api(`/api/v1/search?${q({ q: query, country: firstCountry })}`);
    assert.equal(await total(page), expected.total);
    assert.ok(await option.isChecked());
    assert.deepEqual(await resultIds(page), expected.hits.map((h) => h.id));
  });

  await test('a bar of the chart per country adds its country to the filter', async () => {
    const bar = page.locator(`[data-testid=chart-bar][data-value="${secondCountry}"]`);
    await bar.scrollIntoViewIfNeeded();
    await afterRender(page, () => bar.click());
    assert.deepEqual(params(page).getAll('country'), [firstCountry, secondCountry]);
    const expected = await api(`/api/v1/search?${new URLSearchParams([['q', query], ['country', firstCountry], ['country', secondCountry]])}`);
    assert.equal(await total(page), expected.total);
    assert.equal(await bar.getAttribute('aria-pressed'), 'true');
    assert.equal(Number(await bar.getAttribute('data-count')), expected.facets.country.find((v) => v.value === secondCountry).count);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '04-filtered-with-chart.png', true);
  });

  const outer = page;
  await test('the map shows the country counts and toggles the country filter, by mouse and keys', async () => {
    // A page of its own: the next tests walk back through this page's history.
    const page = await context.newPage();
    watch(page);
    current = page;
    await open(page, `?${q({ q: query })}`);
    const expected = await api(`/api/v1/search?${q({ q: query })}`);
    const drawn = await page.$$eval('[data-testid=map-country]',
      (els) => els.map((e) => ({ value: e.dataset.value, count: Number(e.dataset.count) })));
    const offMap = ['CV', 'SO'];
    const counted = expected.facets.country.filter((v) => v.count > 0 && !offMap.includes(v.value));
    assert.deepEqual(new Map(drawn.map((v) => [v.value, v.count])), new Map(counted.map((v) => [v.value, v.count])));
    // A click on a country's shape filters by it: the first country whose shape is under the
    // centre of its box (a real click lands on what is drawn there, and Norway's centre is sea).
    await page.locator('#map').scrollIntoViewIfNeeded();
    const value = await page.$$eval('[data-testid=map-country]', (els) => els.find((e) => {
      const box = e.getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === e;
    }).dataset.value);
    const target = counted.find((v) => v.value === value);
    const shape = page.locator(`[data-testid=map-country][data-value="${target.value}"]`);
    await afterRender(page, () => shape.click());
    assert.deepEqual(params(page).getAll('country'), [target.value]);
    assert.equal(await total(page), target.count);
    assert.equal(await shape.getAttribute('aria-pressed'), 'true');
    // One tab stop; the arrow keys move to the next country by name, Enter adds it.
    assert.equal(await page.locator('[data-testid=map-country][tabindex="0"]').count(), 1);
    await page.locator('[data-testid=map-country][tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    const next = await page.evaluate(() => document.activeElement.dataset.value);
    assert.notEqual(next, target.value);
    await afterRender(page, () => page.keyboard.press('Enter'));
    assert.deepEqual(params(page).getAll('country').sort(), [target.value, next].sort());
    // The focus comes back to the country just toggled, which holds the one tab stop.
    assert.equal(await page.evaluate(() => document.activeElement.dataset.value), next);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0');
    assert.equal(await page.locator('[data-testid=map-country][tabindex="0"]').count(), 1);
    await page.locator('#map').scrollIntoViewIfNeeded();
    await shot(page, '04b-map-two-countries.png');
    await page.close();
    current = outer;
  });

  await test('exports: CSV, JSON and Atom of the current search, as the API serves them', async () => {
    const state = [['q', query], ['country', firstCountry], ['country', secondCountry]];
    const expected = await api(`/api/v1/search?${new URLSearchParams(state)}`);
    for (const [format, type] of [['csv', 'text/csv'], ['json', 'application/json'], ['atom', 'application/atom+xml']]) {
      const href = await page.getByTestId(`export-${format}`).getAttribute('href');
      const url = new URL(href, SERVICE);
      assert.deepEqual(url.searchParams.getAll('country'), [firstCountry, secondCountry], format);
      assert.equal(url.searchParams.get('q'), query, format);
      const response = await fetch(url);
      assert.equal(response.status, 200, format);
      assert.ok(response.headers.get('content-type').startsWith(type), `${format}: ${response.headers.get('content-type')}`);
      const body = await response.text();
      if (format === 'json') assert.equal(JSON.parse(body).hits.length, expected.total);
      if (format === 'csv') assert.equal(body.trim().split('\r\n').length - 1, expected.total);
      if (format === 'atom') assert.equal((body.match(/<entry[ >]/g) || []).length, Math.min(expected.total, 100));
    }
  });

  await test('exports of every practice: the CSV and the JSON hold them all, past a page of 100', async () => {
    const all = await context.newPage();
    watch(all);
    current = all;
    await open(all, '?lang=fr');
    assert.ok(health.documents > 100, 'more practices than a page of 100');
    for (const format of ['csv', 'json']) {
      const response = await fetch(new URL(await all.getByTestId(`export-${format}`).getAttribute('href'), SERVICE));
      assert.equal(response.status, 200, format);
      const body = await response.text();
      const rows = format === 'json' ? JSON.parse(body).hits.length : body.trim().split('\r\n').length - 1;
      assert.equal(rows, health.documents, format);
    }
    await all.close();
    current = page;
  });

  await test('pagination, then back and forward', async () => {
    const base = [['q', query], ['country', firstCountry], ['country', secondCountry]];
    const one = await api(`/api/v1/search?${new URLSearchParams(base)}`);
    assert.ok(one.total > 10, 'enough results for two pages');
    const two = await api(`/api/v1/search?${new URLSearchParams([...base, ['page', '2']])}`);
    await afterRender(page, () => page.getByTestId('pagination-next').click());
    assert.equal(params(page).get('page'), '2');
    assert.deepEqual(await resultIds(page), two.hits.map((h) => h.id));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading');
    await afterRender(page, () => page.goBack());
    assert.equal(params(page).get('page'), null);
    assert.deepEqual(await resultIds(page), one.hits.map((h) => h.id));
    await afterRender(page, () => page.goBack());
    assert.deepEqual(params(page).getAll('country'), [firstCountry]);
    assert.ok(await page.locator(`[data-testid=chart-bar][data-value="${secondCountry}"][aria-pressed=false]`).count() === 1);
    await afterRender(page, () => page.goForward());
    await afterRender(page, () => page.goForward());
    assert.equal(params(page).get('page'), '2');
    assert.deepEqual(await resultIds(page), two.hits.map((h) => h.id));
  });

  await test('a shared URL restores the whole state', async () => {
    await open(page, `?${q({ q: 'logement', country: 'PL', language: 'fr', sort: 'title', lang: 'en' })}`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByTestId('search-input').inputValue(), 'logement');
    assert.ok(await page.locator('[data-testid=facet-country] [data-testid=facet-option][data-value=PL]').isChecked());
    assert.ok(await page.locator('[data-testid=facet-lang] [data-testid=facet-option][data-value=fr]').isChecked());
    assert.equal(await page.locator('#sort').inputValue(), 'title');
    const expected = await api(`/api/v1/search?${q({ q: 'logement', country: 'PL', lang: 'fr', sort: 'title' })}`);
    assert.equal(await total(page), expected.total);
    assert.deepEqual(await resultIds(page), expected.hits.map((h) => h.id));
  });

  await test('two articles: practices that concern all of them or any, kept in the URL', async () => {
    const search = (pairs) => api(`/api/v1/search?${new URLSearchParams([...pairs, ['sort', 'title']])}`);
    const one = await search([['article', '31']]);
    const other = one.facets.article.map((v) => v.value).find((v) => v !== '31');
    await open(page, `?${q({ article: '31', lang: 'fr' })}`);
    assert.equal(await page.getByTestId('article-match-all').count(), 0, 'no choice for one article');
    const option = page.locator(`[data-testid=facet-article] [data-testid=facet-option][data-value="${other}"]`);
    await afterRender(page, () => option.click());
    const chosen = [['article', '31'], ['article', other]];
    const any = await search(chosen);
    assert.equal(await total(page), any.total);
    assert.ok(await page.getByTestId('article-match-any').isChecked());
    await afterRender(page, () => page.getByTestId('article-match-all').click());
    assert.equal(params(page).get('article_match'), 'all');
    const all = await search([...chosen, ['article_match', 'all']]);
    assert.ok(all.total < any.total, 'all of them is narrower than any');
    assert.equal(await total(page), all.total);
    assert.deepEqual(await resultIds(page), all.hits.map((h) => h.id));
    await page.getByTestId('facet-article').screenshot({ path: path.join(SHOTS, '04b-all-articles.png') });
    const shown = await page.$$eval('[data-testid=facet-article] [data-testid=facet-option]',
      (els) => els.map((e) => [e.dataset.value, Number(e.dataset.count)]));
    for (const [value, count] of shown) {
      assert.equal(count, (all.facets.article.find((v) => v.value === value) || { count: 0 }).count, `article ${value}`);
    }
    await afterRender(page, () => page.goBack());
    assert.equal(params(page).get('article_match'), null);
    assert.ok(await page.getByTestId('article-match-any').isChecked());
  });

  await test('a misspelt word is corrected, and the words as typed are one click away', async () => {
    await open(page, `?${q({ q: 'logment des refugies', lang: 'fr' })}`);
    const corrected = await api(`/api/v1/search?${q({ q: 'logment des refugies', sort: 'relevance' })}`);
    assert.equal(corrected.auto_corrected, true);
    const notice = page.getByTestId('corrected');
    await notice.waitFor();
    assert.ok((await notice.textContent()).includes(corrected.did_you_mean));
    assert.deepEqual(await resultIds(page), corrected.hits.map((h) => h.id));
    await page.getByTestId('as-typed').click();
    await page.waitForURL(/as_typed=true/);
    const typed = await api(`/api/v1/search?${q({ q: 'logment des refugies', as_typed: 'true', sort: 'relevance' })}`);
    assert.equal(typed.auto_corrected, false);
    await notice.waitFor({ state: 'detached' });
    assert.equal(await total(page), typed.total);
    assert.deepEqual(await resultIds(page), typed.hits.map((h) => h.id));
  });

  await test('sorts: titles and countries in the interface language', async () => {
    const sorter = await context.newPage();
    watch(sorter);
    current = sorter;
    for (const [lang, sort, sortedBy] of [['en', 'title', 'title_en'], ['fr', 'title', 'title'], ['en', 'country', 'country_en'], ['fr', 'country', 'country']]) {
      await open(sorter, `?${q({ domain: 'poverty_crisis', sort, lang })}`);
      const expected = await api(`/api/v1/search?${q({ domain: 'poverty_crisis', sort: sortedBy, per_page: 10 })}`);
      assert.deepEqual(await resultIds(sorter), expected.hits.map((h) => h.id), `${lang} ${sort}`);
    }
    assert.deepEqual(await sorter.$$eval('#sort option', (els) => els.map((e) => e.value)), ['relevance', 'title', 'country']);
    await sorter.close();
    current = page;
  });

  await test('nothing found: ways out, each one click away', async () => {
    const words = 'banque alimentaire';
    const found = await api(`/api/v1/search?${q({ q: words })}`);
    const withResults = new Set(found.facets.country.filter((v) => v.count > 0).map((v) => v.value));
    const empty = facets.facets.country.map((v) => v.value).find((code) => !withResults.has(code));
    await open(page, `?${new URLSearchParams([['q', words], ['country', empty], ['lang', 'fr']])}`);
    assert.equal(await total(page), 0);
    await page.getByTestId('nothing-found').waitFor();
    assert.equal(await page.getByTestId('exports').textContent(), '');
    await shot(page, '05b-nothing-found.png');
    await afterRender(page, () => page.getByTestId('remove-filter').first().click());
    assert.deepEqual(params(page).getAll('country'), []);
    assert.equal(await total(page), found.total);
  });

  await test('back from a practice returns to where the reader was in the results', async () => {
    await open(page, `?${q({ lang: 'fr' })}`);
    const last = page.locator('[data-testid=result] .practice-link').last();
    await last.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    assert.ok(before > 300, `scrolled down (${before})`);
    await afterRender(page, () => last.click());
    assert.ok(params(page).get('practice'));
    await afterRender(page, () => page.goBack());
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before, { timeout: 5000 });
  });

  let practiceId;
  await test('practice page: every field, and similar practices with why', async () => {
    await open(page, `?${q({ q: 'banque alimentaire', lang: 'fr' })}`);
    const link = page.locator('[data-testid=result] .practice-link').first();
    practiceId = await page.locator('[data-testid=result]').first().getAttribute('data-id');
    await afterRender(page, () => link.click());
    assert.equal(params(page).get('practice'), practiceId);
    assert.equal(params(page).get('q'), 'banque alimentaire');
    const record = await api(`/api/v1/practices/${practiceId}`);
    const similar = await api(`/api/v1/practices/${practiceId}/similar?k=6`);
    assert.equal(await page.getByTestId('practice-title').textContent(), record.title);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'practice-title');
    const body = await page.locator('.practice').textContent();
    const frLabels = { context: 'Contexte', goal: 'Objectif', target_groups: 'Groupes cibles', partners: 'Partenaires',
      duration: 'Durée', description: 'Description', implementation: 'Mise en œuvre', impact: 'Impact',
      conditions_of_success: 'Conditions de réussite', instruments_used: 'Instruments utilisés', remarks: 'Remarques',
      concrete_example: 'Exemple concret' };
    for (const [field, text] of Object.entries(record.text)) {
      assert.ok(body.includes(frLabels[field]), `label of text.${field}`);
      assert.ok(body.replace(/\s+/g, ' ').includes(text.replace(/\s+/g, ' ')), `text.${field}`);
    }
    for (const source of record.sources) assert.ok(body.includes(source.section), `source ${source.section}`);
    for (const a of record.charter_articles || []) assert.ok(body.includes(`Art. ${a.article}`), `article ${a.article}`);
    const items = page.getByTestId('similar-item');
    assert.equal(await items.count(), similar.suggestions.length);
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.id)), similar.suggestions.map((s) => s.id));
    const firstWhy = await items.first().textContent();
    for (const w of similar.suggestions[0].why.shared_words) assert.ok(firstWhy.includes(w), `why: ${w}`);
    await shot(page, '05-practice-fr.png', true);
  });

  await test('practice page: the other practices of the same city or organisation', async () => {
    const id = 'pl-gdansk-immigrant-council';
    const record = await api(`/api/v1/practices/${id}`);
    const names = [record.city, record.organisation].filter(Boolean);
    const expected = await api(`/api/v1/search?${q({ q: names.map((n) => `place:"${n}"`).join(' OR '), per_page: 6, as_typed: 'true' })}`);
    const others = expected.hits.map((h) => h.id).filter((other) => other !== id).slice(0, 5);
    assert.ok(others.length >= 2, 'Gdańsk has other practices');
    const other = await context.newPage();
    watch(other);
    current = other;
    await open(other, `?${q({ practice: id, lang: 'fr' })}`);
    assert.deepEqual(await other.$$eval('[data-testid=same-place] li', (els) => els.map((e) => e.dataset.id)), others);
    await other.close();
    current = page;
  });

  await test('cite this practice: plain text, BibTeX and CSL-JSON name the source section', async () => {
    const record = await api(`/api/v1/practices/${practiceId}`);
    const facetsNow = await api('/api/v1/facets');
    const source = facetsNow.facets.source.find((v) => v.value === record.sources[0].document);
    await page.locator('.cite summary').click();
    const text = await page.getByTestId('cite-text').textContent();
    assert.ok(text.includes(source.label.fr), 'document title');
    assert.ok(text.includes(record.sources[0].section), 'section');
    assert.ok(text.includes(`practice=${practiceId}`), 'record URL');
    assert.ok(text.includes(`« ${record.sources[0].section} »`), 'French quotation marks');
    // Consulted on the reader's own day, not UTC's.
    const localDay = await page.evaluate(() => {
      const d = new Date();
      return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
    });
    assert.ok(text.endsWith(`(consultée le ${localDay}).`), text);
    const bib = await page.getByTestId('cite-bibtex').textContent();
    assert.match(bib, new RegExp(`^@incollection\\{cohesio-${practiceId},`));
    assert.equal((bib.match(/\{/g) || []).length, (bib.match(/\}/g) || []).length, 'balanced braces');
    const [csl] = JSON.parse(await page.getByTestId('cite-csl').textContent());
    assert.equal(csl.type, 'chapter');
    assert.equal(csl['container-title'], source.label.fr);
    assert.equal(csl.section, record.sources[0].section);
    assert.equal(csl.publisher, source.label.publisher.fr);
    await page.locator('.cite').scrollIntoViewIfNeeded();
    await shot(page, '07b-practice-citation.png');
  });

  await test('language switch: English interface, our translations marked', async () => {
    const record = await api(`/api/v1/practices/${practiceId}`);
    await afterRender(page, () => page.getByTestId('lang-switch').click());
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(params(page).get('lang'), 'en');
    assert.equal(params(page).get('practice'), practiceId);
    assert.equal(await page.getByTestId('practice-title').textContent(), record.ours.title_en);
    const header = await page.locator('.practice-header').textContent();
    assert.ok(header.includes('(our translation)'));
    assert.ok(header.includes(record.title), 'original title shown too');
    assert.ok((await page.locator('.summary').textContent()).includes(record.ours.summary_en));
    assert.equal(await page.getByTestId('lang-switch').textContent(), 'Français');
    const citation = await page.getByTestId('cite-text').textContent();
    assert.ok(citation.includes(`section “${record.sources[0].section}”`) && !citation.includes('«'), citation);
    await shot(page, '06-practice-en.png', true);
    // The back link keeps the search and the language.
    await afterRender(page, () => page.locator('.back').click());
    assert.equal(params(page).get('practice'), null);
    assert.equal(params(page).get('q'), 'banque alimentaire');
    assert.ok((await page.locator('[data-testid=result] .ours-note').allTextContents()).some((t) => t.includes('(our translation)')));
    await afterRender(page, () => page.goBack());
    await afterRender(page, () => page.goBack());
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.getByTestId('practice-title').textContent(), record.title);
  });

  // Issue 11: the English interface shows no French title or place name where we have an
  // English one; the French interface shows the documents' own.
  await test('English interface: English titles in the type-ahead, English place names', async () => {
    await open(page, '?lang=en');
    const expected = await api(`/api/v1/suggest?${q({ q: 'warsaw', limit: 8, ui_lang: 'en' })}`);
    const guide = expected.titles.find((t) => t.id === 'pl-warsaw-active-resident-guide');
    assert.equal(guide && guide.title, 'Active Resident\'s Guide (Warsaw)');
    assert.equal(guide.our_translation, true);
    const input = page.getByTestId('search-input');
    await input.click();
    await input.pressSequentially('warsaw', { delay: 40 });
    await page.waitForSelector('#suggestions [role=option]');
    const texts = await page.$$eval('#suggestions [role=option]', (els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, [...expected.titles.map((t) => t.title + (t.our_translation ? ' (our translation)' : '')),
      ...expected.vocabulary]);
    assert.ok(texts.includes('Active Resident\'s Guide (Warsaw) (our translation)'), texts.join(' | '));
    await shot(page, '06b-typeahead-en.png');
    await input.press('Escape');

    const meta = async (id) => page.locator(`[data-testid=result][data-id="${id}"] .meta`).textContent();
    await open(page, `?${q({ q: 'Warsaw Athens Hamburg Wallonia', lang: 'en' })}`);
    for (const [id, place] of [['pl-warsaw-family-centre-witek', 'Warsaw'], ['de-hamburg-empower-van', 'Hamburg']]) {
      const shown = await meta(id);
      assert.ok(shown.includes(place), `${id}: ${shown}`);
      assert.ok(!/Varsovie|Hambourg|Athènes|Wallonie/.test(shown), `${id}: ${shown}`);
    }
    await open(page, `?${q({ practice: 'it-emilia-romagna-language-mediation', lang: 'en' })}`);
    assert.equal(await page.getByTestId('practice-region').textContent(), 'Emilia-Romagna');
    assert.equal(await page.getByTestId('practice-region').getAttribute('lang'), 'en');
    await open(page, `?${q({ practice: 'pl-warsaw-family-centre-witek', lang: 'en' })}`);
    assert.equal(await page.getByTestId('practice-city').textContent(), 'Warsaw');
    // Same title in both languages: not marked as our translation.
    assert.ok(!(await page.locator('.practice-header').textContent()).includes('(our translation)'));

    // The French interface is unchanged: the documents' names and titles.
    await open(page, `?${q({ practice: 'pl-warsaw-family-centre-witek', lang: 'fr' })}`);
    assert.equal(await page.getByTestId('practice-city').textContent(), 'Varsovie');
    await open(page, `?${q({ q: 'Varsovie Hambourg', lang: 'fr' })}`);
    assert.ok((await meta('pl-warsaw-family-centre-witek')).includes('Varsovie'));
    const french = await api(`/api/v1/suggest?${q({ q: 'warsaw', limit: 8, ui_lang: 'fr' })}`);
    assert.equal(french.titles.find((t) => t.id === 'pl-warsaw-active-resident-guide').title, 'Guide de l’habitant actif');
  });

  await test('describe your situation: practices that answer it, with why', async () => {
    await open(page, '?lang=en');
    const text = 'a municipality wants to house refugee families';
    const expected = await api('/api/v1/similar?k=5', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }),
    });
    await page.getByTestId('situation-input').fill(text);
    await afterRender(page, () => page.getByTestId('situation-submit').click());
    assert.equal(params(page).get('situation'), text);
    const items = page.locator('#situation-results [data-testid=similar-item]');
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.id)), expected.suggestions.map((s) => s.id));
    assert.ok((await items.first().textContent()).includes('Shared words'));
    assert.equal(await page.evaluate(() => document.activeElement.id), 'situation-results-heading');
    await shot(page, '07-situation.png');
  });

  await test('a shared link carries its first results in the HTML, as the script draws them', async () => {
    // The server draws the first page (src/http/page.cpp), so it shows before the modules run
    // and without JavaScript; the script then draws the same thing.
    const noScript = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const seen = (p) => p.evaluate(() => ({
      heading: document.querySelector('#results-heading').textContent,
      count: document.querySelector('[data-testid=result-count]').textContent,
      total: document.querySelector('[data-testid=result-count]').dataset.total,
      results: [...document.querySelectorAll('[data-testid=result]')].map((li) => ({
        id: li.dataset.id, text: li.textContent, href: li.querySelector('.practice-link').getAttribute('href'),
      })),
    }));
    try {
      const bare = await noScript.newPage();
      for (const query of ['?q=refugies&lang=en', '?q=athens+wallonia&lang=en', '?q=banque+alimentaire&lang=fr',
        '?country=PL&language=fr&page=2&sort=title&lang=fr', '?q=jeunes&situation=logement&lang=en']) {
        await bare.goto(`${SERVICE}/${query}`);
        const server = await seen(bare);
        assert.ok(server.results.length > 0, `${query}: results in the HTML`);
        await open(page, query);
        assert.deepEqual(server, await seen(page), query);
      }
    } finally {
      await noScript.close();
    }
  });

  await test('keyboard only: skip link, search, facet with Space, focus kept', async () => {
    await open(page, '?lang=en');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
    for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement.id)) !== 'search-input'; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
    await page.keyboard.type('logement');
    await afterRender(page, () => page.keyboard.press('Enter'));
    assert.equal(params(page).get('q'), 'logement');
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement.dataset.testid)) !== 'facet-option'; i++) await page.keyboard.press('Tab');
    const value = await page.evaluate(() => document.activeElement.dataset.value);
    assert.ok(value, 'a facet value got the focus');
    await afterRender(page, () => page.keyboard.press('Space'));
    assert.deepEqual(params(page).getAll('country'), [value]);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.value), value, 'focus stays on the value');
    assert.ok(await page.evaluate(() => document.activeElement.checked));
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'visible focus');
    await shot(page, '08-keyboard-focus.png');
  });

  await test('embedded search box on an allowed origin', async () => {
    const host = await context.newPage();
    watch(host);
    current = host;
    await host.goto(`http://127.0.0.1:${HOST_PORT}/host.html`);
    const widget = host.locator('#widget-default');
    await widget.getByTestId('widget-input').fill('food bank');
    await widget.getByTestId('widget-input').press('Enter');
    await widget.getByTestId('widget-result').first().waitFor();
    const expected = await api(`/api/v1/search?${q({ q: 'food bank', per_page: 5 })}`);
    assert.deepEqual(await widget.getByTestId('widget-result').evaluateAll((els) => els.map((e) => e.dataset.id)),
      expected.hits.map((h) => h.id));
    assert.equal(await widget.getByTestId('widget-result-link').first().getAttribute('href'),
      `${SERVICE}/?practice=${expected.hits[0].id}&lang=en`);
    assert.equal(await widget.getByTestId('widget-result-link').first().textContent(), expected.hits[0].title_en);

    const filtered = host.locator('#widget-filtered');
    await filtered.getByTestId('widget-input').fill('logement');
    await filtered.getByTestId('widget-submit').click();
    await filtered.getByTestId('widget-result').first().waitFor();
    const expectedFiltered = await api(`/api/v1/search?${new URLSearchParams([['q', 'logement'], ['country', 'PL'], ['country', 'IT'], ['per_page', '3']])}`);
    assert.deepEqual(await filtered.getByTestId('widget-result').evaluateAll((els) => els.map((e) => e.dataset.id)),
      expectedFiltered.hits.map((h) => h.id));
    assert.equal(Number(await filtered.getByTestId('widget-status').getAttribute('data-total')), expectedFiltered.total);
    // Styled from inside its shadow root despite the host page's CSP.
    const radius = await widget.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.box')).borderTopLeftRadius);
    assert.equal(radius, '6px', 'widget styles applied');
    await shot(host, '09-embed.png', true);

    // An English box names a French city in English (issue 11).
    await widget.getByTestId('widget-input').fill('Athens');
    await widget.getByTestId('widget-input').press('Enter');
    await widget.locator('[data-testid=widget-result][data-id="gr-athens-esti"]').waitFor();
    const athens = await widget.locator('[data-testid=widget-result][data-id="gr-athens-esti"] .meta').textContent();
    assert.ok(athens.includes('Athens') && !athens.includes('Athènes'), athens);
    await widget.getByTestId('widget-input').fill('food bank');
    await widget.getByTestId('widget-input').press('Enter');
    await widget.locator(`[data-testid=widget-result][data-id="${expected.hits[0].id}"]`).waitFor();

    // A result leads to the practice page of the service.
    await widget.getByTestId('widget-result-link').first().click();
    await host.waitForURL(`${SERVICE}/**`);
    await host.waitForFunction(() => Number(document.body.dataset.ready || 0) > 0);
    assert.equal(await host.getByTestId('practice-title').textContent(), expected.hits[0].title_en);
    await host.close();
    current = page;
  });

  await test('embedded box: fixed filters shown, first results without typing, attribute errors, host styles kept out', async () => {
    const host = await context.newPage();
    watch(host);
    current = host;
    await host.goto(`http://127.0.0.1:${HOST_PORT}/host.html`);
    // Fixed filters, named in the box's language, and its first results before any typing.
    const filtered = host.locator('#widget-filtered');
    await filtered.getByTestId('widget-result').first().waitFor();
    const within = await filtered.getByTestId('widget-within').textContent();
    const labels = Object.fromEntries(facets.facets.country.map((v) => [v.value, v.label]));
    assert.ok(within.includes(labels.PL.fr) && within.includes(labels.IT.fr), within);
    const browse = await api(`/api/v1/search?${new URLSearchParams([['country', 'PL'], ['country', 'IT'], ['per_page', '3']])}`);
    assert.deepEqual(await filtered.getByTestId('widget-result').evaluateAll((els) => els.map((e) => e.dataset.id)),
      browse.hits.map((h) => h.id));
    assert.equal(await filtered.getByTestId('widget-input').getAttribute('placeholder'), '', 'no example that may find nothing');
    // Country names, not codes, in each result.
    const meta = await filtered.locator('[data-testid=widget-result] .meta').first().textContent();
    assert.ok(!/\b(PL|IT)\b/.test(meta) && (meta.includes(labels.PL.fr) || meta.includes(labels.IT.fr)), meta);
    // initial="none": empty until someone types; every attribute shown in the filters line.
    const all = host.locator('#widget-all');
    const allWithin = await all.getByTestId('widget-within').textContent();
    assert.ok(allWithin.includes(labels.PL.en) && allWithin.includes('Art. 31'), allWithin);
    assert.equal(await all.getByTestId('widget-result').count(), 0);
    assert.equal(await all.locator('form').getAttribute('aria-label'), 'Housing practices search');
    // Bad attributes: said in the box, naming the attribute.
    const bad = host.locator('#widget-bad').getByTestId('widget-error');
    await bad.waitFor();
    assert.match(await bad.textContent(), /country="ZZ"/);
    const badResults = host.locator('#widget-bad-results').getByTestId('widget-error');
    await badResults.waitFor();
    assert.match(await badResults.textContent(), /results="fifty"/);
    // A fixed value the service does not know: said before any search (initial="none"); a known
    // one that no practice has is no mistake.
    const unknown = host.locator('#widget-bad-none').getByTestId('widget-error');
    await unknown.waitFor();
    assert.equal(await unknown.textContent(), 'Attribute article="31,99": unknown value: 99');
    assert.equal(await host.locator('#widget-bad-none').getByTestId('widget-within').textContent(), '');
    await host.waitForFunction(() => document.querySelector('#widget-known-empty').shadowRoot
      .querySelector('[data-testid=widget-within]').textContent !== '');
    assert.ok(await host.locator('#widget-known-empty').getByTestId('widget-error').isHidden());
    // The host's colour, size and font stay outside; every landmark has its own name.
    const style = await host.locator('#widget-default').evaluate((el) => {
      const s = getComputedStyle(el.shadowRoot.querySelector('.box'));
      return { color: s.color, size: s.fontSize, transform: s.textTransform, align: s.textAlign };
    });
    assert.deepEqual(style, { color: 'rgb(27, 31, 36)', size: '16px', transform: 'none', align: 'left' });
    const landmarks = () => host.$$eval('cohesio-search', (els) => els.map((e) => e.shadowRoot.querySelector('form').getAttribute('aria-label')));
    const names = await landmarks();
    assert.equal(new Set(names).size, names.length, names.join(' | '));
    // A box added before the others keeps them apart too (names count boxes as they are made).
    await host.evaluate(() => {
      const late = document.createElement('cohesio-search');
      late.setAttribute('lang', 'en');
      late.setAttribute('initial', 'none');
      document.body.prepend(late);
    });
    await host.waitForFunction(() => document.querySelector('cohesio-search').shadowRoot.querySelector('form').hasAttribute('aria-label'));
    const more = await landmarks();
    assert.equal(new Set(more).size, more.length, more.join(' | '));
    await shot(host, '09b-embed-attributes.png', true);
    await host.close();
    current = page;
  });

  await test('embedded search box on an origin the service does not allow shows an error', async () => {
    const host = await context.newPage();
    current = host;
    await host.goto(`http://127.0.0.1:${OTHER_PORT}/host.html`);
    const widget = host.locator('#widget-default');
    await widget.getByTestId('widget-input').fill('food bank');
    await widget.getByTestId('widget-input').press('Enter');
    await widget.getByTestId('widget-error').waitFor({ state: 'visible' });
    assert.equal(await widget.getByTestId('widget-result').count(), 0);
    await shot(host, '10-embed-refused.png');
    await host.close();
    current = page;
  });

  await test('narrow screen: one column, filters behind a button', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(10000);
    const small = await phone.newPage();
    watch(small);
    current = small;
    await open(small, `?${q({ q: 'logement' })}`);
    assert.equal(await small.getAttribute('html', 'lang'), 'en', 'English for an English browser');
    assert.ok(!(await small.locator('#facets').isVisible()), 'filters folded');
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
    await shot(small, '11-mobile.png');
    const toggle = small.locator('#filters-toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.ok(await small.locator('#facets').isVisible(), 'filters shown');
    await toggle.scrollIntoViewIfNeeded();
    await shot(small, '12-mobile-filters.png');
    await toggle.click();
    assert.ok(!(await small.locator('#facets').isVisible()), 'filters folded again');
    await afterRender(small, () => small.locator('[data-testid=result] .practice-link').first().click());
    await shot(small, '13-mobile-practice.png');
    // The situation box: one tap from the search box, its answers on top, five more at a time.
    await open(small, `?${q({ q: 'logement' })}`);
    const jump = small.locator('#situation-jump');
    assert.ok(await jump.isVisible(), 'a link to the situation box under the search box');
    const jumpTop = await jump.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    assert.ok(jumpTop < 844, `the link is on the first screen (${jumpTop}px)`);
    await jump.click();
    assert.equal(await small.evaluate(() => document.activeElement.id), 'situation-input');
    await small.locator('#situation-input').fill('a municipality wants to house refugee families leaving reception centres');
    await afterRender(small, () => small.getByTestId('situation-submit').click());
    const list = small.getByTestId('situation-list');
    await list.waitFor();
    const listTop = await list.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    assert.ok(listTop < 2000, `the answers near the top (${listTop}px)`);
    const first = await list.locator(':scope > li').count();
    assert.equal(first, 5);
    await small.getByTestId('situation-more').click();
    await small.waitForFunction(() => document.querySelectorAll('[data-testid=situation-list] > li').length > 5);
    const expected = await api('/api/v1/similar?k=10', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'a municipality wants to house refugee families leaving reception centres' }) });
    assert.deepEqual(await list.locator(':scope > li').evaluateAll((els) => els.map((e) => e.dataset.id)),
      expected.suggestions.map((s) => s.id));
    await shot(small, '14-mobile-situation.png');
    await phone.close();
    current = page;
  });

  await test('axe-core: no serious or critical violation on the home, results, practice and embed pages, in both languages', async () => {
    // The pages' CSP forbids injected script tags: axe is evaluated through the DevTools
    // protocol instead, which the CSP does not govern. The embed's shadow root is open, so axe
    // checks inside it.
    const axeSource = await readFile(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const audit = await context.newPage();
    current = audit;
    const problems = [];
    const check = async (name) => {
      await audit.evaluate(axeSource);
      const result = await audit.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          problems.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
    };
    for (const lang of ['fr', 'en']) {
      await open(audit, `?${q({ lang })}`);
      await check(`home ${lang}`);
      await open(audit, `?${q({ q: 'logement', country: 'PL', lang })}`);
      await check(`results ${lang}`);
      await open(audit, `?${q({ practice: practiceId, lang })}`);
      await audit.locator('.cite summary').click();
      await check(`practice ${lang}`);
    }
    await audit.goto(`http://127.0.0.1:${HOST_PORT}/host.html`);
    await audit.locator('#widget-default').getByTestId('widget-input').fill('food bank');
    await audit.locator('#widget-default').getByTestId('widget-input').press('Enter');
    await audit.locator('#widget-default').getByTestId('widget-result').first().waitFor();
    await check('embed');
    await audit.close();
    current = page;
    assert.deepEqual(problems, []);
  });

  await test('no console error or CSP violation on the service\'s pages', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser.close();
  hostAllowed.close();
  hostOther.close();
}

console.log(`browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${path.relative(process.cwd(), SHOTS) || '.'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
