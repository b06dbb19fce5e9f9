// Cohesio page: "cite this practice": where the practice is described (document, publisher,
// section, the document's own label for it) and where this record lives, as plain text, BibTeX
// and CSL-JSON. The source documents reached us as extracted text without page breaks, so a
// citation names the section and no page.
import { store } from './state.js';
import { fullLabel, publisherOf } from './i18n.js';

// The record's canonical address: the page of the practice, in the reader's language.
export function practiceURL(record) {
  return `${location.origin}/?${new URLSearchParams({ practice: record.id, lang: store.state.lang })}`;
}

function sourceParts(record) {
  const source = (record.sources || [])[0] || {};
  return {
    document: fullLabel('source', source.document) || source.document || '',
    publisher: publisherOf(source.document),
    section: source.section || '',
    label: source.label || '',
  };
}

// The reader's own date (the day they consulted the record), not UTC's, which differs from it
// for hours every day away from Greenwich.
function today() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

// The BibTeX and CSL-JSON notes are English: English quotation marks.
const quoted = (text) => `“${text}”`;

// `texts`: the interface language's words, with its quotation marks (quote).
export function plainCitation(record, texts) {
  const s = sourceParts(record);
  const where = [s.document && `${texts.in} ${s.document}`, s.publisher, s.section && `${texts.section} ${texts.quote(s.section)}`,
    s.label && texts.quote(s.label)].filter(Boolean).join(', ');
  return `${record.title || record.id}${record.organisation ? ` (${record.organisation})` : ''}. ${where}. ` +
    `${texts.record} ${record.id}, ${practiceURL(record)} (${texts.consulted} ${today()}).`;
}

// BibTeX needs its special characters escaped and its braces balanced.
const bib = (text) => String(text).replace(/[\\{}]/g, '').replace(/([&%$#_])/g, '\\$1');

export function bibtex(record) {
  const s = sourceParts(record);
  const fields = [
    ['title', record.title || record.id],
    ['author', record.organisation ? `{${bib(record.organisation)}}` : ''],
    ['booktitle', s.document],
    ['publisher', s.publisher],
    ['chapter', s.section],
    ['note', [s.label && quoted(s.label), `Cohesio record ${record.id}`].filter(Boolean).join('; ')],
    ['url', practiceURL(record)],
    ['urldate', today()],
  ].filter(([, value]) => value);
  const key = `cohesio-${record.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return `@incollection{${key},\n${fields.map(([name, value]) =>
    `  ${name} = {${name === 'url' || name === 'author' ? value : bib(value)}}`).join(',\n')}\n}`;
}

export function cslJSON(record) {
  const s = sourceParts(record);
  const [year, month, day] = today().split('-').map(Number);
  const item = {
    id: `cohesio-${record.id}`,
    type: 'chapter',
    title: record.title || record.id,
    author: record.organisation ? [{ literal: record.organisation }] : undefined,
    'container-title': s.document || undefined,
    publisher: s.publisher || undefined,
    section: s.section || undefined,
    note: [s.label && quoted(s.label), `Cohesio record ${record.id}`].filter(Boolean).join('; '),
    URL: practiceURL(record),
    accessed: { 'date-parts': [[year, month, day]] },
    language: record.language || undefined,
  };
  return JSON.stringify([item], null, 2);
}
