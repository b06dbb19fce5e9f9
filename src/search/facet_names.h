// The facets a search can filter and count by: public name, filter term prefix, value slot.
#pragma once

#include <string_view>

#include "index/schema.h"

namespace cohesio {

struct Facet {
    std::string_view name;    // as in --country, ?country=, country:AM
    std::string_view prefix;  // boolean term prefix
    Xapian::valueno slot;     // list slot holding the values
};

inline constexpr Facet kFacets[] = {
    {"country", schema::prefix::country, schema::countries},
    {"domain", schema::prefix::domain, schema::domains},
    {"category", schema::prefix::category, schema::categories},
    {"article", schema::prefix::article, schema::articles},
    {"source", schema::prefix::source, schema::sources},
    {"lang", schema::prefix::language, schema::language},
};

inline const Facet* find_facet(std::string_view name) {
    for (const auto& facet : kFacets) {
        if (facet.name == name) return &facet;
    }
    return nullptr;
}

}  // namespace cohesio
