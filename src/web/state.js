// Cohesio page: the state of the page and its URL. The whole state lives in the URL query
// (q, as_typed, filters, article_match, sort, page, practice, situation, lang), so every view can
// be shared and back/forward work.

export const FACETS = ['country', 'domain', 'article', 'category', 'source', 'lang'];
// URL name of each filter: "lang" in the URL is the interface language, so the filter on the
// language of the text is "language" there (and "lang" in the API).
export const URL_NAME = { country: 'country', domain: 'domain', article: 'article', category: 'category', source: 'source', lang: 'language' };
// The page's orders; titles and countries sort in the interface language (apiSort).
export const SORTS = ['relevance', 'title', 'country'];
export const apiSort = (sort, lang) => (sort !== 'relevance' && lang === 'en' ? `${sort}_en` : sort);
export const TEXT_FIELDS = ['context', 'goal', 'target_groups', 'partners', 'duration', 'description', 'implementation',
  'impact', 'conditions_of_success', 'instruments_used', 'remarks', 'concrete_example'];
export const PER_PAGE = 10;
export const FACET_LIMIT = 6;
export const ALL_DOMAINS = ['youth_children', 'migrants_refugees', 'poverty_crisis'];

// ---------------------------------------------------------------------------------------
// State <-> URL.
function browserLang() {
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  for (const l of langs) {
    const code = String(l).toLowerCase().slice(0, 2);
    if (code === 'fr' || code === 'en') return code;
  }
  return 'en';
}

export function parseURL() {
  const p = new URLSearchParams(location.search);
  const filters = {};
  for (const f of FACETS) filters[f] = [...new Set(p.getAll(URL_NAME[f]).filter(Boolean))];
  const page = Number.parseInt(p.get('page') || '1', 10);
  const lang = p.get('lang');
  const sort = p.get('sort');
  return {
    q: p.get('q') || '',
    // True: the words as typed, without the spelling correction the service would apply.
    asTyped: p.get('as_typed') === 'true',
    filters,
    // True: the practices must concern every chosen article (AND), not any one of them.
    allArticles: p.get('article_match') === 'all',
    sort: SORTS.includes(sort) ? sort : '',
    page: Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1,
    practice: p.get('practice') || '',
    situation: p.get('situation') || '',
    lang: lang === 'fr' || lang === 'en' ? lang : browserLang(),
  };
}

export function toQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.asTyped) p.set('as_typed', 'true');
  for (const f of FACETS) for (const v of s.filters[f]) p.append(URL_NAME[f], v);
  if (s.allArticles) p.set('article_match', 'all');
  if (s.sort) p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.practice) p.set('practice', s.practice);
  if (s.situation) p.set('situation', s.situation);
  p.set('lang', s.lang);
  return '?' + p.toString();
}

// The current state and the number of the last render started (a render that is no longer the
// last one drops its results).
export const store = { state: parseURL(), renderToken: 0 };

export function withPatch(patch) {
  const next = { ...store.state, ...patch };
  next.filters = { ...store.state.filters, ...(patch.filters || {}) };
  return next;
}

// What draws the page for the current state (set by app.js).
let renderer = () => {};
export function setRenderer(fn) {
  renderer = fn;
}

export function navigate(patch, focus) {
  // Where the reader was, for going back: the browser's own restoration runs before the page
  // has drawn the results again, so the page restores it itself (app.js, popstate).
  history.replaceState({ ...(history.state || {}), scrollY: window.scrollY }, '');
  store.state = withPatch(patch);
  history.pushState({}, '', toQuery(store.state));
  return renderer(focus);
}

// Filters with no value chosen: no filter at all.
export const noFilters = () => Object.fromEntries(FACETS.map((f) => [f, []]));

export function hasFilters(s) {
  return FACETS.some((f) => s.filters[f].length > 0);
}
