// Exact facet counts, disjunctive for filtered facets, from bitsets of documents.
//
// Each facet is counted with every filter but its own, so a client can offer the other values of
// a facet it already filters on: a value's count is the size of its own term's documents ∩ the
// matches that pass every filter but its facet's (or every filter, when the facet's values are
// AND-ed: see FacetFilter::narrows_own_facet). A few hundred AND-and-popcounts over bitsets,
// whatever the number of matches (a per-document count grows with them).
#pragma once

#include <xapian.h>

#include <memory>
#include <vector>

#include "search/doc_sets.h"
#include "search/facet_values.h"

namespace cohesio {

struct FacetCounts {
    Xapian::doccount total = 0;  // practices that pass every filter
    // By facet (index into kFacets), then by FacetValues::ValueId.
    std::vector<std::vector<Xapian::doccount>> by_facet;
};

// A filter on one facet (an index into kFacets): the documents it accepts (the OR of its
// values' terms, or their AND).
struct FacetFilter {
    std::size_t facet = 0;
    DocSet documents;
    // AND-ed values: choosing one more value narrows the matches instead of widening them, so
    // the facet's own values are counted within this filter (a value's count is what adding
    // it would leave), not beside it.
    bool narrows_own_facet = false;
};

// The documents of each facet value, by facet (index into kFacets), then by
// FacetValues::ValueId: read once per Searcher, since every search counts every value.
using FacetSets = std::vector<std::vector<std::shared_ptr<const DocSet>>>;
FacetSets read_facet_sets(const FacetValues& facet_values, DocSets& sets);

// The counts over `matches` (the documents of the query's words) with `filters`.
FacetCounts count_facets(const DocSet& matches, const std::vector<FacetFilter>& filters,
                         const FacetSets& value_sets);

}  // namespace cohesio
