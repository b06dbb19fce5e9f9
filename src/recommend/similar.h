// Similar transferable practices: what else tackles the same problem, in a way that travels.
//
// From a practice, Xapian's relevance feedback (RSet -> ESet) picks the most telling stems of
// what it addresses and how (goal and description, target groups, conditions of success) and
// the thesaurus concepts it mentions; from free text, the text is parsed like a search. The
// resulting query ranks the other practices, with extra weight for those whose sheets document
// conditions of success / transferability, and by default at most two per country (a collapse
// on the first country), since the point is to learn from elsewhere. Each suggestion explains
// itself: the words, concepts, domains, articles and target-group words it shares.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "search/searcher.h"

namespace cohesio {

struct SimilarRequest {
    std::string id;    // a practice to find others like, or
    std::string text;  // a free-text description of a situation
    Xapian::doccount limit = 5;
    bool same_country = false;  // only practices sharing one of the practice's countries
    bool same_article = false;  // only practices sharing one of its Charter articles
    bool diverse = true;        // at most two suggestions per country

    static SimilarRequest for_practice(std::string practice_id, Xapian::doccount count) {
        SimilarRequest request;
        request.id = std::move(practice_id);
        request.limit = count;
        return request;
    }
};

struct Suggestion {
    std::string id;
    double score = 0;
    bool transferable = false;  // its sheet documents conditions of success / transferability
    std::vector<std::string> shared_words;         // readable words, most telling first
    std::vector<std::string> shared_concepts;      // thesaurus concept ids
    std::vector<std::string> shared_target_words;  // words shared in the target groups
    std::vector<std::string> shared_domains;
    std::vector<std::string> shared_articles;
    nlohmann::json record;
};

Result<std::vector<Suggestion>> similar_practices(Searcher& searcher,
                                                  const SimilarRequest& request);

nlohmann::json to_json(const std::vector<Suggestion>& suggestions);

}  // namespace cohesio
