#include "search/situation.h"

#include <algorithm>
#include <map>

namespace cohesio {

namespace {

bool too_common(Xapian::doccount frequency, Xapian::doccount practices, double max_share) {
    return static_cast<double>(frequency) > max_share * static_cast<double>(practices);
}

}  // namespace

std::vector<SituationPart> merge_readings(const std::vector<Xapian::Query>& readings) {
    std::vector<SituationPart> parts;
    // Keyed by description: the same word read alike in both languages has the same
    // description (term, position, synonyms), so it is one part read twice.
    std::map<std::string, std::size_t> index_of;
    const auto add = [&](const Xapian::Query& part) {
        const auto [at, added] = index_of.emplace(part.get_description(), parts.size());
        if (added)
            parts.push_back({part, 1, 0});
        else
            parts[at->second].readings += 1;
    };
    for (const auto& reading : readings) {
        if (reading.empty()) continue;
        if (reading.get_type() != Xapian::Query::OP_OR) {
            add(reading);
            continue;
        }
        for (std::size_t k = 0; k < reading.get_num_subqueries(); ++k) add(reading.get_subquery(k));
    }
    return parts;
}

void count_practices(const Xapian::Database& db, std::vector<SituationPart>& parts) {
    for (auto& part : parts) {
        part.frequency = 0;
        for (auto term = part.query.get_unique_terms_begin();
             term != part.query.get_unique_terms_end(); ++term) {
            part.frequency = std::max(part.frequency, db.get_termfreq(*term));
        }
    }
}

std::vector<SituationPart> most_telling(std::vector<SituationPart> parts,
                                        Xapian::doccount practices, const TellingLimits& limits) {
    std::stable_sort(parts.begin(), parts.end(),
                     [](const auto& a, const auto& b) { return a.frequency < b.frequency; });
    // The rarest part stays even if common: a situation of common words still gets an answer.
    std::size_t kept = 0;
    while (kept < parts.size() && kept < limits.max_parts &&
           (kept == 0 || !too_common(parts[kept].frequency, practices, limits.max_share))) {
        ++kept;
    }
    parts.resize(kept);
    return parts;
}

std::vector<std::string> telling_terms(const Xapian::Database& db,
                                       const std::vector<std::string>& terms,
                                       const TellingLimits& limits) {
    std::vector<std::string> kept;
    for (const auto& term : terms) {
        if (!too_common(db.get_termfreq(term), db.get_doccount(), limits.max_share))
            kept.push_back(term);
    }
    return kept;
}

Xapian::Query any_part(const std::vector<SituationPart>& parts) {
    std::vector<Xapian::Query> weighted;
    for (const auto& part : parts) {
        weighted.push_back(part.readings == 1 ? part.query
                                              : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                              part.query, part.readings));
    }
    return Xapian::Query(Xapian::Query::OP_OR, weighted.begin(), weighted.end());
}

}  // namespace cohesio
