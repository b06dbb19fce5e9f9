#include "search/concepts.h"

#include "index/schema.h"

namespace cohesio {

bool too_common_to_tell(Xapian::doccount frequency, Xapian::doccount practices) {
    constexpr double kMaxShare = 0.1;
    constexpr Xapian::doccount kFewPractices = 10;
    return frequency > kFewPractices &&
           static_cast<double>(frequency) > kMaxShare * static_cast<double>(practices);
}

ConceptLinks::ConceptLinks(const Xapian::Database& db) {
    const std::string prefix(schema::prefix::concept_prefix);
    for (auto key = db.synonym_keys_begin(prefix); key != db.synonym_keys_end(prefix); ++key) {
        for (auto narrower = db.synonyms_begin(*key); narrower != db.synonyms_end(*key);
             ++narrower) {
            narrower_[*key].push_back(*narrower);
            broader_[*narrower].push_back(*key);
        }
    }
}

namespace {

const std::vector<std::string>& linked(const std::map<std::string, std::vector<std::string>>& links,
                                       const std::string& term) {
    static const std::vector<std::string> kNone;
    const auto found = links.find(term);
    return found == links.end() ? kNone : found->second;
}

}  // namespace

const std::vector<std::string>& ConceptLinks::broader(const std::string& concept_term) const {
    return linked(broader_, concept_term);
}

const std::vector<std::string>& ConceptLinks::narrower(const std::string& concept_term) const {
    return linked(narrower_, concept_term);
}

}  // namespace cohesio
