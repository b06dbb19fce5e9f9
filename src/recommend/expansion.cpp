#include "expansion.h"

#include <algorithm>
#include <cmath>

namespace cohesio {

namespace {

// Xapian's ESet order: the heavier first, and between equal weights the greater term first.
bool before(const ExpandTerm& a, const ExpandTerm& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.term > b.term;
}

// Bo1 (Amati): the practice's use of the term against the mean use in the collection, in the
// same expression as Xapian's Bo1EWeight so that the doubles, and so the ties, are the same.
double bo1_weight(Xapian::termcount wdf, Xapian::termcount collection_freq,
                  Xapian::doccount documents) {
    const double mean = static_cast<double>(collection_freq) / static_cast<double>(documents);
    return static_cast<double>(wdf) * std::log2((1.0 + mean) / mean) + std::log2(1.0 + mean);
}

}  // namespace

std::vector<ExpandTerm> bo1_expansion(
    const std::vector<TermUse>& practice_terms, Xapian::doccount documents,
    const std::function<Xapian::termcount(const std::string&)>& collection_freq,
    const Xapian::ExpandDecider& decider, std::size_t count) {
    std::vector<ExpandTerm> kept;
    if (count == 0 || documents == 0) return kept;
    // As ESet::Internal::expand: terms in order, one below the weakest kept (or equal to it)
    // passed over once the set is full, the weakest dropped on overflow, kept as a heap whose
    // front is the weakest by `before`.
    double min_weight = 0;
    bool is_heap = false;
    for (const auto& [term, wdf] : practice_terms) {
        if (!decider(term)) continue;
        const double weight = bo1_weight(wdf, collection_freq(term), documents);
        if (weight <= min_weight) continue;
        kept.push_back({term, weight});
        if (kept.size() <= count) continue;
        if (!is_heap) {
            is_heap = true;
            std::make_heap(kept.begin(), kept.end(), before);
        } else {
            std::push_heap(kept.begin(), kept.end(), before);
        }
        std::pop_heap(kept.begin(), kept.end(), before);
        kept.pop_back();
        min_weight = kept.front().weight;
    }
    if (is_heap)
        std::sort_heap(kept.begin(), kept.end(), before);
    else
        std::sort(kept.begin(), kept.end(), before);
    return kept;
}

}  // namespace cohesio
