// The collection statistics of terms, asked of the database once each for as long as a
// Searcher's database is unchanged (a changed one gets a new Searcher). Over xapian-tcpsrv each
// question is a round trip to every shard, and Xapian 1.4 has no call that asks for many terms
// at once: "similar" asks about a few hundred terms for one practice, mostly the same common
// words as for the last one.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>

namespace cohesio {

class TermStats {
public:
    // Forgets everything once it holds `max_terms` terms: a simple bound, as the words asked
    // about again are mostly common ones, soon asked about again.
    TermStats(Xapian::Database db, std::size_t max_terms);

    // How many documents hold `term`; throws what Xapian throws.
    Xapian::doccount termfreq(const std::string& term);
    // How many times the documents hold `term`, all told; throws what Xapian throws.
    Xapian::termcount collection_freq(const std::string& term);

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::optional<Xapian::doccount> termfreq;
        std::optional<Xapian::termcount> collection_freq;
    };
    Entry& entry(const std::string& term);

    Xapian::Database db_;
    std::size_t max_terms_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace cohesio
