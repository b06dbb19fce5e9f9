// Exact facet counts, disjunctive for filtered facets, in the same pass that ranks the page.
//
// Each facet is counted with every filter but its own, so a client can offer the other values of
// a facet it already filters on. The match the counter decides on must therefore hold every
// practice that fails at most one filter (candidates_query() builds it): a practice that passes
// every filter counts for every facet and for the total, and is accepted into the ranking; one
// that fails a single filter counts only for that filter's facet and is refused. The caller must
// make the match examine every document (check_at_least = doccount).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search/facet_columns.h"

namespace cohesio {

// A filter on one facet (an index into kFacets): the values it accepts, OR-ed.
struct ColumnFilter {
    std::size_t facet = 0;
    std::vector<bool> accepted;  // by FacetColumns::ValueId
};

struct FacetCounts {
    Xapian::doccount total = 0;  // practices that pass every filter
    // By facet (index into kFacets), then by FacetColumns::ValueId.
    std::vector<std::vector<Xapian::doccount>> by_facet;
};

// A MatchDecider rather than a MatchSpy: it sees every candidate, counts it, and tells Xapian
// whether it belongs to the ranked results (passes every filter). Candidates found without
// Xapian's match (as bitsets) are counted one docid at a time with tally().
class FacetCounter : public Xapian::MatchDecider {
public:
    // Counts into `counts`, which must outlive the match.
    FacetCounter(const FacetColumns& columns, std::vector<ColumnFilter> filters,
                 FacetCounts& counts);

    bool operator()(const Xapian::Document& document) const override;
    // Counts a candidate where it belongs; true if it passes every filter.
    bool tally(Xapian::docid docid) const;

private:
    bool passes(const ColumnFilter& filter, Xapian::docid docid) const;
    void count(std::size_t facet, Xapian::docid docid) const;

    const FacetColumns& columns_;
    std::vector<ColumnFilter> filters_;
    FacetCounts& counts_;
};

// The documents a FacetCounter must see: those of `match` that fail at most one of `filters`
// (each the OR of its values' terms). Weighted by `match` alone, as the ranking is: the filters
// are boolean.
Xapian::Query candidates_query(const Xapian::Query& match,
                               const std::vector<Xapian::Query>& filters);

}  // namespace cohesio
