// Cohesio page: the practice page: every field of the record, then similar transferable
// practices.
import { store, TEXT_FIELDS } from './state.js';
import { t, colon, fullLabel, valueLabel, countryNames, formatDate, titleParts, publisherOf, placeName } from './i18n.js';
import { $, h, link } from './dom.js';
import { getPractice, getSimilarPractices, searchPractices } from './api.js';
import { articleReasons, similarItem, titleLine } from './render-common.js';
import { plainCitation, bibtex, cslJSON } from './cite.js';

// The practice page: every field of the record, then similar transferable practices; drawn as
// soon as both have come, the practices of the same city or organisation added when their own
// search returns.
export async function renderPractice(token, focus) {
  const view = $('#practice-view');
  const back = link({ practice: '' }, 'results', { class: 'back' }, t('back'));
  view.replaceChildren(h('p', {}, back), h('p', { class: 'help', role: 'status' }, t('loadingPractice')));
  const id = store.state.practice;
  const practice = getPractice(id);
  const neighbours = practice.then(samePlace).catch(() => []);
  let record;
  let similar;
  try {
    [record, similar] = await Promise.all([practice, getSimilarPractices(id).catch((error) => ({ error }))]);
  } catch (error) {
    if (token !== store.renderToken) return;
    view.replaceChildren(h('p', {}, back), h('p', { class: 'notice error', role: 'alert' }, `${t('error')} ${error.message}`));
    return;
  }
  if (token !== store.renderToken) return;
  const parts = titleParts(record);
  document.title = `${parts.text} · Cohesio`;
  const title = h('h1', { class: 'practice-title', 'data-testid': 'practice-title', id: 'practice-title-id', tabindex: '-1', lang: parts.lang }, parts.text);
  const header = h('header', { class: 'practice-header' }, title,
    parts.note ? h('p', { class: 'ours-note' }, parts.note) : '',
    parts.original ? h('p', { class: 'original-title' }, `${t('originalTitle')} `, h('span', { lang: 'fr' }, parts.original)) : '');
  const ending = [noteSection(record), citation(record)].filter(Boolean);
  const article = h('article', { class: 'practice', 'aria-labelledby': 'practice-title-id' }, header, summarySection(record),
    factsList(record), articlesSection(record), textsSection(record), sourcesSection(record), ...ending);
  view.replaceChildren(h('p', { class: 'back-line' }, back), h('div', { class: 'practice-layout' }, article, similarSection(similar)));
  if (focus === 'practice') {
    title.focus();
    window.scrollTo(0, 0);
  }
  const places = samePlaceSection(await neighbours);
  if (places && token === store.renderToken) ending[0].before(places);
}

// Our English summary: the summary of the English page, a help for French readers.
function summarySection(record) {
  const ours = record.ours || {};
  if (!ours.summary_en) return null;
  const english = store.state.lang === 'en';
  return h('section', { class: 'summary', 'aria-labelledby': 'summary-heading' },
    h('h2', { id: 'summary-heading' }, english ? t('summary') : t('summaryEnglish'),
      english ? h('span', { class: 'ours-note' }, ` ${t('ourTranslation')}`) : ''),
    h('p', { lang: 'en' }, ours.summary_en));
}

// The record's facts: where, who, which domains and categories, its language and dates.
function factsList(record) {
  const ours = record.ours || {};
  const facts = h('dl', { class: 'facts' });
  const fact = (key, ...value) => {
    if (value.flat(Infinity).every((v) => v === '' || v === null || v === undefined)) return;
    facts.append(h('div', {}, h('dt', {}, t(key)), h('dd', {}, ...value)));
  };
  fact('field_countries', countryNames(record.countries));
  for (const field of ['region', 'city']) {
    const place = placeName(record, field);
    fact(`field_${field}`, place.text ? h('span', { lang: place.lang, 'data-testid': `practice-${field}` }, place.text) : '');
  }
  fact('field_organisation', record.organisation ? h('span', { lang: 'fr' }, record.organisation) : '');
  if (record.website && /^https?:\/\//i.test(record.website)) {
    fact('field_website', h('a', { href: record.website, rel: 'noopener noreferrer external', class: 'website' }, record.website));
  }
  fact('field_domains', (record.priority_domains || []).length ? h('ul', { class: 'plain' },
    record.priority_domains.map((d) => h('li', {}, fullLabel('domain', d.domain) || valueLabel('domain', d.domain),
      h('span', { class: 'provenance' }, ` (${t(d.provenance === 'stated' ? 'stated' : 'assigned')})`)))) : '');
  // The report's own categories, or else ours (our reading of the record), marked as ours.
  const categories = (record.categories || []).length ? record.categories : (ours.categories || []);
  const ourCategories = !(record.categories || []).length;
  fact('field_categories', categories.length ? h('ul', { class: 'plain' },
    categories.map((c) => h('li', {}, valueLabel('category', c),
      ourCategories ? h('span', { class: 'provenance' }, ` (${t('ourCategory')})`) : ''))) : '');
  fact('field_language', valueLabel('lang', record.language));
  fact('field_added', formatDate(record.added));
  fact('field_updated', formatDate(record.updated));
  fact('field_id', h('code', {}, record.id));
  return facts;
}

function articlesSection(record) {
  if (!(record.charter_articles || []).length) return null;
  return h('section', { 'aria-labelledby': 'articles-heading' }, h('h2', { id: 'articles-heading' }, t('articles')),
    articleReasons(record.charter_articles));
}

// The source document's text, field by field, in its own language.
function textsSection(record) {
  const fields = TEXT_FIELDS.filter((f) => record.text && typeof record.text[f] === 'string' && record.text[f].trim());
  if (!fields.length) return null;
  return h('section', { class: 'texts', 'aria-label': t('originalText') },
    h('p', { class: 'help' }, t('originalText')),
    fields.map((f) => h('section', { class: 'text-field' }, h('h2', {}, t(`text_${f}`)),
      h('p', { lang: record.language || 'fr', class: 'prose' }, record.text[f]))));
}

// Where the record comes from: each document, its publisher, the section and its own label.
function sourcesSection(record) {
  if (!(record.sources || []).length) return null;
  return h('section', { 'aria-labelledby': 'sources-heading' }, h('h2', { id: 'sources-heading' }, t('sources')),
    h('ul', { class: 'sources' }, record.sources.map((s) => h('li', {},
      h('span', { class: 'source-doc' }, fullLabel('source', s.document) || valueLabel('source', s.document)),
      publisherOf(s.document) ? ` (${publisherOf(s.document)})` : '',
      ` — ${t('section')} `, h('span', { lang: 'fr' }, s.section),
      s.label ? h('span', {}, colon(), h('q', { lang: 'fr' }, s.label)) : ''))));
}

function noteSection(record) {
  const note = (record.ours || {}).note;
  if (!note) return null;
  return h('section', { 'aria-labelledby': 'note-heading' }, h('h2', { id: 'note-heading' }, t('note')), h('p', { lang: 'en' }, note));
}

function similarSection(similar) {
  const section = h('section', { class: 'similar', 'aria-labelledby': 'similar-heading' },
    h('h2', { id: 'similar-heading' }, t('similar')), h('p', { class: 'help' }, t('similarHelp')));
  if (similar.error) {
    section.append(h('p', { class: 'notice error', role: 'alert' }, `${t('error')} ${similar.error.message}`));
  } else if (!similar.suggestions || !similar.suggestions.length) {
    section.append(h('p', {}, t('similarNone')));
  } else {
    section.append(h('ol', { class: 'similar-list' }, similar.suggestions.map(similarItem)));
  }
  return section;
}

// "Cite this practice": folded until asked for, each form selectable as a whole.
function citation(record) {
  const form = (name, text, testid) => [h('h3', {}, name), h('pre', { class: 'citation', 'data-testid': testid, tabindex: '0' }, text)];
  return h('section', { class: 'cite', 'aria-labelledby': 'cite-heading' },
    h('details', {},
      h('summary', {}, h('h2', { id: 'cite-heading', class: 'cite-heading' }, t('cite'))),
      h('p', { class: 'help' }, t('citeHelp')),
      form(t('citePlain'), plainCitation(record, t('citeTexts')), 'cite-text'),
      form('BibTeX', bibtex(record), 'cite-bibtex'),
      form('CSL-JSON', cslJSON(record), 'cite-csl')));
}

// Other practices of the same city or organisation: a reader who found one practice of Gdańsk
// often wants the city's others. Found with the place: field (region, city, organisation),
// each name as a phrase.
const SAME_PLACE = 5;
async function samePlace(record) {
  const names = [record.city, record.organisation].filter((name) => name && name.trim());
  if (!names.length) return [];
  const q = names.map((name) => `place:"${name.replace(/"/g, ' ')}"`).join(' OR ');
  const data = await searchPractices(new URLSearchParams({ q, per_page: String(SAME_PLACE + 1), as_typed: 'true' }));
  return (data.hits || []).filter((hit) => hit.id !== record.id).slice(0, SAME_PLACE);
}

function samePlaceSection(neighbours) {
  if (!neighbours.length) return null;
  return h('section', { 'aria-labelledby': 'same-place-heading', 'data-testid': 'same-place' },
    h('h2', { id: 'same-place-heading' }, t('samePlace')),
    h('ul', { class: 'plain same-place' }, neighbours.map((hit) => h('li', { 'data-id': hit.id },
      titleLine(hit, 'span', { class: 'same-place-title' })))));
}
