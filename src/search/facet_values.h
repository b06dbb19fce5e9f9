// The values each facet has in an index, read once per opened database from its boolean filter
// terms (XCOam, XART31, …): their display names (a record's own spelling, "AM") and their terms,
// numbered so that counts can be kept in arrays.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cohesio {

class FacetValues {
public:
    using ValueId = std::uint16_t;

    // One list per entry of kFacets (facet_names.h), in that order.
    static FacetValues read(const Xapian::Database& db);

    std::size_t facet_count() const { return facets_.size(); }
    std::size_t value_count(std::size_t facet) const { return facets_[facet].names.size(); }
    // A value as the records write it ("AM", "poverty_crisis", "31").
    const std::string& value_name(std::size_t facet, ValueId id) const {
        return facets_[facet].names[id];
    }
    // A value's boolean term, the facet's prefix included ("XCOam", "XART31"): kept whole
    // because every search looks up the documents of every value by it.
    const std::string& value_term(std::size_t facet, ValueId id) const {
        return facets_[facet].terms[id];
    }
    // The id of a filter value, matched like filter terms (case-insensitively); false if no
    // practice has it.
    bool find(std::size_t facet, std::string_view value, ValueId& id) const;

private:
    struct Values {
        std::vector<std::string> names;  // by id, in term order
        std::vector<std::string> terms;  // by id: the boolean term, prefix included
        std::size_t prefix_size = 0;
    };
    static Values read_values(const Xapian::Database& db, std::string_view prefix,
                              Xapian::valueno slot);

    std::vector<Values> facets_;
};

}  // namespace cohesio
