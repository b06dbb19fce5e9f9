#include "search/facet_values.h"

#include <limits>

#include "index/document.h"
#include "search/facet_names.h"

namespace cohesio {

namespace {

// Terms hold values lower-cased; a record's own spelling ("AM") is in the value slot of any
// practice that has the value. That practice is found by a one-document match rather than the
// term's posting list, which Xapian's remote backend would send whole.
std::string display_name(const Xapian::Database& db, const std::string& term,
                         std::string_view prefix, Xapian::valueno slot) {
    const std::string lowered = term.substr(prefix.size());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(term));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const Xapian::MSet first = enquire.get_mset(0, 1);
    if (first.empty()) return lowered;
    for (const auto& value : split_list_value(first.begin().get_document().get_value(slot))) {
        if (schema::boolean_term("", value) == lowered) return value;
    }
    return lowered;
}

}  // namespace

FacetValues::Values FacetValues::read_values(const Xapian::Database& db, std::string_view prefix,
                                             Xapian::valueno slot) {
    Values values;
    values.prefix_size = prefix.size();
    const std::string prefix_text(prefix);
    for (auto term = db.allterms_begin(prefix_text); term != db.allterms_end(prefix_text); ++term) {
        if (values.terms.size() == std::numeric_limits<ValueId>::max()) break;
        values.terms.push_back(*term);
        values.names.push_back(display_name(db, *term, prefix, slot));
    }
    return values;
}

FacetValues FacetValues::read(const Xapian::Database& db) {
    FacetValues facets;
    for (const auto& facet : kFacets) {
        facets.facets_.push_back(read_values(db, facet.prefix, facet.slot));
    }
    return facets;
}

bool FacetValues::find(std::size_t facet, std::string_view value, ValueId& id) const {
    const std::string lowered = schema::boolean_term("", value);
    const Values& values = facets_[facet];
    for (std::size_t at = 0; at < values.terms.size(); ++at) {
        if (std::string_view(values.terms[at]).substr(values.prefix_size) == lowered) {
            id = static_cast<ValueId>(at);
            return true;
        }
    }
    return false;
}

}  // namespace cohesio
