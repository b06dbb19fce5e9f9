// <cohesio-search>: a Cohesio search box for other sites.
//
//   <script src="https://cohesio.example/embed.js"></script>
//   <cohesio-search lang="en" country="PL,IT" results="5"></cohesio-search>
//
// Attributes: service (base URL of the Cohesio service; default: where this script came from),
// lang (fr | en), country / article / domain (fixed filters, comma-separated, shown to the
// visitor), results (1-20, default 5), initial ("results", the default: the first practices
// within the fixed filters before anyone types; "none": an empty box), label (the name of the
// box's search landmark, when a page has several). A bad attribute, or a fixed filter value the
// service does not know, is reported in the box and by a cohesio-error event, naming the
// attribute, before any search. Everything renders in the element's own shadow root, which
// inherits nothing from the host page's styles; the service must list the host page's origin in
// its --cors-origin, or the browser refuses the answers.
'use strict';

(() => {
  if (window.customElements === undefined || customElements.get('cohesio-search')) return;

  const script = document.currentScript;
  const DEFAULT_SERVICE = script && script.src ? new URL(script.src, location.href).origin : location.origin;

  const TEXT = {
    fr: {
      label: 'Rechercher une bonne pratique de cohésion sociale',
      placeholder: 'ex. banque alimentaire',
      button: 'Rechercher',
      searching: 'Recherche…',
      count: (n) => (n === 0 ? 'Aucune pratique trouvée.' : n === 1 ? '1 pratique trouvée.' : `${n} pratiques trouvées.`),
      more: (n) => `Voir les ${n} résultats sur Cohesio`,
      empty: 'Tapez quelques mots.',
      error: 'Le service Cohesio ne répond pas à ce site.',
      ours: '(notre traduction)',
      by: 'Cohesio',
      within: 'Parmi les pratiques :',
      filterNames: { country: 'pays', article: 'article', domain: 'domaine' },
      badAttribute: (name, value, why) => `Attribut ${name}="${value}" : ${why}`,
      unknownValues: (values) => `${values.length > 1 ? 'valeurs inconnues' : 'valeur inconnue'} : ${values.join(', ')}`,
      badResults: 'un nombre de 1 à 20',
      badLang: 'fr ou en',
      badInitial: 'results ou none',
      badService: 'une adresse http(s)',
      art: 'Art.',
      landmark: 'Cohesio',
    },
    en: {
      label: 'Search good practices in social cohesion',
      placeholder: 'e.g. food bank',
      button: 'Search',
      searching: 'Searching…',
      count: (n) => (n === 0 ? 'No practice found.' : n === 1 ? '1 practice found.' : `${n} practices found.`),
      more: (n) => `See all ${n} results on Cohesio`,
      empty: 'Type a few words.',
      error: 'The Cohesio service does not answer this site.',
      ours: '(our translation)',
      by: 'Cohesio',
      within: 'Among the practices:',
      filterNames: { country: 'country', article: 'article', domain: 'domain' },
      badAttribute: (name, value, why) => `Attribute ${name}="${value}": ${why}`,
      unknownValues: (values) => `${values.length > 1 ? 'unknown values' : 'unknown value'}: ${values.join(', ')}`,
      badResults: 'a number from 1 to 20',
      badLang: 'fr or en',
      badInitial: 'results or none',
      badService: 'an http(s) address',
      art: 'Art.',
      landmark: 'Cohesio',
    },
  };

  const CSS = `
    :host { all: initial; display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
            font-size: 16px; color: #1b1f24; line-height: 1.45; max-width: 40rem; text-align: left; }
    :host([hidden]), [hidden] { display: none; }
    .box { border: 1px solid #cbd3dc; border-radius: 6px; padding: 0.75rem 0.9rem; background: #fff; }
    label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
    .row { display: flex; gap: 0.4rem; }
    input { flex: 1; min-width: 0; font: inherit; padding: 0.4rem 0.6rem; border: 2px solid #6b7785; border-radius: 6px;
            color: inherit; background: #fff; }
    button { font: inherit; padding: 0.4rem 0.9rem; border: 2px solid #0b4f8a; border-radius: 6px; background: #0b4f8a;
             color: #fff; cursor: pointer; }
    button:hover { background: #083a66; border-color: #083a66; }
    :focus-visible { outline: 3px solid #d97706; outline-offset: 2px; }
    .status { margin: 0.5rem 0 0; color: #4b5563; font-size: 0.9rem; }
    .status.error { color: #991b1b; font-weight: 600; }
    ol { list-style: none; margin: 0.4rem 0 0; padding: 0; }
    li { padding: 0.45rem 0; border-top: 1px solid #e5e9ee; }
    a { color: #0b4f8a; font-weight: 600; text-underline-offset: 2px; }
    a:hover { color: #083a66; }
    .note { font-size: 0.8rem; font-style: italic; color: #4b5563; font-weight: 400; }
    .meta { font-size: 0.82rem; color: #4b5563; }
    .snippet { margin: 0.15rem 0 0; font-size: 0.88rem; white-space: pre-line; }
    mark { background: #ffe08a; color: inherit; }
    .more { margin: 0.5rem 0 0; font-size: 0.9rem; }
    .more a { font-weight: 400; }
    .within { margin: 0 0 0.4rem; font-size: 0.88rem; color: #374151; }
    .within strong { font-weight: 600; }
  `;

  // The labels of the service's filter values (country names and the like), fetched once per
  // service for every box of the page.
  const labelsByService = new Map();
  function labelsOf(service) {
    if (!labelsByService.has(service)) {
      labelsByService.set(service, fetch(`${service}/api/v1/facets`, { headers: { Accept: 'application/json' }, mode: 'cors' })
        .then((r) => (r.ok ? r.json() : null)).catch(() => null));
    }
    return labelsByService.get(service);
  }

  let instances = 0;
  const ALL_DOMAINS = ['youth_children', 'migrants_refugees', 'poverty_crisis'];

  const splitList = (value) => (value || '').split(',').map((v) => v.trim()).filter(Boolean);

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== '') node.append(c instanceof Node ? c : String(c));
    return node;
  }

  class CohesioSearch extends HTMLElement {
    constructor() {
      super();
      this.number = ++instances;
      this.uid = `cohesio-${this.number}`;
      this.requests = 0;
      const root = this.attachShadow({ mode: 'open' });
      // Styles: a constructed style sheet where the browser has them (not subject to the host
      // page's style-src), else a <style> element.
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } catch {
        root.append(el('style', {}, CSS));
      }
      this.form = el('form', { role: 'search', part: 'form' });
      this.labelEl = el('label', { for: `${this.uid}-q` });
      this.input = el('input', { id: `${this.uid}-q`, type: 'search', name: 'q', autocomplete: 'off', 'data-testid': 'widget-input' });
      this.button = el('button', { type: 'submit', 'data-testid': 'widget-submit' });
      this.within = el('p', { class: 'within', id: `${this.uid}-within`, 'data-testid': 'widget-within', hidden: true });
      this.input.setAttribute('aria-describedby', this.within.id);
      this.form.append(this.labelEl, this.within, el('div', { class: 'row' }, this.input, this.button));
      this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'widget-status' });
      this.errorEl = el('p', { class: 'status error', role: 'alert', 'data-testid': 'widget-error', hidden: true });
      this.list = el('ol', { 'data-testid': 'widget-results' });
      this.more = el('p', { class: 'more' });
      root.append(el('div', { class: 'box', part: 'box' }, this.form, this.status, this.errorEl, this.list, this.more));
      this.form.addEventListener('submit', (event) => {
        event.preventDefault();
        this.search();
      });
    }

    static get observedAttributes() {
      return ['lang', 'service', 'country', 'article', 'domain', 'results', 'initial', 'label'];
    }

    connectedCallback() {
      this.refresh();
    }

    attributeChangedCallback() {
      if (this.isConnected) this.refresh();
    }

    // Texts, the fixed filters as the visitor reads them, and the first results, again after
    // any attribute changes (batched: a page often sets several at once).
    refresh() {
      if (this.pending) return;
      this.pending = Promise.resolve().then(async () => {
        this.pending = null;
        this.applyTexts();
        const problem = this.attributeProblem();
        if (problem) {
          this.showError(problem);
          return;
        }
        const usable = await this.showFilters();
        if (usable && this.getAttribute('initial') !== 'none' && !this.input.value.trim()) this.search(true);
      });
    }

    // The first attribute the box cannot use, as a sentence naming it, or ''.
    attributeProblem() {
      const checks = [
        ['lang', (v) => v === 'fr' || v === 'en', 'badLang'],
        ['results', (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 20, 'badResults'],
        ['initial', (v) => v === 'results' || v === 'none', 'badInitial'],
        ['service', (v) => /^https?:\/\/[^\s/]+/.test(v.trim()), 'badService'],
      ];
      for (const [name, valid, why] of checks) {
        const value = this.getAttribute(name);
        if (value !== null && !valid(value)) return this.text('badAttribute')(name, value, this.text(why));
      }
      return '';
    }

    showError(message) {
      this.status.textContent = '';
      this.errorEl.textContent = message;
      this.errorEl.hidden = false;
      this.dispatchEvent(new CustomEvent('cohesio-error', { detail: { message } }));
    }

    // "Among the practices: country Poland, Italy · article Art. 31", in the interface language.
    // False when a fixed value is unknown to the service: said at once (initial="none" runs no
    // search that would say it), as every search with it would be refused.
    async showFilters() {
      const fixed = ['country', 'article', 'domain'].map((name) => [name, splitList(this.getAttribute(name))])
        .filter(([, values]) => values.length);
      this.within.hidden = !fixed.length;
      this.within.replaceChildren();
      if (!fixed.length) return true;
      const labels = await labelsOf(this.service);
      const facets = (labels || {}).facets || {};
      const unknown = labels ? await this.unknownValues(fixed, facets) : [];
      if (unknown.length) {
        const [name, values] = unknown[0];
        this.showError(this.text('badAttribute')(name, this.getAttribute(name), this.text('unknownValues')(values)));
        return false;
      }
      const labelOf = (name, value) => {
        const entry = (facets[name] || []).find((v) => v.value.toLowerCase() === value.toLowerCase());
        const label = entry && entry.label && (entry.label[this.language] || entry.label.fr);
        if (name === 'article') return label ? `${this.text('art')} ${value} (${label})` : `${this.text('art')} ${value}`;
        return label || value;
      };
      const parts = fixed.map(([name, values]) => [`${this.text('filterNames')[name]} `,
        el('strong', {}, values.map((v) => labelOf(name, v)).join(', '))]);
      this.within.append(`${this.text('within')} `, ...parts.flatMap((p, i) => (i ? [' · ', ...p] : p)));
      return true;
    }

    // The fixed values the service refuses, as [[name, [values]]]. The facets list only values
    // some practice has; one they lack may still be known (a country with no practice yet, which
    // finds nothing rather than being refused), so the service is asked about each such value.
    async unknownValues(fixed, facets) {
      const listed = (name, value) => (facets[name] || []).some((v) => v.value.toLowerCase() === value.toLowerCase());
      const refused = async (name, value) => {
        const params = new URLSearchParams({ [name]: value, per_page: '1' });
        try {
          const response = await fetch(`${this.service}/api/v1/search?${params}`, { headers: { Accept: 'application/json' }, mode: 'cors' });
          return response.status === 400;
        } catch {
          return false;  // unreachable: the search says so
        }
      };
      const found = await Promise.all(fixed.map(async ([name, values]) => {
        const unlisted = values.filter((v) => !listed(name, v));
        const answers = await Promise.all(unlisted.map((v) => refused(name, v)));
        return [name, unlisted.filter((_, i) => answers[i])];
      }));
      return found.filter(([, values]) => values.length);
    }

    get language() {
      return this.getAttribute('lang') === 'en' ? 'en' : this.getAttribute('lang') === 'fr' ? 'fr' : (
        (navigator.language || '').toLowerCase().startsWith('fr') ? 'fr' : 'en');
    }

    get service() {
      const given = (this.getAttribute('service') || '').trim();
      return (given || DEFAULT_SERVICE).replace(/\/+$/, '');
    }

    get count() {
      const n = Number.parseInt(this.getAttribute('results') || '5', 10);
      return Number.isFinite(n) ? Math.min(20, Math.max(1, n)) : 5;
    }

    text(key) {
      return TEXT[this.language][key];
    }

    applyTexts() {
      this.labelEl.textContent = this.text('label');
      // The example suggests something to type only where it cannot mislead: fixed filters may
      // leave nothing for it to find.
      const fixed = ['country', 'article', 'domain'].some((name) => splitList(this.getAttribute(name)).length);
      this.input.placeholder = fixed ? '' : this.text('placeholder');
      this.button.textContent = this.text('button');
      // Each box its own landmark name: two boxes on a page are two search regions. Numbered by
      // creation, not by position, which a box added later would change under the others.
      const several = document.querySelectorAll('cohesio-search').length > 1;
      const named = this.getAttribute('label');
      this.form.setAttribute('aria-label', named || (several
        ? `${this.text('landmark')} ${this.number}` : this.text('landmark')));
    }

    query() {
      const params = new URLSearchParams();
      const q = this.input.value.trim();
      if (q) params.set('q', q);
      for (const name of ['country', 'article', 'domain']) {
        for (const value of splitList(this.getAttribute(name))) params.append(name, value);
      }
      return params;
    }

    // `initial`: the first results before anyone typed.
    async search(initial = false) {
      const params = this.query();
      const request = ++this.requests;
      this.list.replaceChildren();
      this.more.replaceChildren();
      this.errorEl.hidden = true;
      this.errorEl.textContent = '';
      delete this.status.dataset.total;
      if ([...params.keys()].length === 0) {
        if (!initial) {
          this.status.textContent = this.text('empty');
          return;
        }
        // Browsing everything: the API browses by filter, and every practice has one of the
        // three priority domains (as the service's own page does).
        for (const domain of ALL_DOMAINS) params.append('domain', domain);
      }
      const everything = params.getAll('domain').length === ALL_DOMAINS.length && !this.getAttribute('domain');
      this.status.textContent = this.text('searching');
      params.set('per_page', String(this.count));
      let data;
      let response;
      try {
        response = await fetch(`${this.service}/api/v1/search?${params}`, { headers: { Accept: 'application/json' }, mode: 'cors' });
        data = await response.json();
      } catch (error) {
        if (request !== this.requests) return;
        this.showError(this.text('error'));
        return;
      }
      if (request !== this.requests) return;
      if (!response.ok) {
        // A filter value the service does not know (country="ZZ"): its own words, naming it.
        const e = (data && data.error) || {};
        const fixed = e.parameter && this.getAttribute(e.parameter);
        this.showError(fixed ? this.text('badAttribute')(e.parameter, fixed, e.message) : e.message || `HTTP ${response.status}`);
        return;
      }
      this.facets = ((await labelsOf(this.service)) || {}).facets || {};
      if (request !== this.requests) return;
      this.status.textContent = this.text('count')(data.total);
      this.status.dataset.total = String(data.total);
      for (const hit of data.hits || []) this.list.append(this.item(hit));
      if (data.total > (data.hits || []).length) {
        const page = new URLSearchParams(params);
        page.delete('per_page');
        if (everything) page.delete('domain');
        page.set('lang', this.language);
        // The page's URL names the language-of-text filter "language"; these filters keep their names.
        this.more.append(el('a', { href: `${this.service}/?${page}` }, this.text('more')(data.total)));
      }
      this.dispatchEvent(new CustomEvent('cohesio-results', { detail: { total: data.total } }));
    }

    countryName(code) {
      const entry = ((this.facets || {}).country || []).find((v) => v.value === code);
      return (entry && entry.label && (entry.label[this.language] || entry.label.fr)) || code;
    }

    item(hit) {
      const english = this.language === 'en' && hit.title_en;
      const title = english ? hit.title_en : hit.title || hit.id;
      const href = `${this.service}/?${new URLSearchParams({ practice: hit.id, lang: this.language })}`;
      const link = el('a', { href, lang: english ? 'en' : 'fr', 'data-testid': 'widget-result-link' }, title);
      const note = english && hit.title_en !== hit.title ? el('span', { class: 'note' }, ` ${this.text('ours')}`) : null;
      // The city in the box's language: our English name of a French one (standard exonym, no note).
      const city = (this.language === 'en' && hit.city_en) || hit.city;
      const meta = el('div', { class: 'meta' }, [(hit.countries || []).map((c) => this.countryName(c)).join(', '), city]
        .filter(Boolean).join(' · '));
      const li = el('li', { 'data-testid': 'widget-result', 'data-id': hit.id }, link, note, meta);
      // The snippet is HTML-escaped text with <mark> tags: HTML only if it has no other tag. The
      // same check as dom.js's snippet(), copied: embed.js must stand alone (one classic script
      // on another site, importing nothing from the page's modules).
      if (typeof hit.snippet === 'string' && hit.snippet) {
        const p = el('p', { class: 'snippet', lang: 'fr' });
        if (/[<>]/.test(hit.snippet.replace(/<\/?mark>/g, ''))) p.textContent = hit.snippet.replace(/<\/?mark>/g, '');
        else p.innerHTML = hit.snippet;
        li.append(p);
      }
      return li;
    }
  }

  customElements.define('cohesio-search', CohesioSearch);
})();
