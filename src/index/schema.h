// The index schema: every term prefix and value slot Cohesio writes, with its encoding.
// Bump kSchemaVersion whenever anything here changes; readers refuse other versions.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cohesio::schema {

inline constexpr std::string_view kSchemaVersion = "7";
inline constexpr std::string_view kSchemaVersionKey = "cohesio.schema_version";  // metadata
inline constexpr std::string_view kBuiltAtKey = "cohesio.built_at";  // metadata, ISO 8601 UTC
// metadata, ISO 8601 UTC: the last update committed in place (absent before the first)
inline constexpr std::string_view kUpdatedAtKey = "cohesio.updated_at";
inline constexpr std::string_view kLabelsKey = "cohesio.labels";  // metadata, JSON (Vocabulary)
// metadata, the generation's directory name (db-20261202T101500.123456Z), in every database of a
// sharded generation too: a reader checks its shards all come from one build (index/shards.h).
inline constexpr std::string_view kGenerationKey = "cohesio.generation";
// metadata, a decimal count of the updates committed in place since the build: what names the
// state of a sharded index, which has no single revision number (Database::get_revision).
inline constexpr std::string_view kUpdatesKey = "cohesio.updates";
// metadata, JSON: each thesaurus form (folded) -> the languages it is listed under, "en", "fr"
// or "en fr", so type-ahead offers the interface language's forms first.
inline constexpr std::string_view kFormLanguagesKey = "cohesio.form_languages";
// metadata, a shard's place: "2/3" (shard 2 of 3); absent in an index that is not sharded.
inline constexpr std::string_view kShardKey = "cohesio.shard";

// Term prefixes. Free text is indexed twice: unprefixed (general search, with positions) and
// under its field prefix (field search, without positions). Stemmed forms carry "Z" before the
// prefix, Xapian-style: "Zrefug" (general), "ZSrefug" (title). Every word gets its French and its
// English stem (computed on the folded word), since queries are read in both languages.
namespace prefix {
// Free-text fields, words folded by normalise/ (lowercase ASCII).
inline constexpr std::string_view title = "S";             // title, ours.title, ours.title_en
inline constexpr std::string_view goal = "XG";             // text.goal, text.description
inline constexpr std::string_view target_groups = "XT";    // text.target_groups
inline constexpr std::string_view transferability = "XR";  // text.conditions_of_success
inline constexpr std::string_view place = "XP";  // region, city (and ours in English), organisation
// Thesaurus concepts (corpus/reference/thesaurus.json): XK + concept id, e.g. XKfood_bank,
// wherever one of the concept's English or French forms occurs (wdf as the field's weight).
// The synonym table maps each folded form ("food bank", "banque alimentaire") to this term.
inline constexpr std::string_view concept_prefix = "XK";
// A practice whose sheet documents conditions of success / transferability: this one term
// (XF = flags) with wdf 1, not boolean, so it can add weight to transferable suggestions.
inline constexpr std::string_view transferable = "XFtransferable";
// A practice's Table 2 categories, the report's and ours alike (XW1 .. XW9), with wdf 1 and not
// boolean: suggestions that share a category with the practice weigh more. (XCAT, the filter,
// holds only the report's own.)
inline constexpr std::string_view category_likeness = "XW";
// How surely a practice concerns a Charter article (XAS31, XASe): wdf = the number of distinct
// evidence terms its inference found, or kExplicitArticleStrength where its text names the
// article. Not boolean: browsing an article ranks its practices by it.
inline constexpr std::string_view article_strength = "XAS";
// Boolean filter terms: prefix + value, values lowercase as written in the record.
inline constexpr std::string_view id = "Q";           // Qam-national-food-bank
inline constexpr std::string_view country = "XCO";    // XCOam, XCOxi
inline constexpr std::string_view domain = "XDOM";    // XDOMpoverty_crisis
inline constexpr std::string_view category = "XCAT";  // XCAT1 .. XCAT9
inline constexpr std::string_view article = "XART";   // XART27, XARTe
inline constexpr std::string_view source = "XSRC";    // XSRCcoe-report
inline constexpr std::string_view language = "L";     // Lfr, Len
}  // namespace prefix

// Within-document frequency increments: a word in the title counts five times, in the goal or
// description twice, anywhere else once, so BM25 ranks title matches first.
inline constexpr Xapian::termcount kTitleWeight = 5;
inline constexpr Xapian::termcount kGoalWeight = 2;
inline constexpr Xapian::termcount kBodyWeight = 1;
// An article the practice's text names outranks any inferred one (article_strength).
inline constexpr Xapian::termcount kExplicitArticleStrength = 20;

inline std::string concept_term(std::string_view concept_id) {
    return std::string(prefix::concept_prefix) + std::string(concept_id);
}

// The boolean term for a filter value: prefix + value in lower-case ASCII, so "AM", "am" and
// "Am" all name Armenia and "E" and "e" article E. Indexing and filtering both use this.
inline std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    std::transform(value.begin(), value.end(), std::back_inserter(term),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return term;
}

// `values` under `prefix`, joined by `op`.
inline Xapian::Query boolean_terms(Xapian::Query::op op, std::string_view prefix,
                                   const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& value : values) terms.emplace_back(boolean_term(prefix, value));
    return Xapian::Query(op, terms.begin(), terms.end());
}

// Any of `values` under `prefix`: a filter that allows each of them (OR within a facet).
inline Xapian::Query any_boolean_term(std::string_view prefix,
                                      const std::vector<std::string>& values) {
    return boolean_terms(Xapian::Query::OP_OR, prefix, values);
}

// Every one of `values` under `prefix`: a filter that asks for all of them (AND within a facet,
// as for practices that concern all the chosen Charter articles).
inline Xapian::Query every_boolean_term(std::string_view prefix,
                                        const std::vector<std::string>& values) {
    return boolean_terms(Xapian::Query::OP_AND, prefix, values);
}

// Value slots.
enum slot : Xapian::valueno {
    id = 0,             // string: the record id
    title_sort = 1,     // string: folded display title, for sorting by title
    updated = 2,        // string: YYYYMMDD of `updated`, sorts by date
    countries = 3,      // list: country codes (upper case, as in the record)
    domains = 4,        // list: priority domain ids
    categories = 5,     // list: category numbers as decimal strings
    articles = 6,       // list: Charter article ids
    sources = 7,        // list: source document ids
    language = 8,       // list of one: "fr" / "en"
    first_country = 9,  // string: the first country code, the collapse key for suggestions
    // Sort keys in the interface's other language and by country (folded strings):
    title_sort_en = 10,    // the English title (ours when the record is French), else the title
    country_sort_fr = 11,  // French name of the first country, kListSeparator, the title
    country_sort_en = 12,  // English name of the first country, kListSeparator, title_sort_en
};
// "list" slots hold their values joined by kListSeparator, so one slot can carry several
// values and facet counts stay exact for multi-valued fields.
inline constexpr char kListSeparator = '\x1f';

// Document data: the record's JSON, compact, as loaded from the corpus plus the inferred
// Charter articles (provenance "inferred", evidence = the terms found, as the text writes them,
// joined by ", "; evidence_terms = how many; confidence = "high" or "low").
//
// Database-wide: the synonym table (thesaurus forms -> concept terms, and each concept term ->
// the terms of its narrower concepts, keyed by the term itself: XKhousing -> XKsocial_housing,
// a key no folded form can be) and the spelling table
// (every folded word of the records and of the thesaurus), for QueryParser.

}  // namespace cohesio::schema
