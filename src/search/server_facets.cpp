#include "search/server_facets.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include "index/document.h"
#include "search/facet_names.h"

namespace cohesio {

namespace {

// `matches` within every filter but the one on facet `except`.
Xapian::Query within_filters(const Xapian::Query& matches, const std::vector<FacetQuery>& filters,
                             std::optional<std::size_t> except) {
    std::vector<Xapian::Query> kept;
    for (const auto& filter : filters) {
        if (!except || filter.facet != *except) kept.push_back(filter.query);
    }
    if (kept.empty()) return matches;
    return Xapian::Query(Xapian::Query::OP_FILTER, matches,
                         Xapian::Query(Xapian::Query::OP_AND, kept.begin(), kept.end()));
}

// Runs `query` to its last match, counting the values of `facets` into `counts`; returns the
// number of matches (exact: every match is checked).
Xapian::doccount count_match(const Xapian::Database& db, const Xapian::Query& query,
                             const std::vector<std::size_t>& facets, const FacetValues& values,
                             FacetCounts& counts) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const std::size_t facet : facets) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(kFacets[facet].slot));
        enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet matches = enquire.get_mset(0, 0, db.get_doccount());
    for (std::size_t at = 0; at < facets.size(); ++at) {
        auto& facet_counts = counts.by_facet[facets[at]];
        for (auto value = spies[at]->values_begin(); value != spies[at]->values_end(); ++value) {
            std::vector<std::string> parts = split_list_value(*value);
            std::sort(parts.begin(), parts.end());
            parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
            for (const auto& part : parts) {
                FacetValues::ValueId id = 0;
                if (values.find(facets[at], part, id)) facet_counts[id] += value.get_termfreq();
            }
        }
    }
    return matches.get_matches_estimated();
}

}  // namespace

FacetCounts count_facets_on_servers(const Xapian::Database& db, const Xapian::Query& matches,
                                    const std::vector<FacetQuery>& filters,
                                    const FacetValues& values) {
    FacetCounts counts;
    counts.by_facet.resize(values.facet_count());
    for (std::size_t facet = 0; facet < values.facet_count(); ++facet)
        counts.by_facet[facet].assign(values.value_count(facet), 0);
    // Facets counted within every filter: those not filtered, and those whose filter narrows.
    std::vector<std::size_t> within_all;
    std::vector<std::size_t> beside_own;
    for (std::size_t facet = 0; facet < values.facet_count(); ++facet) {
        const auto filter = std::find_if(filters.begin(), filters.end(),
                                         [facet](const FacetQuery& f) { return f.facet == facet; });
        if (filter == filters.end() || filter->narrows_own_facet) {
            within_all.push_back(facet);
        } else {
            beside_own.push_back(facet);
        }
    }
    counts.total = count_match(db, within_filters(matches, filters, std::nullopt), within_all,
                               values, counts);
    for (const std::size_t facet : beside_own)
        count_match(db, within_filters(matches, filters, facet), {facet}, values, counts);
    return counts;
}

}  // namespace cohesio
