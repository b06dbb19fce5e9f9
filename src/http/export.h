// A result set as CSV (for a spreadsheet) and as an Atom feed (to follow new practices that
// match a search).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/searcher.h"

namespace cohesio {

std::string to_csv(const SearchResponse& response);

std::string to_atom(const SearchResponse& response, const std::string& query,
                    const std::map<std::string, std::vector<std::string>>& filters);

}  // namespace cohesio
