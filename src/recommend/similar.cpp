#include "recommend/similar.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "index/document.h"
#include "index/schema.h"
#include "index/store.h"
#include "recommend/expansion.h"
#include "search/concepts.h"
#include "search/response_json.h"
#include "search/stopwords.h"
#include "search/term_stats.h"

namespace cohesio {

namespace {

// The practice's most telling words (its concepts come on top).
constexpr Xapian::termcount kExpandWords = 20;
constexpr std::size_t kMostUsedConcepts = 30;
constexpr double kConceptWeight = 2.0;
// A neighbouring concept (related_concepts) counts half as much as the practice's own.
// Measured with cohesio eval: judged recall@5 0.454 without them, 0.495-0.521 from 0.25 to
// 0.75, best at 0.4-0.5.
constexpr double kRelatedConceptWeight = 0.5;
constexpr Xapian::doccount kPerCountry = 2;
// Transferability adds weight, but less than a well-matching term does.
constexpr double kTransferableBoost = 0.5;
// A Table 2 category shared with the practice (the report's or ours) weighs about as much as
// two or three well-matching concepts: the report's nine categories say what kind of answer a
// practice is. Measured with cohesio eval: from 2 to 8, both the judged neighbours found and
// the suggestions sharing a report category rise; beyond 8, only the latter does.
constexpr double kCategoryBoost = 8.0;
// Room to drop duplicates of the practice itself before cutting to the limit.
constexpr Xapian::doccount kExtraCandidates = 5;

std::string stemmed(std::string_view field_prefix) {
    std::string term = "Z";
    return term.append(field_prefix);
}

// What a practice addresses and how, in words: stems of goal/description, target groups and
// conditions of success. Stopword stems and very short stems say nothing.
class WhatAndHow : public Xapian::ExpandDecider {
public:
    WhatAndHow() { add_stopwords(stopwords_); }

    bool operator()(const std::string& term) const override {
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

// Stem -> the word as the practice (or the situation) writes it, so that a reason reads
// "réfugiés", not the stem "refug" or the folded "refugies".
class ReadableWords {
public:
    ReadableWords() : unshown_(std::make_unique<Xapian::SimpleStopper>()) {
        add_stopwords(*unshown_);
        add_generic_words(*unshown_);
    }
    void add_text(std::string_view text, Normaliser& normaliser) {
        for (const auto& word : normaliser.spelled_words(text)) add(word);
    }
    // The source's spelling, or nothing: a stem its own text lacks came from elsewhere (our
    // English summary), and is no reason in the source's words.
    const std::string* of(const std::string& stem) const {
        const auto word = by_stem_.find(stem);
        return word == by_stem_.end() ? nullptr : &word->second;
    }

private:
    void add(const SpelledWord& word) {
        if (word.spelling.empty() || (*unshown_)(word.folded)) return;
        for (const auto* stemmer : {&french_, &english_}) {
            auto [entry, added] = by_stem_.emplace((*stemmer)(word.folded), word.spelling);
            // A sentence's capital is not the word's: prefer a spelling in lower case.
            if (!added && std::isupper(static_cast<unsigned char>(entry->second[0])) &&
                !std::isupper(static_cast<unsigned char>(word.spelling[0])))
                entry->second = word.spelling;
        }
    }

    Xapian::Stem french_{"french"};
    Xapian::Stem english_{"english"};
    std::unique_ptr<Xapian::SimpleStopper> unshown_;  // stopwords and generic words: no reason
    std::map<std::string, std::string> by_stem_;
};

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

// A word shared by more than this share of all practices explains no likeness ("mettre",
// "place", "people"), even when it helped the ranking a little.
constexpr double kGenericShare = 0.25;

// The matching terms' frequencies come from `matches`, which gathered them for the whole
// collection in one exchange with each shard.
void explain(Suggestion& suggestion, const std::vector<std::string>& matching,
             const ReadableWords& readable, const nlohmann::json& source,
             const Xapian::Database& db, const Xapian::MSet& matches) {
    const std::string target_stem = stemmed(schema::prefix::target_groups);
    const std::string_view concept_prefix = schema::prefix::concept_prefix;
    const double generic = kGenericShare * static_cast<double>(db.get_doccount());
    std::set<std::string> seen_words, seen_targets;
    for (const auto& term : matching) {
        if (term.starts_with(concept_prefix)) {
            suggestion.shared_concepts.push_back(term.substr(concept_prefix.size()));
            continue;
        }
        if (static_cast<double>(matches.get_termfreq(term)) > generic) continue;
        // Z + optional field prefix + stem; general stems start lower case after the Z.
        std::size_t stem_start = 1;
        while (stem_start < term.size() &&
               std::isupper(static_cast<unsigned char>(term[stem_start]))) {
            ++stem_start;
        }
        const std::string* spelt = readable.of(term.substr(stem_start));
        if (spelt == nullptr) continue;
        const std::string& shown = *spelt;
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

namespace {

// What the suggestions are ranked by, and what explains them.
struct Likeness {
    Xapian::Query like;
    nlohmann::json source = nlohmann::json::object();  // the practice's record, if any
    std::string own_title;                             // its folded title (title_sort value)
    std::string own_id_term;
    ReadableWords readable;
};

// The practice's own terms, each weighted by the square root of how much the practice uses it
// (its wdf, which counts a title word five times): what the practice is mostly about weighs
// most, without one repeated word drowning the others.
Xapian::Query weighted_by_use(const std::string& term, Xapian::termcount wdf) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term),
                         std::sqrt(static_cast<double>(std::max<Xapian::termcount>(wdf, 1))));
}

// The thesaurus's neighbours of a practice's concepts, each with the uses of the concept it is
// reached from (the most used, if several): their broader concepts and the other concepts under
// those ("drug use" reaches "addiction" and "alcoholism"). Practices on a neighbouring subject
// are often alike: the judges paired a drug-treatment method with an addiction programme.
// Neither the practice's own concepts nor concepts too common to tell are among them.
std::map<std::string, Xapian::termcount> related_concepts(
    const Xapian::Database& db, TermStats& stats, const ConceptLinks& links,
    const std::vector<std::pair<Xapian::termcount, std::string>>& used_concepts) {
    std::set<std::string> own;
    std::vector<std::string> reachable;
    for (const auto& [uses, term] : used_concepts) {
        own.insert(term);
        for (const auto& parent : links.broader(term)) {
            reachable.push_back(parent);
            for (const auto& sibling : links.narrower(parent)) reachable.push_back(sibling);
        }
    }
    stats.prefetch(reachable, TermStats::Stat::termfreq);
    std::map<std::string, Xapian::termcount> related;
    const auto reach = [&](const std::string& term, Xapian::termcount uses) {
        if (own.contains(term) || too_common_to_tell(stats.termfreq(term), db.get_doccount()))
            return;
        auto& most = related[term];
        most = std::max(most, uses);
    };
    for (const auto& [uses, term] : used_concepts) {
        for (const auto& parent : links.broader(term)) {
            reach(parent, uses);
            for (const auto& sibling : links.narrower(parent)) reach(sibling, uses);
        }
    }
    return related;
}

// What a practice is about, as a query for the practices like it: its thesaurus concepts
// ("food bank" = "banque alimentaire"), which say more about the problem tackled than words do
// and hold across languages, and its most telling words. Concepts too common to tell
// (concepts.h) are left out: judged neighbours found 0.431 with them, 0.454 without, and with
// them similar took four times as long at 10,000 practices. Bo1 picks the words, because it
// weighs how often the practice uses a word against how common the word is; the default
// expansion scheme, given one practice, would pick only the rarest (names, acronyms).
Xapian::Query what_and_how(const Xapian::Database& db, TermStats& stats, const ConceptLinks& links,
                           Xapian::docid practice) {
    std::vector<TermUse> terms;
    std::vector<std::string> concept_terms;
    for (auto term = db.termlist_begin(practice); term != db.termlist_end(practice); ++term) {
        terms.push_back({*term, term.get_wdf()});
        if ((*term).starts_with(schema::prefix::concept_prefix)) concept_terms.push_back(*term);
    }
    stats.prefetch(concept_terms, TermStats::Stat::termfreq);
    std::vector<std::pair<Xapian::termcount, std::string>> used_concepts;
    for (const auto& [term, uses] : terms) {
        if (term.starts_with(schema::prefix::concept_prefix) &&
            !too_common_to_tell(stats.termfreq(term), db.get_doccount()))
            used_concepts.emplace_back(uses, term);
    }
    // A long sheet names many concepts; the most used are what it is about.
    std::stable_sort(used_concepts.begin(), used_concepts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    used_concepts.resize(std::min(used_concepts.size(), kMostUsedConcepts));
    std::vector<Xapian::Query> concepts;
    for (const auto& [uses, term] : used_concepts) concepts.push_back(weighted_by_use(term, uses));
    for (const auto& [term, uses] : related_concepts(db, stats, links, used_concepts)) {
        concepts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, weighted_by_use(term, uses),
                              kRelatedConceptWeight);
    }
    const WhatAndHow decider;
    std::vector<std::string> candidates;
    for (const auto& [term, uses] : terms) {
        if (decider(term)) candidates.push_back(term);
    }
    stats.prefetch(candidates, TermStats::Stat::collection_freq);
    const auto collection_freq = [&stats](const std::string& term) {
        return stats.collection_freq(term);
    };
    std::map<std::string, Xapian::termcount> wdf;
    for (const auto& [term, uses] : terms) wdf.emplace(term, uses);
    std::vector<Xapian::Query> stems;
    for (const auto& word :
         bo1_expansion(terms, db.get_doccount(), collection_freq, decider, kExpandWords))
        stems.push_back(weighted_by_use(word.term, wdf[word.term]));
    const Xapian::Query by_concept(
        Xapian::Query::OP_SCALE_WEIGHT,
        Xapian::Query(Xapian::Query::OP_OR, concepts.begin(), concepts.end()), kConceptWeight);
    return Xapian::Query(Xapian::Query::OP_OR, by_concept,
                         Xapian::Query(Xapian::Query::OP_OR, stems.begin(), stems.end()));
}

Result<Likeness> like_practice(Searcher& searcher, const std::string& id) {
    Xapian::Database& db = searcher.database();
    Likeness likeness;
    likeness.own_id_term = schema::boolean_term(schema::prefix::id, id);
    Xapian::PostingIterator posting = db.postlist_begin(likeness.own_id_term);
    if (posting == db.postlist_end(likeness.own_id_term)) {
        return Error{ErrorKind::not_found, "id", "no practice with id " + quote_input(id)};
    }
    const Xapian::Document document = db.get_document(*posting);
    likeness.source = nlohmann::json::parse(document.get_data());
    likeness.own_title = document.get_value(schema::title_sort);
    // Its own text, in its own language: not our English title and summary.
    likeness.readable.add_text(likeness.source.value("title", ""), searcher.normaliser());
    const nlohmann::json texts = likeness.source.value("text", nlohmann::json::object());
    for (const auto& [field, text] : texts.items()) {
        if (text.is_string())
            likeness.readable.add_text(text.get<std::string>(), searcher.normaliser());
    }

    likeness.like =
        Xapian::Query(Xapian::Query::OP_AND_NOT,
                      what_and_how(db, searcher.term_stats(), searcher.concept_links(), *posting),
                      Xapian::Query(likeness.own_id_term));
    return likeness;
}

Result<Likeness> like_text(Searcher& searcher, const std::string& text) {
    if (text.empty())
        return Error{ErrorKind::invalid_input, "text", "give a practice id or a text"};
    auto parsed = searcher.parse_text(text);
    if (!parsed) return parsed.error();
    Likeness likeness;
    likeness.like = *parsed;
    likeness.readable.add_text(text, searcher.normaliser());
    return likeness;
}

// The practice's Table 2 categories, the report's or ours, as the terms that weigh them.
std::vector<Xapian::Query> category_terms(const nlohmann::json& source) {
    std::set<int> categories;
    const nlohmann::json ours = source.value("ours", nlohmann::json::object());
    for (const nlohmann::json* holder : {&source, &ours}) {
        for (const auto& number : holder->value("categories", nlohmann::json::array()))
            if (number.is_number_integer()) categories.insert(number.template get<int>());
    }
    std::vector<Xapian::Query> terms;
    for (int category : categories)
        terms.emplace_back(std::string(schema::prefix::category_likeness) +
                           std::to_string(category));
    return terms;
}

Xapian::Query suggestion_query(const Likeness& likeness, const SimilarRequest& request) {
    const auto categories = category_terms(likeness.source);
    Xapian::Query query(
        Xapian::Query::OP_AND_MAYBE, likeness.like,
        Xapian::Query(
            Xapian::Query::OP_OR,
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(std::string(schema::prefix::transferable)),
                          kTransferableBoost),
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                          Xapian::Query(Xapian::Query::OP_OR, categories.begin(), categories.end()),
                          kCategoryBoost)));
    if (request.same_country) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              schema::any_boolean_term(
                                  schema::prefix::country,
                                  likeness.source.value("countries", std::vector<std::string>{})));
    }
    if (request.same_article) {
        const auto articles = field_values(likeness.source, "charter_articles", "article");
        query = Xapian::Query(
            Xapian::Query::OP_FILTER, query,
            schema::any_boolean_term(schema::prefix::article, {articles.begin(), articles.end()}));
    }
    return query;
}

// The terms of `like` that each shown suggestion has, in the query's order (as
// Enquire::get_matching_terms gives them). Skipping each term's posting list to the few shown
// documents costs far less than reading each suggestion's whole term list, which is long.
std::map<Xapian::docid, std::vector<std::string>> matching_terms(const Xapian::Database& db,
                                                                 const Xapian::Query& like,
                                                                 std::vector<Xapian::docid> shown) {
    std::sort(shown.begin(), shown.end());
    std::map<Xapian::docid, std::vector<std::string>> matching;
    std::set<std::string> seen;
    for (auto term = like.get_terms_begin(); term != like.get_terms_end(); ++term) {
        if (!seen.insert(*term).second) continue;
        Xapian::PostingIterator posting = db.postlist_begin(*term);
        for (const Xapian::docid docid : shown) {
            posting.skip_to(docid);
            if (posting == db.postlist_end(*term)) break;
            if (*posting == docid) matching[docid].push_back(*term);
        }
    }
    return matching;
}

// The same from each shown document's term list, for remote shards: the remote backend streams
// a posting list in small messages, so skipping through the likeness's terms' lists there would
// move them whole.
std::map<Xapian::docid, std::vector<std::string>> matching_terms_of(
    const Xapian::Enquire& enquire, const std::vector<Xapian::docid>& shown) {
    std::map<Xapian::docid, std::vector<std::string>> matching;
    for (const Xapian::docid docid : shown) {
        for (auto term = enquire.get_matching_terms_begin(docid);
             term != enquire.get_matching_terms_end(docid); ++term)
            matching[docid].push_back(*term);
    }
    return matching;
}

std::vector<Suggestion> suggest_from(const Xapian::Enquire& enquire, const Xapian::Database& db,
                                     const Likeness& likeness, const SimilarRequest& request,
                                     bool on_servers) {
    const Xapian::MSet matches = enquire.get_mset(0, request.limit + kExtraCandidates);
    std::vector<Suggestion> suggestions;
    std::vector<Xapian::docid> shown;
    for (auto it = matches.begin(); it != matches.end() && suggestions.size() < request.limit;
         ++it) {
        const Xapian::Document document = it.get_document();
        // A record of the same practice under another id (same title) is no suggestion.
        if (!likeness.own_title.empty() &&
            document.get_value(schema::title_sort) == likeness.own_title) {
            continue;
        }
        Suggestion suggestion;
        suggestion.record = nlohmann::json::parse(document.get_data());
        suggestion.id = document.get_value(schema::id);
        suggestion.score = it.get_weight();
        suggestion.transferable = suggestion.record.value("text", nlohmann::json::object())
                                      .contains("conditions_of_success");
        shown.push_back(*it);
        suggestions.push_back(std::move(suggestion));
    }
    const auto matching = on_servers ? matching_terms_of(enquire, shown)
                                     : matching_terms(db, likeness.like, shown);
    for (std::size_t k = 0; k < suggestions.size(); ++k) {
        const auto found = matching.find(shown[k]);
        explain(suggestions[k],
                found == matching.end() ? std::vector<std::string>{} : found->second,
                likeness.readable, likeness.source, db, matches);
    }
    return suggestions;
}

}  // namespace

Result<std::vector<Suggestion>> similar_practices(Searcher& searcher,
                                                  const SimilarRequest& request) {
    try {
        auto likeness = request.id.empty() ? like_text(searcher, request.text)
                                           : like_practice(searcher, request.id);
        if (!likeness) return likeness.error();
        Xapian::Enquire enquire(searcher.database());
        // A situation is a query: its words rank as a search's do. (A practice's likeness
        // query keeps Xapian's defaults, with which its weights were measured.)
        if (request.id.empty()) enquire.set_weighting_scheme(ranking_weight());
        enquire.set_query(suggestion_query(*likeness, request));
        if (request.diverse && !request.same_country)
            enquire.set_collapse_key(schema::first_country, kPerCountry);
        // Ties by id, not docid order, which differs when the index is sharded.
        enquire.set_sort_by_relevance_then_value(schema::id, false);
        return suggest_from(enquire, searcher.database(), *likeness, request,
                            searcher.on_servers());
    } catch (const Xapian::Error& e) {
        return index_read_error(e);
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
