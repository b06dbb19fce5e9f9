// Every practice's facet values as small integers, read once per opened database from the
// posting lists of the boolean filter terms (XCOam, XART31, …). Counting a match then costs a
// few array reads per practice instead of reading, splitting and comparing value-slot strings.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cohesio {

class FacetColumns {
public:
    using ValueId = std::uint16_t;

    // One column per entry of kFacets (facet_names.h), in that order.
    static FacetColumns read(const Xapian::Database& db);

    std::size_t facet_count() const { return columns_.size(); }
    // The values of `facet` that `docid` has; empty for a docid the database did not have.
    std::span<const ValueId> values_of(std::size_t facet, Xapian::docid docid) const;
    // A value as the records write it ("AM", "poverty_crisis", "31").
    const std::string& value_name(std::size_t facet, ValueId id) const;
    std::size_t value_count(std::size_t facet) const { return columns_[facet].names.size(); }
    // The id of a filter value, matched like filter terms (case-insensitively); false if no
    // practice has it.
    bool find(std::size_t facet, std::string_view value, ValueId& id) const;

private:
    // Compressed rows: the values of docid d are ids[offsets[d] .. offsets[d + 1]).
    struct Column {
        std::vector<std::string> names;  // by id, in term order
        std::vector<std::string> terms;  // by id: the boolean term without its prefix
        std::vector<std::uint32_t> offsets;
        std::vector<ValueId> ids;
    };
    static Column read_column(const Xapian::Database& db, std::string_view prefix,
                              Xapian::valueno slot);

    std::vector<Column> columns_;
};

}  // namespace cohesio
