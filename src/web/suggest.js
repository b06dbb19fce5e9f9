// Cohesio page: type-ahead of the search box (ARIA combobox with a listbox of practices and
// terms, from /api/v1/suggest).
import { navigate, store } from './state.js';
import { t } from './i18n.js';
import { $, h } from './dom.js';
import { suggest } from './api.js';

// ---------------------------------------------------------------------------------------
// Type-ahead (ARIA combobox with a listbox of practices and terms).
const input = $('#search-input');
const listbox = $('#suggestions');
let suggestTimer = 0;
let suggestAbort = null;
let options = [];
let active = -1;

export function closeSuggestions() {
  listbox.hidden = true;
  listbox.replaceChildren();
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  options = [];
  active = -1;
}

function setActive(index) {
  active = index;
  options.forEach((o, i) => o.el.setAttribute('aria-selected', String(i === index)));
  if (index >= 0) {
    input.setAttribute('aria-activedescendant', options[index].el.id);
    options[index].el.scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

function choose(option) {
  closeSuggestions();
  if (option.kind === 'practice') {
    navigate({ practice: option.id }, 'practice');
  } else {
    input.value = option.term;
    navigate({ q: option.term, asTyped: false, page: 1, practice: '' }, null);
  }
}

// Whose words a suggested title is, as titleParts() says it of a hit.
function suggestionNote(x) {
  if (x.our_translation) return t('ourTranslation');
  return x.title_is_ours ? t('ourTitle') : '';
}

function renderSuggestions(data) {
  options = [];
  const groups = [];
  const group = (key, items, make) => {
    if (!items.length) return;
    const headId = `sugg-head-${key}`;
    const g = h('div', { role: 'group', 'aria-labelledby': headId },
      h('div', { role: 'presentation', class: 'sugg-head', id: headId }, t(key)));
    for (const item of items) {
      const option = make(item);
      option.el = h('div', { role: 'option', id: `sugg-${options.length}`, class: 'sugg-option', 'aria-selected': 'false', 'data-testid': 'suggestion' },
        option.label);
      const index = options.length;
      option.el.addEventListener('click', () => choose(options[index]));
      options.push(option);
      g.append(option.el);
    }
    groups.push(g);
  };
  group('suggestPractices', data.titles || [], (x) => ({
    kind: 'practice',
    id: x.id,
    label: [h('span', { lang: x.language || 'fr' }, x.title),
      suggestionNote(x) ? h('span', { class: 'ours-note' }, ` ${suggestionNote(x)}`) : ''],
  }));
  group('suggestTerms', data.vocabulary || [], (x) => ({ kind: 'term', term: x, label: x }));
  if (!options.length) {
    closeSuggestions();
    return;
  }
  listbox.replaceChildren(...groups);
  listbox.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  active = -1;
}

async function fetchSuggestions() {
  const q = input.value.trim();
  if (suggestAbort) suggestAbort.abort();
  if (q.length < 2) {
    closeSuggestions();
    return;
  }
  suggestAbort = new AbortController();
  try {
    const data = await suggest(q, store.state.lang, suggestAbort.signal);
    if (document.activeElement === input && input.value.trim() === q) renderSuggestions(data);
  } catch (error) {
    if (error.name !== 'AbortError') closeSuggestions();
  }
}

// Stops a pending type-ahead (timer and call) and closes the list.
export function cancelSuggestions() {
  clearTimeout(suggestTimer);
  if (suggestAbort) suggestAbort.abort();
  closeSuggestions();
}

export function initSuggest() {
  input.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener('keydown', (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive(active + 1 >= options.length ? 0 : active + 1);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      closeSuggestions();
    }
  });
  input.addEventListener('blur', () => setTimeout(() => {
    if (document.activeElement !== input) closeSuggestions();
  }, 150));
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
}
