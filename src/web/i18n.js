// Cohesio page: the texts of the interface in French and English, and the labels of facet
// values (from /api/v1/facets) in the interface language.
import { store } from './state.js';

// ---------------------------------------------------------------------------------------
// Texts of the interface.
export const TEXT = {
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
    articleMatch: 'Pratiques concernant',
    articleMatch_all: 'Tous ces articles',
    articleMatch_any: 'N’importe lequel',
    showAll: (n) => `Afficher les ${n} valeurs`,
    showFewer: 'Afficher moins',
    results: 'Résultats',
    allPractices: 'Toutes les pratiques',
    count: (n) => (n === 0 ? 'Aucune pratique trouvée' : n === 1 ? '1 pratique trouvée' : `${n} pratiques trouvées`),
    loading: 'Recherche en cours…',
    sortBy: 'Trier par',
    sort_relevance: 'pertinence',
    sort_title: 'titre',
    sort_country: 'pays',
    showingFor: 'Résultats pour :',
    searchInstead: 'Rechercher plutôt :',
    anyWord: 'Peu de pratiques ont tous ces mots : voici celles qui en ont au moins un.',
    didYouMean: 'Vouliez-vous dire :',
    ourTranslation: '(notre traduction)',
    ourTitle: '(titre de notre rédaction)',
    originalTitle: 'Titre original :',
    art: 'Art.',
    explicit: 'cité dans le texte',
    inferred: 'déduit des termes',
    inferredWeakly: 'déduit, sur peu d’indices, des termes',
    articlesOfHit: 'Articles de la Charte sociale européenne et pourquoi',
    pagination: 'Pagination',
    prev: '← Page précédente',
    next: 'Page suivante →',
    pageOf: (p, n) => `Page ${p} sur ${n}`,
    chartTitle: 'Pratiques par pays',
    chartHelp: 'Pour la recherche en cours. Choisissez un pays, sur la carte ou dans la liste, pour filtrer ; sur la carte, les flèches passent d’un pays à l’autre.',
    chartEmpty: 'Aucune pratique à représenter.',
    chartBar: (label, n) => `${label} : ${n} ${n === 1 ? 'pratique' : 'pratiques'}`,
    practicesWord: (n) => (n === 1 ? 'pratique' : 'pratiques'),
    situationMore: 'Plus de pratiques',
    situationJump: 'Ou décrivez votre situation en quelques phrases',
    samePlace: 'Dans la même ville ou de la même organisation',
    cite: 'Citer cette pratique',
    citeHelp: 'La section du document source qui la décrit, et cette fiche. Les documents nous sont parvenus sans leurs numéros de page.',
    citeTexts: { in: 'Dans', section: 'section', record: 'Fiche Cohesio', consulted: 'consultée le', quote: (s) => `« ${s} »` },
    citePlain: 'Texte',
    exportThese: 'Exporter ces résultats :',
    export_csv: 'CSV (tableur)',
    export_json: 'JSON',
    export_atom: 'flux Atom',
    nothingFound: 'Aucune pratique ne correspond à cette recherche.',
    nothingFoundCorrected: 'Aucune pratique ne correspond, même avec la correction proposée.',
    removeFilter: (label) => `Retirer le filtre « ${label} »`,
    withoutFilters: 'Chercher ces mots sans aucun filtre',
    tryOtherWords: 'Essayer des mots plus généraux, en français ou en anglais, ou décrire votre situation dans l’encadré « Décrivez votre situation ».',
    seeAll: 'Voir toutes les pratiques',
    mapTitle: 'Carte des pratiques par pays',
    mapOff: 'Hors de la carte :',
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
    similarHelp: 'De plusieurs pays, deux au plus par pays, avec les raisons du rapprochement.',
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
    ourCategory: 'notre lecture : le rapport ne classe pas cette pratique',
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
    articleMatch: 'Practices that concern',
    articleMatch_all: 'All of these articles',
    articleMatch_any: 'Any of them',
    showAll: (n) => `Show all ${n} values`,
    showFewer: 'Show fewer',
    results: 'Results',
    allPractices: 'All practices',
    count: (n) => (n === 0 ? 'No practice found' : n === 1 ? '1 practice found' : `${n} practices found`),
    loading: 'Searching…',
    sortBy: 'Sort by',
    sort_relevance: 'relevance',
    sort_title: 'title',
    sort_country: 'country',
    showingFor: 'Showing results for:',
    searchInstead: 'Search instead for:',
    anyWord: 'Few practices have all these words: showing those with any of them.',
    didYouMean: 'Did you mean:',
    ourTranslation: '(our translation)',
    ourTitle: '(title written by us)',
    originalTitle: 'Original title:',
    art: 'Art.',
    explicit: 'named in the text',
    inferred: 'inferred from the terms',
    inferredWeakly: 'inferred, on little evidence, from the terms',
    articlesOfHit: 'European Social Charter articles and why',
    pagination: 'Pagination',
    prev: '← Previous page',
    next: 'Next page →',
    pageOf: (p, n) => `Page ${p} of ${n}`,
    chartTitle: 'Practices per country',
    chartHelp: 'For the current search. Choose a country, on the map or in the list, to filter; on the map, the arrow keys move from country to country.',
    chartEmpty: 'No practice to show.',
    chartBar: (label, n) => `${label}: ${n} ${n === 1 ? 'practice' : 'practices'}`,
    practicesWord: (n) => (n === 1 ? 'practice' : 'practices'),
    situationMore: 'More practices',
    situationJump: 'Or describe your situation in a few sentences',
    samePlace: 'In the same city or by the same organisation',
    cite: 'Cite this practice',
    citeHelp: 'The section of the source document that describes it, and this record. The documents reached us without their page numbers.',
    citeTexts: { in: 'In', section: 'section', record: 'Cohesio record', consulted: 'accessed', quote: (s) => `“${s}”` },
    citePlain: 'Text',
    exportThese: 'Export these results:',
    export_csv: 'CSV (spreadsheet)',
    export_json: 'JSON',
    export_atom: 'Atom feed',
    nothingFound: 'No practice matches this search.',
    nothingFoundCorrected: 'No practice matches, even with the suggested correction.',
    removeFilter: (label) => `Remove the filter “${label}”`,
    withoutFilters: 'Search for these words without any filter',
    tryOtherWords: 'Try more general words, in French or English, or describe your situation in the “Describe your situation” box.',
    seeAll: 'See all practices',
    mapTitle: 'Map of practices per country',
    mapOff: 'Off the map:',
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
    similarHelp: 'From several countries, at most two per country, with the reasons for each.',
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
    ourCategory: 'our reading: the report does not categorise this practice',
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

export const t = (key) => TEXT[store.state.lang][key];
export const colon = () => (store.state.lang === 'fr' ? '\u00a0: ' : ': ');

// ---------------------------------------------------------------------------------------
// Labels of facet values, from /api/v1/facets (loaded once).
let labels = {};

// Who published a source document, in the interface language (empty when unknown).
export function publisherOf(document) {
  const p = labels.source && labels.source[document] && labels.source[document].publisher;
  return (p && (p[store.state.lang] || p.fr || p.en)) || '';
}

// Keeps the labels of /api/v1/facets; an answer that cannot be read leaves no label.
export function setLabels(data) {
  const next = {};
  try {
    for (const [name, values] of Object.entries((data && data.facets) || {})) {
      next[name] = {};
      for (const v of values) next[name][v.value] = v.label || {};
    }
  } catch {
    labels = {};
    return;
  }
  labels = next;
}

export function fullLabel(facet, value) {
  const l = labels[facet] && labels[facet][String(value)];
  return (l && (l[store.state.lang] || l.fr || l.en)) || '';
}

export function valueLabel(facet, value) {
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

// A record's region or city in the interface language: in English our English name of a place
// the document names in French (Varsovie: Warsaw), from a summary (city_en) or a record
// (ours.city_en). Standard exonyms, not translations of the documents' prose: no "(our
// translation)" note; the API keeps them under ours.
export function placeName(item, field) {
  const english = item[`${field}_en`] || (item.ours && item.ours[`${field}_en`]) || '';
  if (store.state.lang === 'en' && english) return { text: english, lang: 'en' };
  return { text: item[field] || '', lang: 'fr' };
}

export const placeNames = (item) => ['region', 'city'].map((f) => placeName(item, f).text).filter(Boolean);

export const countryNames = (codes) => (codes || []).map((c) => valueLabel('country', c)).join(', ');

export function formatDate(iso) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso || '')) return iso || '';
  try {
    return new Intl.DateTimeFormat(store.state.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })
      .format(new Date(`${iso}T00:00:00Z`));
  } catch {
    return iso;
  }
}

// Title of a hit / suggestion / record in the interface language, with the note that says
// whose words they are.
export function titleParts(item) {
  const original = item.title || (item.ours && item.ours.title) || item.id;
  const english = item.title_en || (item.ours && item.ours.title_en) || '';
  const titleIsOurs = item.title_is_ours || (!item.title && item.ours && item.ours.title);
  if (store.state.lang === 'en' && english) {
    const same = english === original;
    return { text: english, lang: 'en', note: same ? '' : t('ourTranslation'), original: same ? '' : original };
  }
  return { text: original, lang: 'fr', note: titleIsOurs ? t('ourTitle') : '', original: '' };
}
