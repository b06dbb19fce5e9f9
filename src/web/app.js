// Cohesio page: search, facets, chart per country, practice pages, similar practices and the
// "describe your situation" box, in French or English. The whole state lives in the URL query
// (q, filters, sort, page, practice, situation, lang), so every view can be shared and
// back/forward work. No inline script or style: the page is served with a strict CSP.
'use strict';

(() => {
  // ---------------------------------------------------------------------------------------
  // Texts of the interface.
  const TEXT = {
    fr: {
      skip: 'Aller au contenu',
      searchTitle: 'Rechercher des bonnes pratiques de cohésion sociale',
      tagline: 'Bonnes pratiques de cohésion sociale en Europe',
      switchTo: 'English',
      switchLang: 'en',
      switchLabel: 'Switch to English',
      searchLabel: 'Rechercher une pratique',
      searchPlaceholder: 'ex. banque alimentaire, logement des réfugiés',
      searchButton: 'Rechercher',
      searchHelp: 'En français ou en anglais, accents facultatifs. « expression exacte », OR, NOT sont compris.',
      suggestions: 'Suggestions',
      suggestPractices: 'Pratiques',
      suggestTerms: 'Termes',
      filters: 'Filtres',
      showFilters: 'Afficher les filtres',
      hideFilters: 'Masquer les filtres',
      clearFilters: 'Effacer les filtres',
      facet_country: 'Pays',
      facet_domain: 'Domaine prioritaire',
      facet_article: 'Article de la Charte sociale',
      facet_category: 'Catégorie (Tableau 2)',
      facet_source: 'Source',
      facet_lang: 'Langue du texte',
      showAll: (n) => `Afficher les ${n} valeurs`,
      showFewer: 'Afficher moins',
      results: 'Résultats',
      allPractices: 'Toutes les pratiques',
      count: (n) => (n === 0 ? 'Aucune pratique trouvée' : n === 1 ? '1 pratique trouvée' : `${n} pratiques trouvées`),
      loading: 'Recherche en cours…',
      sortBy: 'Trier par',
      sort_relevance: 'pertinence',
      sort_title: 'titre',
      sort_date: 'date',
      showingFor: 'Résultats pour :',
      didYouMean: 'Vouliez-vous dire :',
      ourTranslation: '(notre traduction)',
      ourTitle: '(titre de notre rédaction)',
      originalTitle: 'Titre original :',
      art: 'Art.',
      explicit: 'cité dans le texte',
      inferred: 'déduit des termes',
      articlesOfHit: 'Articles de la Charte sociale européenne et pourquoi',
      pagination: 'Pagination',
      prev: '← Page précédente',
      next: 'Page suivante →',
      pageOf: (p, n) => `Page ${p} sur ${n}`,
      chartTitle: 'Pratiques par pays',
      chartHelp: 'Pour la recherche en cours. Choisissez un pays pour filtrer.',
      chartEmpty: 'Aucune pratique à représenter.',
      chartBar: (label, n) => `${label} : ${n} ${n === 1 ? 'pratique' : 'pratiques'}`,
      situationTitle: 'Décrivez votre situation',
      situationLabel: 'Votre situation, en quelques phrases',
      situationHelp: 'Nous cherchons les pratiques qui y répondent (en français ou en anglais).',
      situationPlaceholder: 'ex. une commune veut loger des familles réfugiées',
      situationSubmit: 'Trouver des pratiques',
      situationResults: 'Pratiques pour votre situation',
      situationYou: 'Votre situation :',
      close: 'Fermer',
      situationNone: 'Aucune pratique ne correspond ; essayez d’autres mots.',
      back: '← Retour aux résultats',
      loadingPractice: 'Chargement de la pratique…',
      similar: 'Pratiques similaires transférables',
      similarHelp: 'Dans d’autres pays, avec les raisons du rapprochement.',
      similarNone: 'Aucune pratique similaire.',
      transferable: 'Transférable',
      transferableHelp: 'sa fiche documente les conditions de réussite',
      why: 'Pourquoi :',
      shared_words: 'Mots communs',
      shared_concepts: 'Notions communes',
      shared_domains: 'Domaines communs',
      shared_articles: 'Articles communs',
      shared_target_groups: 'Publics communs',
      summary: 'Résumé',
      summaryEnglish: 'Résumé en anglais (de notre rédaction)',
      originalText: 'Texte original du document source, en français.',
      field_countries: 'Pays',
      field_region: 'Région',
      field_city: 'Ville',
      field_organisation: 'Organisation',
      field_website: 'Site web',
      field_domains: 'Domaines prioritaires',
      field_categories: 'Catégories (Tableau 2)',
      field_language: 'Langue du texte',
      field_added: 'Ajoutée le',
      field_updated: 'Mise à jour le',
      field_id: 'Identifiant',
      articles: 'Articles de la Charte sociale européenne',
      sources: 'Sources',
      section: 'section',
      note: 'Note de notre rédaction',
      stated: 'indiqué par la fiche',
      assigned: 'attribué par nous',
      text_context: 'Contexte',
      text_goal: 'Objectif',
      text_target_groups: 'Groupes cibles',
      text_partners: 'Partenaires',
      text_duration: 'Durée',
      text_description: 'Description',
      text_implementation: 'Mise en œuvre',
      text_impact: 'Impact',
      text_conditions_of_success: 'Conditions de réussite',
      text_instruments_used: 'Instruments utilisés',
      text_remarks: 'Remarques',
      text_concrete_example: 'Exemple concret',
      error: 'Erreur :',
      unreachable: 'Le service ne répond pas. Réessayez dans un instant.',
      footerData: 'Données : Conseil de l’Europe, Réseau social européen, HCR ; titres et résumés anglais de notre rédaction.',
      footerApi: 'API JSON (OpenAPI)',
      short_domain: {
        youth_children: 'Enfance et jeunesse',
        migrants_refugees: 'Migrants et réfugiés',
        poverty_crisis: 'Pauvreté, crise et exclusion',
      },
      short_source: {
        'coe-report': 'Conseil de l’Europe : rapport',
        'coe-compendium': 'Conseil de l’Europe : recueil de fiches',
        'esn-activation': 'ESN : activation inclusive',
        'esn-inclusion': 'ESN : inclusion sociale',
        'unhcr-guide': 'HCR : guide pour les collectivités',
      },
    },
    en: {
      skip: 'Skip to content',
      searchTitle: 'Search good practices in social cohesion',
      tagline: 'Good practices in social cohesion across Europe',
      switchTo: 'Français',
      switchLang: 'fr',
      switchLabel: 'Passer en français',
      searchLabel: 'Search the practices',
      searchPlaceholder: 'e.g. food bank, refugee housing',
      searchButton: 'Search',
      searchHelp: 'In French or English, accents optional. "exact phrase", OR, NOT are understood.',
      suggestions: 'Suggestions',
      suggestPractices: 'Practices',
      suggestTerms: 'Terms',
      filters: 'Filters',
      showFilters: 'Show filters',
      hideFilters: 'Hide filters',
      clearFilters: 'Clear filters',
      facet_country: 'Country',
      facet_domain: 'Priority domain',
      facet_article: 'Social Charter article',
      facet_category: 'Category (Table 2)',
      facet_source: 'Source',
      facet_lang: 'Language of the text',
      showAll: (n) => `Show all ${n} values`,
      showFewer: 'Show fewer',
      results: 'Results',
      allPractices: 'All practices',
      count: (n) => (n === 0 ? 'No practice found' : n === 1 ? '1 practice found' : `${n} practices found`),
      loading: 'Searching…',
      sortBy: 'Sort by',
      sort_relevance: 'relevance',
      sort_title: 'title',
      sort_date: 'date',
      showingFor: 'Showing results for:',
      didYouMean: 'Did you mean:',
      ourTranslation: '(our translation)',
      ourTitle: '(title written by us)',
      originalTitle: 'Original title:',
      art: 'Art.',
      explicit: 'named in the text',
      inferred: 'inferred from the terms',
      articlesOfHit: 'European Social Charter articles and why',
      pagination: 'Pagination',
      prev: '← Previous page',
      next: 'Next page →',
      pageOf: (p, n) => `Page ${p} of ${n}`,
      chartTitle: 'Practices per country',
      chartHelp: 'For the current search. Choose a country to filter.',
      chartEmpty: 'No practice to show.',
      chartBar: (label, n) => `${label}: ${n} ${n === 1 ? 'practice' : 'practices'}`,
      situationTitle: 'Describe your situation',
      situationLabel: 'Your situation, in a few sentences',
      situationHelp: 'We look for the practices that answer it (in French or English).',
      situationPlaceholder: 'e.g. a municipality wants to house refugee families',
      situationSubmit: 'Find practices',
      situationResults: 'Practices for your situation',
      situationYou: 'Your situation:',
      close: 'Close',
      situationNone: 'No practice matches; try other words.',
      back: '← Back to the results',
      loadingPractice: 'Loading the practice…',
      similar: 'Similar transferable practices',
      similarHelp: 'In other countries, with the reasons for each.',
      similarNone: 'No similar practice.',
      transferable: 'Transferable',
      transferableHelp: 'its sheet documents its conditions of success',
      why: 'Why:',
      shared_words: 'Shared words',
      shared_concepts: 'Shared concepts',
      shared_domains: 'Shared domains',
      shared_articles: 'Shared articles',
      shared_target_groups: 'Shared target groups',
      summary: 'Summary',
      summaryEnglish: 'Summary',
      originalText: 'Original text of the source document, in French.',
      field_countries: 'Countries',
      field_region: 'Region',
      field_city: 'City',
      field_organisation: 'Organisation',
      field_website: 'Website',
      field_domains: 'Priority domains',
      field_categories: 'Categories (Table 2)',
      field_language: 'Language of the text',
      field_added: 'Added',
      field_updated: 'Updated',
      field_id: 'Identifier',
      articles: 'European Social Charter articles',
      sources: 'Sources',
      section: 'section',
      note: 'Our note',
      stated: 'stated on the sheet',
      assigned: 'assigned by us',
      text_context: 'Context',
      text_goal: 'Goal',
      text_target_groups: 'Target groups',
      text_partners: 'Partners',
      text_duration: 'Duration',
      text_description: 'Description',
      text_implementation: 'Implementation',
      text_impact: 'Impact',
      text_conditions_of_success: 'Conditions of success',
      text_instruments_used: 'Instruments used',
      text_remarks: 'Remarks',
      text_concrete_example: 'Concrete example',
      error: 'Error:',
      unreachable: 'The service does not answer. Try again in a moment.',
      footerData: 'Data: Council of Europe, European Social Network, UNHCR; English titles and summaries are ours.',
      footerApi: 'JSON API (OpenAPI)',
      short_domain: {
        youth_children: 'Children and young people',
        migrants_refugees: 'Migrants and refugees',
        poverty_crisis: 'Poverty, crisis and exclusion',
      },
      short_source: {
        'coe-report': 'Council of Europe: report',
        'coe-compendium': 'Council of Europe: compendium',
        'esn-activation': 'ESN: inclusive activation',
        'esn-inclusion': 'ESN: social inclusion',
        'unhcr-guide': 'UNHCR: guide for local authorities',
      },
    },
  };

  const FACETS = ['country', 'domain', 'article', 'category', 'source', 'lang'];
  // URL name of each filter: "lang" in the URL is the interface language, so the filter on the
  // language of the text is "language" there (and "lang" in the API).
  const URL_NAME = { country: 'country', domain: 'domain', article: 'article', category: 'category', source: 'source', lang: 'language' };
  const SORTS = ['relevance', 'title', 'date'];
  const TEXT_FIELDS = ['context', 'goal', 'target_groups', 'partners', 'duration', 'description', 'implementation',
    'impact', 'conditions_of_success', 'instruments_used', 'remarks', 'concrete_example'];
  const PER_PAGE = 10;
  const FACET_LIMIT = 6;
  const ALL_DOMAINS = ['youth_children', 'migrants_refugees', 'poverty_crisis'];

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

  function parseURL() {
    const p = new URLSearchParams(location.search);
    const filters = {};
    for (const f of FACETS) filters[f] = [...new Set(p.getAll(URL_NAME[f]).filter(Boolean))];
    const page = Number.parseInt(p.get('page') || '1', 10);
    const lang = p.get('lang');
    const sort = p.get('sort');
    return {
      q: p.get('q') || '',
      filters,
      sort: SORTS.includes(sort) ? sort : '',
      page: Number.isFinite(page) && page >= 1 && page <= 1000 ? page : 1,
      practice: p.get('practice') || '',
      situation: p.get('situation') || '',
      lang: lang === 'fr' || lang === 'en' ? lang : browserLang(),
    };
  }

  function toQuery(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of FACETS) for (const v of s.filters[f]) p.append(URL_NAME[f], v);
    if (s.sort) p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.practice) p.set('practice', s.practice);
    if (s.situation) p.set('situation', s.situation);
    p.set('lang', s.lang);
    return '?' + p.toString();
  }

  let state = parseURL();

  function withPatch(patch) {
    const next = { ...state, ...patch };
    next.filters = { ...state.filters, ...(patch.filters || {}) };
    return next;
  }

  // Moves to a new state: a new history entry, then the view. focus: what gets the focus after.
  function navigate(patch, focus) {
    state = withPatch(patch);
    history.pushState(null, '', toQuery(state));
    render(focus);
  }

  window.addEventListener('popstate', () => {
    state = parseURL();
    render(state.practice ? 'practice' : null);
  });

  // ---------------------------------------------------------------------------------------
  // Small DOM helpers (no innerHTML except for a checked snippet).
  const $ = (sel) => document.querySelector(sel);
  const t = (key) => TEXT[state.lang][key];
  const colon = () => (state.lang === 'fr' ? '\u00a0: ' : ': ');

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = v;
        else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false || c === '') continue;
      el.append(c instanceof Node ? c : String(c));
    }
    return el;
  }

  // A link inside the page: a real href (open in a new tab, copy, share), followed without a reload.
  function link(patch, focus, props, ...children) {
    const a = h('a', { href: toQuery(withPatch(patch)), ...props }, ...children);
    a.addEventListener('click', (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(patch, focus);
    });
    return a;
  }

  // The API's snippet is HTML-escaped text with <mark> tags: used as HTML only if it has no
  // other tag, else shown as text.
  function snippet(text, props) {
    const p = h('p', { class: 'snippet', lang: 'fr', ...props });
    if (typeof text !== 'string' || !text) return null;
    if (/[<>]/.test(text.replace(/<\/?mark>/g, ''))) p.textContent = text.replace(/<\/?mark>/g, '');
    else p.innerHTML = text;
    return p;
  }

  async function getJSON(url, options = {}) {
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

  // ---------------------------------------------------------------------------------------
  // Labels of facet values, from /api/v1/facets (loaded once).
  let labels = {};
  const labelsReady = getJSON('/api/v1/facets')
    .then((data) => {
      for (const [name, values] of Object.entries(data.facets || {})) {
        labels[name] = {};
        for (const v of values) labels[name][v.value] = v.label || {};
      }
    })
    .catch(() => {
      labels = {};
    });

  function fullLabel(facet, value) {
    const l = labels[facet] && labels[facet][String(value)];
    return (l && (l[state.lang] || l.fr || l.en)) || '';
  }

  function valueLabel(facet, value) {
    value = String(value);
    if (facet === 'domain') return t('short_domain')[value] || fullLabel(facet, value) || value;
    if (facet === 'source') return t('short_source')[value] || fullLabel(facet, value) || value;
    if (facet === 'article') {
      const l = fullLabel(facet, value);
      return l ? `${t('art')} ${value} · ${l}` : `${t('art')} ${value}`;
    }
    if (facet === 'category') {
      const l = fullLabel(facet, value);
      return l ? `${value}. ${l}` : value;
    }
    return fullLabel(facet, value) || value;
  }

  const countryNames = (codes) => (codes || []).map((c) => valueLabel('country', c)).join(', ');

  function formatDate(iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || '')) return iso || '';
    try {
      return new Intl.DateTimeFormat(state.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })
        .format(new Date(`${iso}T00:00:00Z`));
    } catch {
      return iso;
    }
  }

  // Title of a hit / suggestion / record in the interface language, with the note that says
  // whose words they are.
  function titleParts(item) {
    const original = item.title || (item.ours && item.ours.title) || item.id;
    const english = item.title_en || (item.ours && item.ours.title_en) || '';
    const titleIsOurs = item.title_is_ours || (!item.title && item.ours && item.ours.title);
    if (state.lang === 'en' && english) {
      const same = english === original;
      return { text: english, lang: 'en', note: same ? '' : t('ourTranslation'), original: same ? '' : original };
    }
    return { text: original, lang: 'fr', note: titleIsOurs ? t('ourTitle') : '', original: '' };
  }

  // ---------------------------------------------------------------------------------------
  // Focus that survives a re-render: elements carry data-focus-key.
  function focusedKey() {
    const el = document.activeElement;
    return el && el.dataset ? el.dataset.focusKey || '' : '';
  }

  function restoreFocus(key) {
    if (!key) return;
    const el = document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (el) el.focus();
  }

  // ---------------------------------------------------------------------------------------
  // Static texts.
  function applyLang() {
    document.documentElement.lang = state.lang;
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    $('#search-input').placeholder = t('searchPlaceholder');
    $('#situation-input').placeholder = t('situationPlaceholder');
    const sw = $('#lang-switch');
    sw.textContent = t('switchTo');
    sw.lang = t('switchLang');
    sw.setAttribute('aria-label', t('switchLabel'));
    $('#home-link').href = `/?lang=${state.lang}`;
    const sort = $('#sort');
    sort.replaceChildren(...SORTS.map((s) => h('option', { value: s }, t(`sort_${s}`))));
    updateFiltersToggle();
  }

  // ---------------------------------------------------------------------------------------
  // Rendering.
  let renderToken = 0;

  async function render(focus) {
    const token = ++renderToken;
    applyLang();
    await labelsReady;
    if (token !== renderToken) return;
    applyLang();
    $('#search-input').value = state.q;
    if (document.activeElement !== $('#situation-input')) $('#situation-input').value = state.situation;
    closeSuggestions();
    const practiceView = Boolean(state.practice);
    document.body.classList.toggle('view-practice', practiceView);
    document.body.classList.toggle('view-search', !practiceView);
    $('#search-view').hidden = practiceView;
    $('#practice-view').hidden = !practiceView;
    $('#filters').hidden = practiceView;
    $('#side').hidden = practiceView;
    if (practiceView) await renderPractice(token, focus);
    else await renderSearch(token, focus);
    // For tests and tools: the number of the last render that finished.
    if (token === renderToken) document.body.dataset.ready = String(token);
  }

  function hasFilters(s) {
    return FACETS.some((f) => s.filters[f].length > 0);
  }

  function searchParams(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of FACETS) for (const v of s.filters[f]) p.append(f, v);
    // Browsing everything: every practice has at least one priority domain, so asking for all
    // three lists them all (and the domain facet, counted without its own filter, stays exact).
    if (!s.q && !hasFilters(s)) for (const d of ALL_DOMAINS) p.append('domain', d);
    p.set('sort', s.sort || (s.q ? 'relevance' : 'title'));
    p.set('page', String(s.page));
    p.set('per_page', String(PER_PAGE));
    return p;
  }

  async function renderSearch(token, focus) {
    const key = focusedKey();
    const main = $('#main');
    $('#sort').value = state.sort || (state.q ? 'relevance' : 'title');
    $('#results-heading').textContent = state.q || hasFilters(state) ? t('results') : t('allPractices');
    $('#clear-filters').hidden = !hasFilters(state);
    document.title = state.q ? `${state.q} · Cohesio` : 'Cohesio';
    main.setAttribute('aria-busy', 'true');
    const situation = renderSituation(token);
    let data;
    try {
      data = await getJSON(`/api/v1/search?${searchParams(state)}`);
    } catch (error) {
      if (token !== renderToken) return;
      main.removeAttribute('aria-busy');
      showSearchError(error);
      await situation;
      return;
    }
    if (token !== renderToken) return;
    main.removeAttribute('aria-busy');
    const count = $('#result-count');
    count.textContent = t('count')(data.total);
    count.dataset.total = String(data.total);
    renderNotices(data);
    renderResults(data.hits || []);
    renderPagination(data);
    renderFacets(data.facets || {});
    renderChart((data.facets && data.facets.country) || []);
    await situation;
    if (token !== renderToken) return;
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
        notices.push(h('p', { class: 'notice' }, `${t('showingFor')} `, h('strong', {}, data.did_you_mean)));
      } else {
        notices.push(h('p', { class: 'notice' }, `${t('didYouMean')} `,
          link({ q: data.did_you_mean, page: 1 }, null, {}, data.did_you_mean)));
      }
    }
    for (const w of data.warnings || []) notices.push(h('p', { class: 'notice warning' }, typeof w === 'string' ? w : JSON.stringify(w)));
    $('#notices').replaceChildren(...notices);
  }

  function articleReasons(articles, props) {
    if (!articles || !articles.length) return null;
    return h('ul', { class: 'articles', ...props },
      articles.map((a) => h('li', {},
        h('span', { class: 'article-badge' }, `${t('art')} ${a.article}`), ' ',
        h('span', { class: 'article-title' }, fullLabel('article', a.article)),
        h('span', { class: 'reason' }, ` — ${t(a.provenance === 'explicit' ? 'explicit' : 'inferred')}`,
          a.evidence ? h('span', { lang: 'fr' }, a.provenance === 'explicit' ? `${colon()}« ${a.evidence} »` : `${colon()}${a.evidence}`) : ''))));
  }

  function titleLine(item, tag, props) {
    const parts = titleParts(item);
    return h(tag, props,
      link({ practice: item.id }, 'practice', { lang: parts.lang, class: 'practice-link' }, parts.text),
      parts.note ? h('span', { class: 'ours-note' }, ` ${parts.note}`) : '');
  }

  function metaLine(item) {
    const bits = [countryNames(item.countries)];
    for (const place of [item.region, item.city]) if (place) bits.push(place);
    const domains = (item.priority_domains || []).map((d) => valueLabel('domain', d.domain));
    return h('p', { class: 'meta' }, bits.filter(Boolean).join(' · '),
      domains.length ? h('span', { class: 'domains' }, domains.map((d) => h('span', { class: 'tag' }, d))) : '');
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
    const page = Math.min(state.page, pages);
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
  const expandedFacets = new Set();

  function facetValues(apiFacets, name) {
    const values = (apiFacets[name] || []).map((v) => ({ value: String(v.value), count: v.count }));
    for (const s of state.filters[name]) if (!values.some((v) => v.value === s)) values.push({ value: s, count: 0 });
    return values;
  }

  function toggleFilter(name, value) {
    const current = state.filters[name];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    navigate({ filters: { [name]: next }, page: 1 }, null);
  }

  function renderFacets(apiFacets) {
    const groups = [];
    for (const name of FACETS) {
      const values = facetValues(apiFacets, name);
      if (!values.length) continue;
      const selected = state.filters[name];
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
        h('legend', {}, t(`facet_${name}`)), list);
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

  function updateFiltersToggle() {
    const collapsed = $('#filters').classList.contains('collapsed');
    const toggle = $('#filters-toggle');
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.textContent = collapsed ? t('showFilters') : t('hideFilters');
  }

  // Practices per country: bars drawn with CSS classes (width in steps of 2 %), each a toggle.
  function renderChart(countries) {
    const values = facetValues({ country: countries }, 'country');
    const chart = $('#chart');
    if (!values.length) {
      chart.replaceChildren(h('li', { class: 'help' }, t('chartEmpty')));
      return;
    }
    const max = Math.max(1, ...values.map((v) => v.count));
    chart.replaceChildren(...values.map((v) => {
      const pressed = state.filters.country.includes(v.value);
      const step = v.count === 0 ? 0 : Math.max(1, Math.round((v.count / max) * 50));
      const name = valueLabel('country', v.value);
      const bar = h('button', {
        type: 'button', class: 'bar', 'data-testid': 'chart-bar', 'data-value': v.value, 'data-count': v.count,
        'aria-pressed': String(pressed), 'aria-label': t('chartBar')(name, v.count), 'data-focus-key': `bar:${v.value}`,
      },
      h('span', { class: 'bar-label' }, name),
      h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: `bar-fill w${step * 2}` })),
      h('span', { class: 'bar-count', 'aria-hidden': 'true' }, String(v.count)));
      bar.addEventListener('click', () => toggleFilter('country', v.value));
      return h('li', {}, bar);
    }));
  }

  // Similar practices (for a practice or a described situation), each with why.
  function whyList(why) {
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

  function similarItem(s) {
    return h('li', { class: 'similar-item', 'data-testid': 'similar-item', 'data-id': s.id },
      titleLine(s, 'h3', { class: 'similar-title' }),
      h('p', { class: 'meta' }, [countryNames(s.countries), s.region, s.city].filter(Boolean).join(' · '),
        s.transferable ? h('span', { class: 'badge', title: t('transferableHelp') }, t('transferable'),
          h('span', { class: 'visually-hidden' }, ` (${t('transferableHelp')})`)) : ''),
      whyList(s.why));
  }

  async function renderSituation(token) {
    const section = $('#situation-results');
    if (!state.situation) {
      section.hidden = true;
      section.replaceChildren();
      return;
    }
    section.hidden = false;
    const close = h('button', { type: 'button', class: 'button small', 'data-focus-key': 'situation-close' }, t('close'));
    close.addEventListener('click', () => navigate({ situation: '' }, null));
    const head = h('div', { class: 'situation-head' },
      h('h2', { id: 'situation-results-heading', tabindex: '-1' }, t('situationResults')), close);
    const quote = h('p', { class: 'situation-quote' }, `${t('situationYou')} `, h('q', {}, state.situation));
    const status = h('p', { class: 'help', role: 'status' }, t('loading'));
    section.replaceChildren(head, quote, status);
    let data;
    try {
      data = await getJSON('/api/v1/similar?k=5', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ text: state.situation }),
      });
    } catch (error) {
      if (token !== renderToken) return;
      status.textContent = `${t('error')} ${error.message}`;
      status.setAttribute('role', 'alert');
      return;
    }
    if (token !== renderToken) return;
    const suggestions = data.suggestions || [];
    status.textContent = suggestions.length ? t('count')(suggestions.length) : t('situationNone');
    section.append(h('ol', { class: 'similar-list' }, suggestions.map(similarItem)));
  }

  // The practice page: every field of the record, then similar transferable practices.
  async function renderPractice(token, focus) {
    const view = $('#practice-view');
    const back = link({ practice: '' }, 'results', { class: 'back' }, t('back'));
    view.replaceChildren(h('p', {}, back), h('p', { class: 'help', role: 'status' }, t('loadingPractice')));
    const id = encodeURIComponent(state.practice);
    let record;
    let similar;
    try {
      [record, similar] = await Promise.all([
        getJSON(`/api/v1/practices/${id}`),
        getJSON(`/api/v1/practices/${id}/similar?k=6`).catch((error) => ({ error })),
      ]);
    } catch (error) {
      if (token !== renderToken) return;
      view.replaceChildren(h('p', {}, back), h('p', { class: 'notice error', role: 'alert' }, `${t('error')} ${error.message}`));
      return;
    }
    if (token !== renderToken) return;
    const parts = titleParts(record);
    document.title = `${parts.text} · Cohesio`;
    const ours = record.ours || {};
    const title = h('h1', { class: 'practice-title', 'data-testid': 'practice-title', tabindex: '-1', lang: parts.lang }, parts.text);
    const header = h('header', { class: 'practice-header' }, title,
      parts.note ? h('p', { class: 'ours-note' }, parts.note) : '',
      parts.original ? h('p', { class: 'original-title' }, `${t('originalTitle')} `, h('span', { lang: 'fr' }, parts.original)) : '');

    let summary = null;
    if (ours.summary_en) {
      summary = h('section', { class: 'summary', 'aria-labelledby': 'summary-heading' },
        h('h2', { id: 'summary-heading' }, state.lang === 'en' ? t('summary') : t('summaryEnglish'),
          state.lang === 'en' ? h('span', { class: 'ours-note' }, ` ${t('ourTranslation')}`) : ''),
        h('p', { lang: 'en' }, ours.summary_en));
    }

    const facts = h('dl', { class: 'facts' });
    const fact = (key, ...value) => {
      if (value.flat(Infinity).every((v) => v === '' || v === null || v === undefined)) return;
      facts.append(h('div', {}, h('dt', {}, t(key)), h('dd', {}, ...value)));
    };
    fact('field_countries', countryNames(record.countries));
    fact('field_region', record.region ? h('span', { lang: 'fr' }, record.region) : '');
    fact('field_city', record.city ? h('span', { lang: 'fr' }, record.city) : '');
    fact('field_organisation', record.organisation ? h('span', { lang: 'fr' }, record.organisation) : '');
    if (record.website && /^https?:\/\//i.test(record.website)) {
      fact('field_website', h('a', { href: record.website, rel: 'noopener noreferrer external', class: 'website' }, record.website));
    }
    fact('field_domains', (record.priority_domains || []).length ? h('ul', { class: 'plain' },
      record.priority_domains.map((d) => h('li', {}, fullLabel('domain', d.domain) || valueLabel('domain', d.domain),
        h('span', { class: 'provenance' }, ` (${t(d.provenance === 'stated' ? 'stated' : 'assigned')})`)))) : '');
    fact('field_categories', (record.categories || []).length ? h('ul', { class: 'plain' },
      record.categories.map((c) => h('li', {}, valueLabel('category', c)))) : '');
    fact('field_language', valueLabel('lang', record.language));
    fact('field_added', formatDate(record.added));
    fact('field_updated', formatDate(record.updated));
    fact('field_id', h('code', {}, record.id));

    const articles = (record.charter_articles || []).length
      ? h('section', { 'aria-labelledby': 'articles-heading' }, h('h2', { id: 'articles-heading' }, t('articles')),
        articleReasons(record.charter_articles))
      : null;

    const textFields = TEXT_FIELDS.filter((f) => record.text && typeof record.text[f] === 'string' && record.text[f].trim());
    const texts = textFields.length
      ? h('section', { class: 'texts', 'aria-label': t('originalText') },
        h('p', { class: 'help' }, t('originalText')),
        textFields.map((f) => h('section', { class: 'text-field' }, h('h2', {}, t(`text_${f}`)),
          h('p', { lang: record.language || 'fr', class: 'prose' }, record.text[f]))))
      : null;

    const sources = (record.sources || []).length
      ? h('section', { 'aria-labelledby': 'sources-heading' }, h('h2', { id: 'sources-heading' }, t('sources')),
        h('ul', { class: 'sources' }, record.sources.map((s) => h('li', {},
          h('span', { class: 'source-doc' }, fullLabel('source', s.document) || valueLabel('source', s.document)),
          ` — ${t('section')} `, h('span', { lang: 'fr' }, s.section),
          s.label ? h('span', {}, colon(), h('q', { lang: 'fr' }, s.label)) : ''))))
      : null;

    const note = ours.note
      ? h('section', { 'aria-labelledby': 'note-heading' }, h('h2', { id: 'note-heading' }, t('note')), h('p', { lang: 'en' }, ours.note))
      : null;

    const article = h('article', { class: 'practice', 'aria-labelledby': 'practice-title-id' },
      header, summary, facts, articles, texts, sources, note);
    title.id = 'practice-title-id';

    const similarSection = h('section', { class: 'similar', 'aria-labelledby': 'similar-heading' },
      h('h2', { id: 'similar-heading' }, t('similar')), h('p', { class: 'help' }, t('similarHelp')));
    if (similar && similar.error) {
      similarSection.append(h('p', { class: 'notice error', role: 'alert' }, `${t('error')} ${similar.error.message}`));
    } else if (!similar.suggestions || !similar.suggestions.length) {
      similarSection.append(h('p', {}, t('similarNone')));
    } else {
      similarSection.append(h('ol', { class: 'similar-list' }, similar.suggestions.map(similarItem)));
    }

    view.replaceChildren(h('p', { class: 'back-line' }, back), h('div', { class: 'practice-layout' }, article, similarSection));
    if (focus === 'practice') {
      title.focus();
      window.scrollTo(0, 0);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Type-ahead (ARIA combobox with a listbox of practices and terms).
  const input = $('#search-input');
  const listbox = $('#suggestions');
  let suggestTimer = 0;
  let suggestAbort = null;
  let options = [];
  let active = -1;

  function closeSuggestions() {
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
      navigate({ q: option.term, page: 1, practice: '' }, null);
    }
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
    group('suggestPractices', data.titles || [], (x) => ({ kind: 'practice', id: x.id, label: h('span', { lang: 'fr' }, x.title) }));
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
      const data = await getJSON(`/api/v1/suggest?${new URLSearchParams({ q, limit: '8' })}`, { signal: suggestAbort.signal });
      if (document.activeElement === input && input.value.trim() === q) renderSuggestions(data);
    } catch (error) {
      if (error.name !== 'AbortError') closeSuggestions();
    }
  }

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

  // ---------------------------------------------------------------------------------------
  // Controls.
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(suggestTimer);
    if (suggestAbort) suggestAbort.abort();
    closeSuggestions();
    navigate({ q: input.value.trim(), page: 1, practice: '' }, null);
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

  $('#sort').addEventListener('change', (event) => navigate({ sort: event.target.value, page: 1 }, null));

  $('#lang-switch').addEventListener('click', () => navigate({ lang: state.lang === 'fr' ? 'en' : 'fr' }, null));

  $('#clear-filters').addEventListener('click', () => {
    const empty = {};
    for (const f of FACETS) empty[f] = [];
    navigate({ filters: empty, page: 1 }, null);
    input.focus();
  });

  $('#filters-toggle').addEventListener('click', () => {
    $('#filters').classList.toggle('collapsed');
    updateFiltersToggle();
  });

  $('#home-link').addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const empty = {};
    for (const f of FACETS) empty[f] = [];
    navigate({ q: '', filters: empty, sort: '', page: 1, practice: '', situation: '' }, null);
  });

  render(state.practice ? 'practice' : null);
})();
