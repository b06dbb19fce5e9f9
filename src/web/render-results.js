// Cohesio page: the search view: results, notices, pagination, facets, the map and chart per country and
// the practices for a described situation.
import { store, navigate, FACETS, FACET_LIMIT, PER_PAGE, hasFilters, noFilters } from './state.js';
import { t, valueLabel, titleParts } from './i18n.js';
import { $, h, link, snippet, focusedKey, restoreFocus } from './dom.js';
import { search, similarToText, exportURL, EXPORT_FORMATS } from './api.js';
import { articleReasons, titleLine, metaLine, similarItem } from './render-common.js';
import { renderMap } from './map.js';

export async function renderSearch(token, focus) {
  const key = focusedKey();
  const main = $('#main');
  $('#sort').value = store.state.sort || (store.state.q ? 'relevance' : 'title');
  $('#results-heading').textContent = store.state.q || hasFilters(store.state) ? t('results') : t('allPractices');
  $('#clear-filters').hidden = !hasFilters(store.state);
  document.title = store.state.q ? `${store.state.q} · Cohesio` : 'Cohesio';
  main.setAttribute('aria-busy', 'true');
  const situation = renderSituation(token);
  let data;
  try {
    data = await search(store.state);
  } catch (error) {
    if (token !== store.renderToken) return;
    main.removeAttribute('aria-busy');
    showSearchError(error);
    await situation;
    return;
  }
  if (token !== store.renderToken) return;
  main.removeAttribute('aria-busy');
  const count = $('#result-count');
  count.textContent = t('count')(data.total);
  count.dataset.total = String(data.total);
  renderNotices(data);
  renderResults(data.hits || []);
  renderExports(data.total);
  if (!data.total) renderNothingFound(data);
  renderPagination(data);
  renderFacets(data.facets || {});
  renderChart((data.facets && data.facets.country) || [], key);
  await situation;
  if (token !== store.renderToken) return;
  if (focus === 'results') $('#results-heading').focus();
  else if (focus === 'situation' && document.getElementById('situation-results-heading')) {
    document.getElementById('situation-results-heading').focus();
  } else restoreFocus(key);
}

function showSearchError(error) {
  const count = $('#result-count');
  count.textContent = `${t('error')} ${error.message}`;
  delete count.dataset.total;
  $('#notices').replaceChildren(h('p', { class: 'notice error', role: 'alert' }, `${t('error')} ${error.message}`));
  $('#results').replaceChildren();
  $('#pagination').replaceChildren();
}

function renderNotices(data) {
  const notices = [];
  if (data.did_you_mean) {
    if (data.auto_corrected) {
      notices.push(h('p', { class: 'notice', 'data-testid': 'corrected' }, `${t('showingFor')} `, h('strong', {}, data.did_you_mean),
        `. ${t('searchInstead')} `, link({ asTyped: true, page: 1 }, null, { 'data-testid': 'as-typed' }, store.state.q)));
    } else {
      notices.push(h('p', { class: 'notice' }, `${t('didYouMean')} `,
        link({ q: data.did_you_mean, asTyped: false, page: 1 }, null, {}, data.did_you_mean)));
    }
  }
  if (data.matching === 'any_word') notices.push(h('p', { class: 'notice' }, t('anyWord')));
  for (const w of data.warnings || []) notices.push(h('p', { class: 'notice warning' }, typeof w === 'string' ? w : JSON.stringify(w)));
  $('#notices').replaceChildren(...notices);
}

// Links that take the current search away as a file (the API's own formats).
function renderExports(total) {
  const box = $('#exports');
  if (!total) {
    box.replaceChildren();
    return;
  }
  const links = EXPORT_FORMATS.map((format) => h('a', {
    href: exportURL(store.state, format), 'data-testid': `export-${format}`, download: format === 'atom' ? null : `cohesio.${format}`,
    type: { csv: 'text/csv', json: 'application/json', atom: 'application/atom+xml' }[format],
  }, t(`export_${format}`)));
  box.replaceChildren(`${t('exportThese')} `, ...links.flatMap((a, i) => (i ? [' · ', a] : [a])));
}

// Nothing found: say why it may be and offer ways out, each one click away.
function renderNothingFound(data) {
  const ways = [];
  for (const f of FACETS) {
    for (const value of store.state.filters[f]) {
      const rest = store.state.filters[f].filter((v) => v !== value);
      ways.push(h('li', {}, link({ filters: { [f]: rest }, page: 1 }, null, { 'data-testid': 'remove-filter' },
        t('removeFilter')(valueLabel(f, value)))));
    }
  }
  if (ways.length > 1 && store.state.q) {
    ways.push(h('li', {}, link({ filters: noFilters(), allArticles: false, page: 1 }, null, {}, t('withoutFilters'))));
  }
  if (store.state.q) ways.push(h('li', {}, t('tryOtherWords')));
  ways.push(h('li', {}, link({ q: '', filters: noFilters(), page: 1 }, null, {}, t('seeAll'))));
  $('#results').replaceChildren(h('li', { class: 'nothing-found', 'data-testid': 'nothing-found' },
    h('p', {}, data.did_you_mean ? t('nothingFoundCorrected') : t('nothingFound')),
    h('ul', {}, ways)));
}

function renderResults(hits) {
  $('#results').replaceChildren(...hits.map((hit) => {
    const parts = titleParts(hit);
    return h('li', { class: 'result', 'data-testid': 'result', 'data-id': hit.id },
      titleLine(hit, 'h3', { class: 'result-title' }),
      parts.original ? h('p', { class: 'original-title' }, `${t('originalTitle')} `, h('span', { lang: 'fr' }, parts.original)) : '',
      metaLine(hit),
      snippet(hit.snippet),
      articleReasons(hit.charter_articles, { 'aria-label': t('articlesOfHit') }));
  }));
}

function renderPagination(data) {
  const pages = Math.max(1, Math.ceil(data.total / PER_PAGE));
  const nav = $('#pagination');
  if (pages <= 1) {
    nav.replaceChildren();
    return;
  }
  const page = Math.min(store.state.page, pages);
  nav.replaceChildren(
    page > 1
      ? link({ page: page - 1 }, 'results', { class: 'button', rel: 'prev', 'data-testid': 'pagination-prev' }, t('prev'))
      : h('span', { class: 'button disabled', 'aria-hidden': 'true' }, t('prev')),
    h('span', { class: 'page-of', 'aria-current': 'page' }, t('pageOf')(page, pages)),
    page < pages
      ? link({ page: page + 1 }, 'results', { class: 'button', rel: 'next', 'data-testid': 'pagination-next' }, t('next'))
      : h('span', { class: 'button disabled', 'aria-hidden': 'true' }, t('next')));
}

// Facets: checkboxes with counts; each facet is counted without its own filter, so the other
// values of a selected facet stay visible. A selected value absent from the counts shows 0.
// Articles chosen with "all of these" are the exception: they narrow, so the article facet is
// counted within its own filter (a value's count is what choosing it too would leave).
const expandedFacets = new Set();

function facetValues(apiFacets, name) {
  const values = (apiFacets[name] || []).map((v) => ({ value: String(v.value), count: v.count }));
  for (const s of store.state.filters[name]) if (!values.some((v) => v.value === s)) values.push({ value: s, count: 0 });
  return values;
}

function toggleFilter(name, value) {
  const current = store.state.filters[name];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  // "All of these" is offered for two articles or more; below that it would only change the
  // article counts, unseen, so it goes.
  const allArticles = store.state.allArticles && (name !== 'article' || next.length >= 2);
  navigate({ filters: { [name]: next }, allArticles, page: 1 }, null);
}

function renderFacets(apiFacets) {
  const groups = [];
  for (const name of FACETS) {
    const values = facetValues(apiFacets, name);
    if (!values.length) continue;
    const selected = store.state.filters[name];
    const expanded = expandedFacets.has(name);
    const list = h('ul', { class: 'facet-values', id: `facet-values-${name}` });
    values.forEach((v, i) => {
      const isSelected = selected.includes(v.value);
      if (!expanded && i >= FACET_LIMIT && !isSelected) return;
      const id = `facet-${name}-${v.value}`;
      const box = h('input', {
        type: 'checkbox', id, checked: isSelected, 'data-testid': 'facet-option', 'data-facet': name,
        'data-value': v.value, 'data-count': v.count, 'data-focus-key': `facet:${name}:${v.value}`,
      });
      box.addEventListener('change', () => toggleFilter(name, v.value));
      list.append(h('li', { class: isSelected ? 'selected' : '' }, box,
        h('label', { for: id }, h('span', { class: 'facet-label' }, valueLabel(name, v.value)),
          h('span', { class: 'facet-count' }, String(v.count)))));
    });
    const group = h('fieldset', { class: 'facet', 'data-testid': `facet-${name}` },
      h('legend', {}, t(`facet_${name}`)), name === 'article' && selected.length >= 2 ? articleMatchControl() : '', list);
    if (values.length > FACET_LIMIT) {
      const more = h('button', {
        type: 'button', class: 'button small link-like', 'aria-expanded': String(expanded),
        'aria-controls': `facet-values-${name}`, 'data-focus-key': `more:${name}`,
      }, expanded ? t('showFewer') : t('showAll')(values.length));
      more.addEventListener('click', () => {
        if (expandedFacets.has(name)) expandedFacets.delete(name);
        else expandedFacets.add(name);
        renderFacets(apiFacets);
        restoreFocus(`more:${name}`);
      });
      group.append(more);
    }
    groups.push(group);
  }
  $('#facets').replaceChildren(...groups);
}

// Shown once two or more articles are chosen: must a practice concern all of them, or any one?
function articleMatchControl() {
  const options = [['all', true], ['any', false]].map(([value, all]) => {
    const id = `article-match-${value}`;
    const radio = h('input', {
      type: 'radio', name: 'article-match', id, value, checked: store.state.allArticles === all,
      'data-testid': `article-match-${value}`, 'data-focus-key': `article-match:${value}`,
    });
    radio.addEventListener('change', () => navigate({ allArticles: all, page: 1 }, null));
    return h('label', { for: id }, radio, t(`articleMatch_${value}`));
  });
  return h('div', { class: 'article-match', role: 'radiogroup', 'aria-label': t('articleMatch') }, options);
}

export function updateFiltersToggle() {
  const collapsed = $('#filters').classList.contains('collapsed');
  const toggle = $('#filters-toggle');
  toggle.setAttribute('aria-expanded', String(!collapsed));
  toggle.textContent = collapsed ? t('showFilters') : t('hideFilters');
}

// Practices per country: a map, and bars drawn with CSS classes (width in steps of 2 %), each a
// toggle; the bars are the map's accessible table. `focused`: the focus key restored after.
function renderChart(countries, focused) {
  const values = facetValues({ country: countries }, 'country');
  const chart = $('#chart');
  renderMap($('#map'), {
    values,
    selected: store.state.filters.country,
    label: (code, count) => t('chartBar')(valueLabel('country', code), count),
    name: (code) => valueLabel('country', code),
    onToggle: (code) => toggleFilter('country', code),
    texts: { map: t('mapTitle'), offMap: t('mapOff') },
    focused,
  });
  if (!values.length) {
    chart.replaceChildren(h('li', { class: 'help' }, t('chartEmpty')));
    return;
  }
  const max = Math.max(1, ...values.map((v) => v.count));
  chart.replaceChildren(...values.map((v) => {
    const pressed = store.state.filters.country.includes(v.value);
    const step = v.count === 0 ? 0 : Math.max(1, Math.round((v.count / max) * 50));
    const name = valueLabel('country', v.value);
    const bar = h('button', {
      type: 'button', class: 'bar', 'data-testid': 'chart-bar', 'data-value': v.value, 'data-count': v.count,
      'aria-pressed': String(pressed), 'data-focus-key': `bar:${v.value}`,
    },
    // Named by its visible text (WCAG 2.5.3), the word for "practices" only spoken.
    h('span', { class: 'bar-label' }, name),
    h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: `bar-fill w${step * 2}` })),
    h('span', { class: 'bar-count' }, String(v.count), h('span', { class: 'visually-hidden' }, ` ${t('practicesWord')(v.count)}`)));
    bar.addEventListener('click', () => toggleFilter('country', v.value));
    return h('li', {}, bar);
  }));
}

// Practices that answer the situation described in the side box.
async function renderSituation(token) {
  const section = $('#situation-results');
  if (!store.state.situation) {
    section.hidden = true;
    section.replaceChildren();
    return;
  }
  section.hidden = false;
  const close = h('button', { type: 'button', class: 'button small', 'data-focus-key': 'situation-close' }, t('close'));
  close.addEventListener('click', () => navigate({ situation: '' }, null));
  const head = h('div', { class: 'situation-head' },
    h('h2', { id: 'situation-results-heading', tabindex: '-1' }, t('situationResults')), close);
  const quote = h('p', { class: 'situation-quote' }, `${t('situationYou')} `, h('q', {}, store.state.situation));
  const status = h('p', { class: 'help', role: 'status' }, t('loading'));
  section.replaceChildren(head, quote, status);
  let data;
  try {
    data = await similarToText(store.state.situation);
  } catch (error) {
    if (token !== store.renderToken) return;
    status.textContent = `${t('error')} ${error.message}`;
    status.setAttribute('role', 'alert');
    return;
  }
  if (token !== store.renderToken) return;
  const suggestions = data.suggestions || [];
  status.textContent = suggestions.length ? t('count')(suggestions.length) : t('situationNone');
  const list = h('ol', { class: 'similar-list', 'data-testid': 'situation-list' }, suggestions.map(similarItem));
  section.append(list);
  if (suggestions.length === SITUATION_STEP) section.append(moreForSituation(list, status));
}

// Five more practices for the situation at each press, up to SITUATION_MAX; focus moves to the
// first new one.
const SITUATION_STEP = 5;
const SITUATION_MAX = 30;
function moreForSituation(list, status) {
  const more = h('button', { type: 'button', class: 'button small', 'data-testid': 'situation-more' }, t('situationMore'));
  more.addEventListener('click', async () => {
    const shown = list.children.length;
    more.disabled = true;
    let data;
    try {
      data = await similarToText(store.state.situation, Math.min(SITUATION_MAX, shown + SITUATION_STEP));
    } catch (error) {
      status.textContent = `${t('error')} ${error.message}`;
      more.disabled = false;
      return;
    }
    const added = (data.suggestions || []).slice(shown).map(similarItem);
    list.append(...added);
    status.textContent = t('count')(list.children.length);
    if (added.length) {
      const link = added[0].querySelector('a');
      if (link) link.focus();
    }
    if (added.length < SITUATION_STEP || list.children.length >= SITUATION_MAX) more.remove();
    else more.disabled = false;
  });
  return more;
}
