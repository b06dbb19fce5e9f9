// Cohesio page: search, facets, chart per country, practice pages, similar practices and the
// "describe your situation" box, in French or English. The whole state lives in the URL query
// (q, filters, article_match, sort, page, practice, situation, lang), so every view can be
// shared and back/forward work. No inline script or style: the page is served with a strict CSP.
//
// Entry point (an ES module, loaded by index.html): static texts, the render of the current
// state, the controls. The other modules: state.js (state <-> URL, navigation), i18n.js (texts
// and labels), api.js (calls to /api/v1), dom.js (DOM helpers), render-results.js (search view),
// render-practice.js (practice page), render-common.js (shared pieces), suggest.js (type-ahead).
import { store, navigate, setRenderer, parseURL, SORTS, noFilters } from './state.js';
import { t } from './i18n.js';
import { loadLabels, startSearch } from './api.js';
import { $, h } from './dom.js';
import { renderSearch, updateFiltersToggle } from './render-results.js';
import { renderPractice } from './render-practice.js';
import { closeSuggestions, cancelSuggestions, initSuggest } from './suggest.js';

// Labels of facet values, from /api/v1/facets (loaded once), and meanwhile the search itself.
const labelsReady = loadLabels();
if (!store.state.practice) startSearch(store.state);

// ---------------------------------------------------------------------------------------
// Static texts.
function applyLang() {
  document.documentElement.lang = store.state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  $('#search-input').placeholder = t('searchPlaceholder');
  $('#situation-input').placeholder = t('situationPlaceholder');
  const sw = $('#lang-switch');
  sw.textContent = t('switchTo');
  sw.lang = t('switchLang');
  sw.setAttribute('aria-label', t('switchLabel'));
  $('#home-link').href = `/?lang=${store.state.lang}`;
  const sort = $('#sort');
  sort.replaceChildren(...SORTS.map((s) => h('option', { value: s }, t(`sort_${s}`))));
  updateFiltersToggle();
}

// ---------------------------------------------------------------------------------------
// Rendering.
async function render(focus) {
  const token = ++store.renderToken;
  applyLang();
  await labelsReady;
  if (token !== store.renderToken) return;
  applyLang();
  $('#search-input').value = store.state.q;
  if (document.activeElement !== $('#situation-input')) $('#situation-input').value = store.state.situation;
  closeSuggestions();
  const practiceView = Boolean(store.state.practice);
  document.body.classList.toggle('view-practice', practiceView);
  document.body.classList.toggle('view-search', !practiceView);
  $('#search-view').hidden = practiceView;
  $('#practice-view').hidden = !practiceView;
  $('#filters').hidden = practiceView;
  $('#side').hidden = practiceView;
  if (practiceView) await renderPractice(token, focus);
  else await renderSearch(token, focus);
  // For tests and tools: the number of the last render that finished.
  if (token === store.renderToken) document.body.dataset.ready = String(token);
}

setRenderer(render);

history.scrollRestoration = 'manual';
window.addEventListener('popstate', async (event) => {
  store.state = parseURL();
  const token = store.renderToken + 1;
  await render(store.state.practice ? 'practice' : null);
  const scrollY = event.state && event.state.scrollY;
  if (token === store.renderToken && typeof scrollY === 'number') window.scrollTo(0, scrollY);
});

initSuggest();

const input = $('#search-input');

// ---------------------------------------------------------------------------------------
// Controls.
$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  cancelSuggestions();
  navigate({ q: input.value.trim(), asTyped: false, page: 1, practice: '' }, null);
});

$('#situation-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('#situation-input').value.trim();
  if (!text) {
    $('#situation-input').focus();
    return;
  }
  navigate({ situation: text, practice: '' }, 'situation');
});

// The link under the search box (narrow screens) goes to the situation box, ready to type.
$('#situation-jump').addEventListener('click', (event) => {
  event.preventDefault();
  $('#situation-input').focus();
  $('#situation-heading').scrollIntoView();
});

$('#sort').addEventListener('change', (event) => navigate({ sort: event.target.value, page: 1 }, null));

$('#lang-switch').addEventListener('click', () => navigate({ lang: store.state.lang === 'fr' ? 'en' : 'fr' }, null));

$('#clear-filters').addEventListener('click', () => {
  navigate({ filters: noFilters(), allArticles: false, page: 1 }, null);
  input.focus();
});

$('#filters-toggle').addEventListener('click', () => {
  $('#filters').classList.toggle('collapsed');
  updateFiltersToggle();
});

$('#home-link').addEventListener('click', (event) => {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate({ q: '', asTyped: false, filters: noFilters(), allArticles: false, sort: '', page: 1, practice: '', situation: '' }, null);
});

render(store.state.practice ? 'practice' : null);
