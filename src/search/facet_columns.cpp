#include "search/facet_columns.h"

#include <limits>

#include "index/document.h"
#include "search/facet_names.h"

namespace cohesio {

namespace {

// Terms hold values lower-cased; a record's own spelling ("AM") is in the value slot of any
// practice that has the value.
std::string display_name(const Xapian::Database& db, const std::string& term,
                         std::string_view prefix, Xapian::valueno slot) {
    const std::string lowered = term.substr(prefix.size());
    const auto first = db.postlist_begin(term);
    if (first == db.postlist_end(term)) return lowered;
    for (const auto& value : split_list_value(db.get_document(*first).get_value(slot))) {
        if (schema::boolean_term("", value) == lowered) return value;
    }
    return lowered;
}

}  // namespace

FacetColumns::Column FacetColumns::read_column(const Xapian::Database& db, std::string_view prefix,
                                               Xapian::valueno slot) {
    Column column;
    const std::string prefix_text(prefix);
    for (auto term = db.allterms_begin(prefix_text); term != db.allterms_end(prefix_text); ++term) {
        if (column.terms.size() == std::numeric_limits<ValueId>::max()) break;
        column.terms.push_back((*term).substr(prefix.size()));
        column.names.push_back(display_name(db, *term, prefix, slot));
    }
    // Two passes over the postings: count each document's values, then place them.
    const std::size_t rows = std::size_t{db.get_lastdocid()} + 1;
    std::vector<std::uint32_t> counts(rows + 1, 0);
    for (const auto& value : column.terms) {
        const std::string term = prefix_text + value;
        for (auto doc = db.postlist_begin(term); doc != db.postlist_end(term); ++doc)
            ++counts[*doc];
    }
    column.offsets.assign(rows + 1, 0);
    for (std::size_t row = 0; row < rows; ++row) {
        column.offsets[row + 1] = column.offsets[row] + counts[row];
    }
    column.ids.resize(column.offsets[rows]);
    std::vector<std::uint32_t> filled(column.offsets.begin(), column.offsets.end() - 1);
    for (std::size_t id = 0; id < column.terms.size(); ++id) {
        const std::string term = prefix_text + column.terms[id];
        for (auto doc = db.postlist_begin(term); doc != db.postlist_end(term); ++doc) {
            column.ids[filled[*doc]++] = static_cast<ValueId>(id);
        }
    }
    return column;
}

FacetColumns FacetColumns::read(const Xapian::Database& db) {
    FacetColumns facets;
    for (const auto& facet : kFacets) {
        facets.columns_.push_back(read_column(db, facet.prefix, facet.slot));
    }
    return facets;
}

std::span<const FacetColumns::ValueId> FacetColumns::values_of(std::size_t facet,
                                                               Xapian::docid docid) const {
    const Column& column = columns_[facet];
    if (docid + std::size_t{1} >= column.offsets.size()) return {};
    const std::uint32_t begin = column.offsets[docid];
    return {column.ids.data() + begin, column.offsets[docid + 1] - begin};
}

const std::string& FacetColumns::value_name(std::size_t facet, ValueId id) const {
    return columns_[facet].names[id];
}

bool FacetColumns::find(std::size_t facet, std::string_view value, ValueId& id) const {
    const std::string lowered = schema::boolean_term("", value);
    const auto& terms = columns_[facet].terms;
    for (std::size_t at = 0; at < terms.size(); ++at) {
        if (terms[at] == lowered) {
            id = static_cast<ValueId>(at);
            return true;
        }
    }
    return false;
}

}  // namespace cohesio
