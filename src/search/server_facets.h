// Exact facet counts computed by the database servers, for an index with remote shards.
//
// facets.h counts on bitsets read from posting lists, which Xapian's remote backend streams in
// small messages: two orders of magnitude slower through xapian-tcpsrv (docs/scaling.md). Here
// each match runs on the servers with Xapian's ValueCountMatchSpy, one of the match spies
// xapian-tcpsrv can run, on the facets' list slots (schema.h). It counts each document's whole
// slot value, so each counted combination ("AM␟BG") is split into its values: still exact, as
// a document adds one to its one combination. A facet filtered with OR is counted in a match of
// its own without its filter, as facets.h counts it.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <vector>

#include "search/facet_values.h"
#include "search/facets.h"

namespace cohesio {

// A filter on one facet (an index into kFacets), as a query.
struct FacetQuery {
    std::size_t facet = 0;
    Xapian::Query query;
    bool narrows_own_facet = false;  // AND-ed values: see FacetFilter
};

// The counts over the documents of `matches` with `filters`, as count_facets() gives them.
FacetCounts count_facets_on_servers(const Xapian::Database& db, const Xapian::Query& matches,
                                    const std::vector<FacetQuery>& filters,
                                    const FacetValues& values);

}  // namespace cohesio
