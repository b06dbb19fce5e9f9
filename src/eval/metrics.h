// Ranking quality measures over graded judgments (grade 0 = not relevant, 1..3 = relevant).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cohesio {

using Judgments = std::map<std::string, int>;  // id -> grade

// Normalised discounted cumulative gain of the first `k` results, gain 2^grade - 1.
double ndcg_at(const std::vector<std::string>& ranking, const Judgments& judged, std::size_t k);

// 1 / rank of the first relevant result (0 when none is in the ranking).
double reciprocal_rank(const std::vector<std::string>& ranking, const Judgments& judged);

// Share of the relevant ids found among the first `k` results (1 when nothing is relevant).
double recall_at(const std::vector<std::string>& ranking, const Judgments& judged, std::size_t k);

// Share of the first `k` results that `is_good` accepts (0 for an empty ranking).
template <class Predicate>
double precision_at(const std::vector<std::string>& ranking, std::size_t k, Predicate is_good) {
    const std::size_t n = std::min(k, ranking.size());
    if (n == 0) return 0.0;
    std::size_t good = 0;
    for (std::size_t i = 0; i < n; ++i) good += is_good(ranking[i]) ? 1 : 0;
    return static_cast<double>(good) / static_cast<double>(k);
}

}  // namespace cohesio
