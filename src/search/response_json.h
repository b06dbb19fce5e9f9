// JSON form of search results, shared by `cohesio --json` and the HTTP API.
#pragma once

#include <nlohmann/json.hpp>

#include "search/searcher.h"

namespace cohesio {

// A short view of a practice for result lists: id, titles, countries, domains, articles.
nlohmann::json summary_json(const nlohmann::json& record);

nlohmann::json to_json(const SearchResponse& response);

}  // namespace cohesio
