#include "search/facets.h"

namespace cohesio {

FacetCounter::FacetCounter(const FacetColumns& columns, std::vector<ColumnFilter> filters,
                           FacetCounts& counts)
    : columns_(columns), filters_(std::move(filters)), counts_(counts) {
    counts_ = FacetCounts{};
    for (std::size_t facet = 0; facet < columns_.facet_count(); ++facet) {
        counts_.by_facet.emplace_back(columns_.value_count(facet), 0);
    }
}

bool FacetCounter::passes(const ColumnFilter& filter, Xapian::docid docid) const {
    for (const auto id : columns_.values_of(filter.facet, docid)) {
        if (filter.accepted[id]) return true;
    }
    return false;
}

void FacetCounter::count(std::size_t facet, Xapian::docid docid) const {
    auto& facet_counts = counts_.by_facet[facet];
    for (const auto id : columns_.values_of(facet, docid)) ++facet_counts[id];
}

bool FacetCounter::operator()(const Xapian::Document& document) const {
    return tally(document.get_docid());
}

bool FacetCounter::tally(Xapian::docid docid) const {
    const ColumnFilter* failed = nullptr;
    for (const auto& filter : filters_) {
        if (passes(filter, docid)) continue;
        if (failed) return false;  // fails two filters: counts nowhere
        failed = &filter;
    }
    if (failed) {
        count(failed->facet, docid);
        return false;
    }
    ++counts_.total;
    for (std::size_t facet = 0; facet < counts_.by_facet.size(); ++facet) count(facet, docid);
    return true;
}

Xapian::Query candidates_query(const Xapian::Query& match,
                               const std::vector<Xapian::Query>& filters) {
    Xapian::Query relaxed;
    if (filters.size() >= 2) {
        // Passing all filters but one, for each one: (F2 ∧ F3) ∨ (F1 ∧ F3) ∨ (F1 ∧ F2).
        std::vector<Xapian::Query> all_but_one;
        for (std::size_t skipped = 0; skipped < filters.size(); ++skipped) {
            std::vector<Xapian::Query> others;
            for (std::size_t at = 0; at < filters.size(); ++at) {
                if (at != skipped) others.push_back(filters[at]);
            }
            all_but_one.emplace_back(Xapian::Query::OP_AND, others.begin(), others.end());
        }
        relaxed = Xapian::Query(Xapian::Query::OP_OR, all_but_one.begin(), all_but_one.end());
    }
    return relaxed.empty() ? match : Xapian::Query(Xapian::Query::OP_FILTER, match, relaxed);
}

}  // namespace cohesio
