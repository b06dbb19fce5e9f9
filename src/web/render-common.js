// Cohesio page: pieces shared by the views: title and meta lines of a practice, the Social
// Charter articles with their reasons, similar practices with why they are similar.
import { h, link } from './dom.js';
import { t, colon, fullLabel, valueLabel, countryNames, placeNames, titleParts } from './i18n.js';

// Named in the text, or inferred: on little evidence when only the practice's subject or only
// the rest of its text holds the rule's terms (confidence "low").
function reasonKey(article) {
  if (article.provenance === 'explicit') return 'explicit';
  return article.confidence === 'low' ? 'inferredWeakly' : 'inferred';
}

export function articleReasons(articles, props) {
  if (!articles || !articles.length) return null;
  return h('ul', { class: 'articles', ...props },
    articles.map((a) => h('li', {},
      h('span', { class: 'article-badge' }, `${t('art')} ${a.article}`), ' ',
      h('span', { class: 'article-title' }, fullLabel('article', a.article)),
      h('span', { class: 'reason' }, ` — ${t(reasonKey(a))}`,
        a.evidence ? h('span', { lang: 'fr' }, a.provenance === 'explicit' ? `${colon()}« ${a.evidence} »` : `${colon()}${a.evidence}`) : ''))));
}

export function titleLine(item, tag, props) {
  const parts = titleParts(item);
  return h(tag, props,
    link({ practice: item.id }, 'practice', { lang: parts.lang, class: 'practice-link' }, parts.text),
    parts.note ? h('span', { class: 'ours-note' }, ` ${parts.note}`) : '');
}

export function metaLine(item) {
  const bits = [countryNames(item.countries), ...placeNames(item)];
  const domains = (item.priority_domains || []).map((d) => valueLabel('domain', d.domain));
  return h('p', { class: 'meta' }, bits.filter(Boolean).join(' · '),
    domains.length ? h('span', { class: 'domains' }, domains.map((d) => h('span', { class: 'tag' }, d))) : '');
}

// Similar practices (for a practice or a described situation), each with why.
export function whyList(why) {
  if (!why) return null;
  const rows = [];
  const show = (key, values, fmt, lang) => {
    if (!values || !values.length) return;
    rows.push(h('li', {}, h('span', { class: 'why-key' }, `${t(key)}${colon()}`),
      h('span', { lang: lang || null }, values.map(fmt).join(', '))));
  };
  show('shared_domains', why.shared_domains, (d) => valueLabel('domain', d));
  show('shared_articles', why.shared_articles, (a) => `${t('art')} ${a}${fullLabel('article', a) ? ` (${fullLabel('article', a)})` : ''}`);
  show('shared_target_groups', why.shared_target_groups, (g) => String(g).replace(/_/g, ' '));
  show('shared_concepts', why.shared_concepts, (c) => String(c).replace(/_/g, ' '), 'en');
  show('shared_words', why.shared_words, (w) => w);
  if (!rows.length) return null;
  return h('div', { class: 'why' }, h('p', { class: 'why-title' }, t('why')), h('ul', {}, rows));
}

export function similarItem(s) {
  return h('li', { class: 'similar-item', 'data-testid': 'similar-item', 'data-id': s.id },
    titleLine(s, 'h3', { class: 'similar-title' }),
    h('p', { class: 'meta' }, [countryNames(s.countries), ...placeNames(s)].filter(Boolean).join(' · '),
      s.transferable ? h('span', { class: 'badge', title: t('transferableHelp') }, t('transferable'),
        h('span', { class: 'visually-hidden' }, ` (${t('transferableHelp')})`)) : ''),
    whyList(s.why));
}
