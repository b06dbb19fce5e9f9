#include "search/facets.h"

#include "index/document.h"

namespace cohesio {

void FacetSpy::operator()(const Xapian::Document& document, double) {
    for (Xapian::valueno slot : slots_) {
        auto& slot_counts = counts_[slot];
        for (const auto& value : split_list_value(document.get_value(slot))) ++slot_counts[value];
    }
}

const std::map<std::string, Xapian::doccount>& FacetSpy::counts(Xapian::valueno slot) const {
    static const std::map<std::string, Xapian::doccount> kNone;
    const auto it = counts_.find(slot);
    return it == counts_.end() ? kNone : it->second;
}

}  // namespace cohesio
