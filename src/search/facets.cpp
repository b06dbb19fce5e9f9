#include "search/facets.h"

namespace cohesio {

namespace {

// The matches that pass every filter but `skipped` (filters.size(): every filter).
DocSet passing_all_but(const DocSet& matches, const std::vector<FacetFilter>& filters,
                       std::size_t skipped) {
    DocSet set = matches;
    for (std::size_t at = 0; at < filters.size(); ++at)
        if (at != skipped) set &= filters[at].documents;
    return set;
}

}  // namespace

FacetCounts count_facets(const DocSet& matches, const std::vector<FacetFilter>& filters,
                         const FacetValues& facet_values, DocSets& sets) {
    FacetCounts counts;
    const DocSet all = passing_all_but(matches, filters, filters.size());
    counts.total = all.count();
    for (std::size_t facet = 0; facet < facet_values.facet_count(); ++facet) {
        std::size_t own = 0;
        while (own < filters.size() && filters[own].facet != facet) ++own;
        DocSet without_own;
        if (own < filters.size()) without_own = passing_all_but(matches, filters, own);
        const DocSet& base = own < filters.size() ? without_own : all;
        auto& value_counts = counts.by_facet.emplace_back(facet_values.value_count(facet), 0);
        for (std::size_t id = 0; id < value_counts.size(); ++id) {
            const auto value = static_cast<FacetValues::ValueId>(id);
            value_counts[id] = base.count_and(*sets.term(facet_values.value_term(facet, value)));
        }
    }
    return counts;
}

}  // namespace cohesio
