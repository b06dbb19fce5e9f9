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

FacetSets read_facet_sets(const FacetValues& facet_values, DocSets& sets) {
    FacetSets value_sets(facet_values.facet_count());
    for (std::size_t facet = 0; facet < value_sets.size(); ++facet) {
        for (std::size_t id = 0; id < facet_values.value_count(facet); ++id) {
            const auto value = static_cast<FacetValues::ValueId>(id);
            value_sets[facet].push_back(sets.term(facet_values.value_term(facet, value)));
        }
    }
    return value_sets;
}

FacetCounts count_facets(const DocSet& matches, const std::vector<FacetFilter>& filters,
                         const FacetSets& value_sets) {
    FacetCounts counts;
    const DocSet all = passing_all_but(matches, filters, filters.size());
    counts.total = all.count();
    for (std::size_t facet = 0; facet < value_sets.size(); ++facet) {
        std::size_t own = 0;
        while (own < filters.size() &&
               (filters[own].facet != facet || filters[own].narrows_own_facet)) {
            ++own;
        }
        DocSet without_own;
        if (own < filters.size()) without_own = passing_all_but(matches, filters, own);
        const DocSet& base = own < filters.size() ? without_own : all;
        auto& value_counts = counts.by_facet.emplace_back();
        for (const auto& documents : value_sets[facet])
            value_counts.push_back(base.count_and(*documents));
    }
    return counts;
}

}  // namespace cohesio
