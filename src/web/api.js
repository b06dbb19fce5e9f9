// Cohesio page: the calls to the JSON API under /api/v1.
import { FACETS, ALL_DOMAINS, PER_PAGE, hasFilters, apiSort } from './state.js';
import { t, setLabels } from './i18n.js';

export async function getJSON(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, ...options });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Error(t('unreachable'));
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message ? body.error.message : `HTTP ${response.status}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return body;
}

// Labels of facet values (loaded once); resolves even when the call fails.
export function loadLabels() {
  return getJSON('/api/v1/facets')
    .then((data) => setLabels(data))
    .catch(() => setLabels({}));
}

function searchParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.asTyped) p.set('as_typed', 'true');
  for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
  if (s.allArticles) p.set('article_match', 'all');
  // Browsing everything: every practice has at least one priority domain, so asking for all
  // three lists them all (and the domain facet, counted without its own filter, stays exact).
  if (!s.q && !hasFilters(s)) for (const d of ALL_DOMAINS) p.append('domain', d);
  p.set('sort', apiSort(s.sort || (s.q ? 'relevance' : 'title'), s.lang));
  p.set('page', String(s.page));
  p.set('per_page', String(PER_PAGE));
  return p;
}

// The current search as a file to take away: every result in CSV or JSON (all_rows, up to the
// API's bound), or an Atom feed of the first hundred (which links its further pages).
export const EXPORT_FORMATS = ['csv', 'json', 'atom'];
const FEED_PAGE = 100;
export function exportURL(s, format) {
  const p = searchParams(s);
  if (format === 'atom') {
    p.set('page', '1');
    p.set('per_page', String(FEED_PAGE));
  } else {
    p.delete('page');
    p.delete('per_page');
    p.set('all_rows', '1');
  }
  if (format !== 'json') p.set('format', format);
  return `/api/v1/search?${p}`;
}

// Searches already under way, by URL: the first view's search starts with the page, beside
// the labels rather than after them (a shared link shows its results one round trip sooner).
const started = new Map();

export function startSearch(s) {
  const url = `/api/v1/search?${searchParams(s)}`;
  const response = getJSON(url);
  response.catch(() => {});  // whoever takes it handles failures
  started.set(url, response);
}

export function search(s) {
  const url = `/api/v1/search?${searchParams(s)}`;
  const response = started.get(url);
  started.delete(url);
  return response || getJSON(url);
}

// Practices that answer a described situation.
export function similarToText(text, k = 5) {
  return getJSON(`/api/v1/similar?k=${k}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
  });
}

// A search of the API's own parameters (not the page's state).
export function searchPractices(params) {
  return getJSON(`/api/v1/search?${params}`);
}

export function getPractice(id) {
  return getJSON(`/api/v1/practices/${encodeURIComponent(id)}`);
}

export function getSimilarPractices(id) {
  return getJSON(`/api/v1/practices/${encodeURIComponent(id)}/similar?k=6`);
}

// Titles in the interface language (ui_lang: `lang` would be the search's text-language filter).
export function suggest(q, uiLang, signal) {
  return getJSON(`/api/v1/suggest?${new URLSearchParams({ q, limit: '8', ui_lang: uiLang })}`, { signal });
}
