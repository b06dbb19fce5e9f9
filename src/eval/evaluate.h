// Runs the judged evaluation set (tests/eval/judgments.json) against an index and reports
// nDCG@10, MRR and recall@20 for search (overall, per kind of query, English vs French twins)
// and precision@5 for similar practices.
#pragma once

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "search/searcher.h"

namespace cohesio {

// Figures as nested JSON: {"search": {...}, "similar": {...}}.
Result<nlohmann::json> evaluate(Searcher& searcher, const nlohmann::json& judgments);

// Every figure of `baseline` (same shape, any subset) that `figures` falls short of by more
// than `margin`, as "path: value < baseline" lines. Empty when nothing regressed.
std::vector<std::string> regressions(const nlohmann::json& figures, const nlohmann::json& baseline,
                                     double margin);

}  // namespace cohesio
