#include "index/document.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "index/schema.h"

namespace cohesio {

namespace {

// Real words are short; anything longer is a URL fragment or noise and could exceed Xapian's
// 245-byte term limit once prefixed.
constexpr std::size_t kMaxWordBytes = 64;
// Gap between fields so a phrase query never matches across two fields.
constexpr Xapian::termpos kFieldGap = 100;

std::string join_list(const std::vector<std::string>& values) {
    std::string joined;
    for (const auto& value : values) {
        if (!joined.empty()) joined += schema::kListSeparator;
        joined += value;
    }
    return joined;
}

// Bounds DocumentMaker's stem cache (a few tens of MB at most).
constexpr std::size_t kStemCacheLimit = 100000;

class TextIndexer {
public:
    TextIndexer(Xapian::Document& document, Normaliser& normaliser, const Thesaurus& thesaurus,
                DocumentMaker& maker)
        : document_(document), normaliser_(normaliser), thesaurus_(thesaurus), maker_(maker) {}

    // Indexes `text` as general text and, when `prefix` is not empty, under that prefix too.
    // Words get the stems of both languages: a query's language is unknown, so it is read
    // with both stemmers, and a document must answer both readings alike (otherwise
    // `-armenie` would exclude a practice under the French reading but not the English one).
    void add(const std::string& text, std::string_view prefix, Xapian::termcount weight) {
        if (text.empty()) return;
        const std::vector<std::string> words = normaliser_.words(text);
        for (const auto& concept_id : thesaurus_.concepts_in(words)) {
            document_.add_term(schema::concept_term(concept_id), weight);
        }
        for (const auto& word : words) {
            if (word.size() > kMaxWordBytes) continue;
            ++position_;
            document_.add_posting(word, position_, weight);
            const DocumentMaker::Stems& stems = maker_.stems(word);
            document_.add_term(stems.french, weight);
            if (!stems.english.empty()) document_.add_term(stems.english, weight);
            if (prefix.empty()) continue;
            // The same terms under the field prefix: "S" + word, "ZS" + stem. Without
            // positions: they were a quarter of the index, and a phrase in a field is matched
            // as the phrase anywhere plus its words in the field (search/query.cpp).
            term_.assign(prefix).append(word);
            document_.add_term(term_, weight);
            for (const std::string* stem : {&stems.french, &stems.english}) {
                if (stem->empty()) continue;
                term_.assign("Z").append(prefix).append(*stem, 1);
                document_.add_term(term_, weight);
            }
        }
        position_ += kFieldGap;
    }

private:
    Xapian::Document& document_;
    Normaliser& normaliser_;
    const Thesaurus& thesaurus_;
    DocumentMaker& maker_;
    std::string term_;  // reused for prefixed terms
    Xapian::termpos position_ = 0;
};

std::string_view text_prefix(std::string_view field) {
    if (field == "goal" || field == "description") return schema::prefix::goal;
    if (field == "target_groups") return schema::prefix::target_groups;
    if (field == "conditions_of_success") return schema::prefix::transferability;
    return {};
}

Xapian::termcount text_weight(std::string_view field) {
    return field == "goal" || field == "description" ? schema::kGoalWeight : schema::kBodyWeight;
}

void add_boolean(Xapian::Document& document, std::string_view prefix, const std::string& value) {
    document.add_boolean_term(schema::boolean_term(prefix, value));
}

}  // namespace

bool is_spelling_word(const std::string& term) {
    return !term.empty() && std::islower(static_cast<unsigned char>(term[0]));
}

std::string id_term(const std::string& id) { return schema::boolean_term(schema::prefix::id, id); }

std::vector<std::string> split_list_value(const std::string& value) {
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start < value.size()) {
        std::size_t end = value.find(schema::kListSeparator, start);
        if (end == std::string::npos) end = value.size();
        values.push_back(value.substr(start, end - start));
        start = end + 1;
    }
    return values;
}

Practice enrich(const Practice& practice, const Vocabulary& vocabulary, Normaliser& normaliser) {
    Practice enriched = practice;
    for (auto& link : vocabulary.article_rules.infer(practice, normaliser)) {
        enriched.raw["charter_articles"].push_back({{"article", link.article},
                                                    {"provenance", link.provenance},
                                                    {"evidence", link.evidence},
                                                    {"evidence_terms", link.evidence_terms},
                                                    {"confidence", link.confidence}});
        enriched.articles.push_back(std::move(link));
    }
    return enriched;
}

const DocumentMaker::Stems& DocumentMaker::stems(const std::string& word) {
    if (const auto cached = stems_.find(word); cached != stems_.end()) return cached->second;
    if (stems_.size() >= kStemCacheLimit) stems_.clear();
    Stems stems{"Z" + french_(word), "Z" + english_(word)};
    if (stems.english == stems.french) stems.english.clear();
    return stems_.emplace(word, std::move(stems)).first->second;
}

Xapian::Document make_document(const Practice& practice, Normaliser& normaliser,
                               const Vocabulary& vocabulary) {
    DocumentMaker maker(normaliser, vocabulary);
    return maker.make(practice);
}

std::string DocumentMaker::country_name(const Practice& practice, const char* language) {
    if (practice.countries.empty()) return {};
    const nlohmann::json& labels = vocabulary_.labels;
    const std::string& code = practice.countries.front();
    const auto country = labels.find("country");
    if (country == labels.end() || !country->contains(code)) return normaliser_.fold(code);
    return normaliser_.fold((*country)[code].value(language, code));
}

Xapian::Document DocumentMaker::make(const Practice& practice) {
    Xapian::Document document;
    TextIndexer text(document, normaliser_, vocabulary_.thesaurus, *this);
    text.add(practice.title, schema::prefix::title, schema::kTitleWeight);
    text.add(practice.our_title, schema::prefix::title, schema::kTitleWeight);
    text.add(practice.title_en, schema::prefix::title, schema::kTitleWeight);
    text.add(practice.summary_en, schema::prefix::goal, schema::kGoalWeight);
    for (const auto& [field, value] : practice.text) {
        text.add(value, text_prefix(field), text_weight(field));
    }
    for (const auto* place : {&practice.region, &practice.city, &practice.region_en,
                              &practice.city_en, &practice.organisation}) {
        text.add(*place, schema::prefix::place, schema::kBodyWeight);
    }

    if (practice.text_field("conditions_of_success")) {
        document.add_term(std::string(schema::prefix::transferable));
    }
    add_boolean(document, schema::prefix::id, practice.id);
    add_boolean(document, schema::prefix::language, practice.language);
    std::vector<std::string> domains, categories, articles, sources;
    for (const auto& country : practice.countries)
        add_boolean(document, schema::prefix::country, country);
    for (const auto& link : practice.domains) {
        add_boolean(document, schema::prefix::domain, link.domain);
        domains.push_back(link.domain);
    }
    for (int category : practice.categories) {
        add_boolean(document, schema::prefix::category, std::to_string(category));
        categories.push_back(std::to_string(category));
    }
    std::set<int> any_categories(practice.categories.begin(), practice.categories.end());
    any_categories.insert(practice.our_categories.begin(), practice.our_categories.end());
    for (int category : any_categories)
        document.add_term(std::string(schema::prefix::category_likeness) +
                          std::to_string(category));
    for (const auto& link : practice.articles) {
        add_boolean(document, schema::prefix::article, link.article);
        // How surely the practice concerns the article: named by its text, or the number of
        // distinct evidence terms its inference found. Not its confidence: this wdf counts in
        // the document's length, which BM25 normalises word searches by, so lifting
        // high-confidence links (or lowering low ones) moved word rankings too (2026-12-02:
        // one situation's first hit, situation MRR 0.747 -> 0.719).
        const auto strength = static_cast<Xapian::termcount>(
            link.provenance == "explicit" ? schema::kExplicitArticleStrength
                                          : std::max<std::size_t>(link.evidence_terms, 1));
        document.add_term(schema::boolean_term(schema::prefix::article_strength, link.article),
                          strength);
        articles.push_back(link.article);
    }
    for (const auto& source : practice.sources) {
        add_boolean(document, schema::prefix::source, source.document);
        if (std::find(sources.begin(), sources.end(), source.document) == sources.end()) {
            sources.push_back(source.document);
        }
    }

    std::string updated = practice.updated;
    std::erase(updated, '-');
    document.add_value(schema::id, practice.id);
    const std::string title = normaliser_.fold(practice.display_title());
    const std::string title_en =
        practice.title_en.empty() ? title : normaliser_.fold(practice.title_en);
    document.add_value(schema::title_sort, title);
    document.add_value(schema::title_sort_en, title_en);
    document.add_value(schema::country_sort_fr,
                       country_name(practice, "fr") + schema::kListSeparator + title);
    document.add_value(schema::country_sort_en,
                       country_name(practice, "en") + schema::kListSeparator + title_en);
    document.add_value(schema::updated, updated);
    document.add_value(schema::countries, join_list(practice.countries));
    document.add_value(schema::domains, join_list(domains));
    document.add_value(schema::categories, join_list(categories));
    document.add_value(schema::articles, join_list(articles));
    document.add_value(schema::sources, join_list(sources));
    document.add_value(schema::language, practice.language);
    document.add_value(schema::first_country,
                       practice.countries.empty() ? "" : practice.countries[0]);
    document.set_data(practice.raw.dump());
    return document;
}

}  // namespace cohesio
