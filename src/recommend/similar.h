// "More like this": the practices most similar to a given one, found Xapian-style by taking
// the most distinctive stemmed words of the practice (RSet -> ESet) as a query.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio {

struct Suggestion {
    std::string id;
    double score = 0;
    std::vector<std::string> shared_terms;  // stems the two practices share, best first
    nlohmann::json record;
};

struct SimilarRequest {
    std::string id;
    Xapian::doccount limit = 5;
    Xapian::termcount expand_terms = 40;
};

nlohmann::json to_json(const std::vector<Suggestion>& suggestions);

Result<std::vector<Suggestion>> similar_practices(Xapian::Database& db,
                                                  const SimilarRequest& request);

}  // namespace cohesio
