#include "recommend/similar.h"

#include <cctype>

#include "index/schema.h"
#include "search/response_json.h"
#include "search/stopwords.h"

namespace cohesio {

namespace {

// Only general stemmed terms ("Zhous"): prefixed copies would count the same word twice and
// boolean terms say nothing about the content. Very short stems are mostly function words.
class ContentStems : public Xapian::ExpandDecider {
public:
    ContentStems() { add_stopwords(stopwords_); }

    bool operator()(const std::string& term) const override {
        constexpr std::size_t kMinStemLength = 4;
        return term.size() > kMinStemLength && term[0] == 'Z' &&
               std::islower(static_cast<unsigned char>(term[1])) && !stopwords_(term.substr(1));
    }

private:
    Xapian::SimpleStopper stopwords_;
};

}  // namespace

nlohmann::json to_json(const std::vector<Suggestion>& suggestions) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& suggestion : suggestions) {
        nlohmann::json item = summary_json(suggestion.record);
        item["score"] = suggestion.score;
        item["shared_terms"] = suggestion.shared_terms;
        items.push_back(std::move(item));
    }
    return items;
}

Result<std::vector<Suggestion>> similar_practices(Xapian::Database& db,
                                                  const SimilarRequest& request) {
    try {
        const std::string id_term = std::string(schema::prefix::id) + request.id;
        Xapian::PostingIterator posting = db.postlist_begin(id_term);
        if (posting == db.postlist_end(id_term)) {
            return Error{ErrorKind::not_found, "id", "no practice with id " + quote_input(request.id)};
        }
        Xapian::RSet relevant;
        relevant.add_document(*posting);

        Xapian::Enquire enquire(db);
        const ContentStems decider;
        const Xapian::ESet terms = enquire.get_eset(request.expand_terms, relevant, &decider);
        const Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
        enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(id_term)));
        const Xapian::MSet matches = enquire.get_mset(0, request.limit);

        std::vector<Suggestion> suggestions;
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            Suggestion suggestion;
            const Xapian::Document document = it.get_document();
            suggestion.id = document.get_value(schema::id);
            suggestion.score = it.get_weight();
            suggestion.record = nlohmann::json::parse(document.get_data());
            for (auto term = enquire.get_matching_terms_begin(it);
                 term != enquire.get_matching_terms_end(it); ++term) {
                suggestion.shared_terms.push_back((*term).substr(1));
            }
            suggestions.push_back(std::move(suggestion));
        }
        return suggestions;
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, "index", e.get_description()};
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

}  // namespace cohesio
