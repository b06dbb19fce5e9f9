#include "recommend/similar.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "index/document.h"
#include "index/schema.h"
#include "search/response_json.h"
#include "search/stopwords.h"

namespace cohesio {

namespace {

constexpr Xapian::termcount kExpandTerms = 60;
constexpr double kConceptWeight = 2.0;
constexpr Xapian::doccount kPerCountry = 2;
// Transferability adds weight, but less than a well-matching term does.
constexpr double kTransferableBoost = 0.5;
// Room to drop duplicates of the practice itself before cutting to the limit.
constexpr Xapian::doccount kExtraCandidates = 5;

std::string stemmed(std::string_view field_prefix) { return "Z" + std::string(field_prefix); }

// What a practice addresses and how: stems of goal/description, target groups and conditions
// of success, and thesaurus concepts. Stopword stems and very short stems say nothing.
class WhatAndHow : public Xapian::ExpandDecider {
public:
    WhatAndHow() { add_stopwords(stopwords_); }

    bool operator()(const std::string& term) const override {
        if (term.starts_with(schema::prefix::concept_prefix)) return true;
        for (const std::string* prefix : {&goal_, &target_, &transfer_}) {
            if (!term.starts_with(*prefix)) continue;
            const std::string stem = term.substr(prefix->size());
            constexpr std::size_t kMinStemLength = 4;
            return stem.size() >= kMinStemLength &&
                   std::islower(static_cast<unsigned char>(stem[0])) && !stopwords_(stem);
        }
        return false;
    }

private:
    Xapian::SimpleStopper stopwords_;
    const std::string goal_ = stemmed(schema::prefix::goal);
    const std::string target_ = stemmed(schema::prefix::target_groups);
    const std::string transfer_ = stemmed(schema::prefix::transferability);
};

// Stem -> a readable word, from a text's folded words, so explanations show "banque", not "banqu".
std::map<std::string, std::string> readable_words(const std::vector<std::string>& words) {
    std::map<std::string, std::string> by_stem;
    const Xapian::Stem french("french"), english("english");
    for (const auto& word : words) {
        for (const auto* stemmer : {&french, &english}) by_stem.emplace((*stemmer)(word), word);
    }
    return by_stem;
}

std::vector<std::string> words_of_record(const nlohmann::json& record, Normaliser& normaliser) {
    std::string text = record.value("title", "");
    const nlohmann::json fields = record.value("text", nlohmann::json::object());
    for (const auto& [key, value] : fields.items()) {
        if (value.is_string()) text += "\n" + value.get<std::string>();
    }
    text += "\n" + record.value("ours", nlohmann::json::object()).value("summary_en", "");
    return normaliser.words(text);
}

std::set<std::string> field_values(const nlohmann::json& record, const char* list,
                                   const char* key) {
    std::set<std::string> values;
    for (const auto& item : record.value(list, nlohmann::json::array())) {
        if (item.is_object() && item.contains(key)) values.insert(item[key].get<std::string>());
    }
    return values;
}

std::vector<std::string> intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::vector<std::string> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both;
}

Xapian::Query any_of_terms(std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& value : values) terms.emplace_back(schema::boolean_term(prefix, value));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void explain(Suggestion& suggestion, const std::vector<std::string>& matching,
             const std::map<std::string, std::string>& readable, const nlohmann::json& source) {
    const std::string target_stem = stemmed(schema::prefix::target_groups);
    const std::string_view concept_prefix = schema::prefix::concept_prefix;
    std::set<std::string> seen_words, seen_targets;
    for (const auto& term : matching) {
        if (term.starts_with(concept_prefix)) {
            suggestion.shared_concepts.push_back(term.substr(concept_prefix.size()));
            continue;
        }
        // Z + optional field prefix + stem; general stems start lower case after the Z.
        std::size_t stem_start = 1;
        while (stem_start < term.size() &&
               std::isupper(static_cast<unsigned char>(term[stem_start]))) {
            ++stem_start;
        }
        const auto word = readable.find(term.substr(stem_start));
        const std::string shown = word == readable.end() ? term.substr(stem_start) : word->second;
        if (term.starts_with(target_stem)) {
            if (seen_targets.insert(shown).second) suggestion.shared_target_words.push_back(shown);
        } else if (seen_words.insert(shown).second) {
            suggestion.shared_words.push_back(shown);
        }
    }
    suggestion.shared_domains =
        intersect(field_values(source, "priority_domains", "domain"),
                  field_values(suggestion.record, "priority_domains", "domain"));
    suggestion.shared_articles =
        intersect(field_values(source, "charter_articles", "article"),
                  field_values(suggestion.record, "charter_articles", "article"));
}

}  // namespace

Result<std::vector<Suggestion>> similar_practices(Searcher& searcher,
                                                  const SimilarRequest& request) {
    Xapian::Database& db = searcher.database();
    try {
        Xapian::Enquire enquire(db);
        Xapian::Query like;
        nlohmann::json source = nlohmann::json::object();
        std::map<std::string, std::string> readable;
        std::string own_title;
        if (!request.id.empty()) {
            const std::string id_term = schema::boolean_term(schema::prefix::id, request.id);
            Xapian::PostingIterator posting = db.postlist_begin(id_term);
            if (posting == db.postlist_end(id_term)) {
                return Error{ErrorKind::not_found, "id",
                             "no practice with id " + quote_input(request.id)};
            }
            source = nlohmann::json::parse(db.get_document(*posting).get_data());
            readable = readable_words(words_of_record(source, searcher.normaliser()));
            own_title = searcher.normaliser().fold(summary_json(source).value("title", ""));
            Xapian::RSet relevant;
            relevant.add_document(*posting);
            const WhatAndHow decider;
            const Xapian::ESet terms = enquire.get_eset(kExpandTerms, relevant, &decider);
            std::vector<Xapian::Query> concepts, stems;
            for (auto term = terms.begin(); term != terms.end(); ++term) {
                const std::string name = *term;
                (name.starts_with(schema::prefix::concept_prefix) ? concepts : stems)
                    .emplace_back(name);
            }
            // Shared concepts ("food bank" = "banque alimentaire") say more about the problem
            // tackled than shared words do, and hold across languages.
            const Xapian::Query by_concept(
                Xapian::Query::OP_SCALE_WEIGHT,
                Xapian::Query(Xapian::Query::OP_OR, concepts.begin(), concepts.end()),
                kConceptWeight);
            like = Xapian::Query(
                Xapian::Query::OP_AND_NOT,
                Xapian::Query(Xapian::Query::OP_OR, by_concept,
                              Xapian::Query(Xapian::Query::OP_OR, stems.begin(), stems.end())),
                Xapian::Query(id_term));
        } else {
            if (request.text.empty()) {
                return Error{ErrorKind::invalid_input, "text", "give a practice id or a text"};
            }
            auto parsed = searcher.parse_text(request.text);
            if (!parsed) return parsed.error();
            like = *parsed;
            readable = readable_words(searcher.normaliser().words(request.text));
        }

        Xapian::Query query(Xapian::Query::OP_AND_MAYBE, like,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                          Xapian::Query(std::string(schema::prefix::transferable)),
                                          kTransferableBoost));
        if (request.same_country) {
            query =
                Xapian::Query(Xapian::Query::OP_FILTER, query,
                              any_of_terms(schema::prefix::country,
                                           source.value("countries", std::vector<std::string>{})));
        }
        if (request.same_article) {
            const auto articles = field_values(source, "charter_articles", "article");
            query = Xapian::Query(
                Xapian::Query::OP_FILTER, query,
                any_of_terms(schema::prefix::article, {articles.begin(), articles.end()}));
        }
        enquire.set_query(query);
        if (request.diverse && !request.same_country)
            enquire.set_collapse_key(schema::first_country, kPerCountry);
        const Xapian::MSet matches = enquire.get_mset(0, request.limit + kExtraCandidates);

        std::vector<Suggestion> suggestions;
        for (auto it = matches.begin(); it != matches.end() && suggestions.size() < request.limit;
             ++it) {
            Suggestion suggestion;
            const Xapian::Document document = it.get_document();
            suggestion.record = nlohmann::json::parse(document.get_data());
            // A record of the same practice under another id (same title) is no suggestion.
            if (!own_title.empty() &&
                searcher.normaliser().fold(summary_json(suggestion.record).value("title", "")) ==
                    own_title) {
                continue;
            }
            suggestion.id = document.get_value(schema::id);
            suggestion.score = it.get_weight();
            suggestion.transferable = suggestion.record.value("text", nlohmann::json::object())
                                          .contains("conditions_of_success");
            std::vector<std::string> matching(enquire.get_matching_terms_begin(it),
                                              enquire.get_matching_terms_end(it));
            std::erase(matching, std::string(schema::prefix::transferable));
            explain(suggestion, matching, readable, source);
            suggestions.push_back(std::move(suggestion));
        }
        return suggestions;
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, "index", e.get_description()};
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

nlohmann::json to_json(const std::vector<Suggestion>& suggestions) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& suggestion : suggestions) {
        nlohmann::json item = summary_json(suggestion.record);
        item["score"] = suggestion.score;
        item["transferable"] = suggestion.transferable;
        item["why"] = {{"shared_words", suggestion.shared_words},
                       {"shared_concepts", suggestion.shared_concepts},
                       {"shared_target_groups", suggestion.shared_target_words},
                       {"shared_domains", suggestion.shared_domains},
                       {"shared_articles", suggestion.shared_articles}};
        items.push_back(std::move(item));
    }
    return items;
}

}  // namespace cohesio
