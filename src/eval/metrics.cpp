#include "eval/metrics.h"

#include <algorithm>
#include <cmath>

namespace cohesio {

namespace {

int grade_of(const Judgments& judged, const std::string& id) {
    const auto it = judged.find(id);
    return it == judged.end() ? 0 : it->second;
}

double gain(int grade) { return std::pow(2.0, grade) - 1.0; }
double discount(std::size_t rank_from_zero) {
    return std::log2(static_cast<double>(rank_from_zero) + 2.0);
}

}  // namespace

double ndcg_at(const std::vector<std::string>& ranking, const Judgments& judged, std::size_t k) {
    double dcg = 0.0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i) {
        dcg += gain(grade_of(judged, ranking[i])) / discount(i);
    }
    std::vector<int> ideal;
    for (const auto& [id, grade] : judged) ideal.push_back(grade);
    std::sort(ideal.rbegin(), ideal.rend());
    double ideal_dcg = 0.0;
    for (std::size_t i = 0; i < std::min(k, ideal.size()); ++i)
        ideal_dcg += gain(ideal[i]) / discount(i);
    return ideal_dcg > 0.0 ? dcg / ideal_dcg : 0.0;
}

double reciprocal_rank(const std::vector<std::string>& ranking, const Judgments& judged) {
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        if (grade_of(judged, ranking[i]) > 0) return 1.0 / static_cast<double>(i + 1);
    }
    return 0.0;
}

double recall_at(const std::vector<std::string>& ranking, const Judgments& judged, std::size_t k) {
    std::size_t relevant = 0, found = 0;
    for (const auto& [id, grade] : judged) relevant += grade > 0 ? 1 : 0;
    if (relevant == 0) return 1.0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i) {
        found += grade_of(judged, ranking[i]) > 0 ? 1 : 0;
    }
    return static_cast<double>(found) / static_cast<double>(relevant);
}

}  // namespace cohesio
