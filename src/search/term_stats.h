// The collection statistics of terms, asked of the database once each for as long as a
// Searcher's database is unchanged (a changed one gets a new Searcher). Over xapian-tcpsrv each
// question is a round trip to every shard, one shard after the other, and Xapian 1.4 has no call
// that asks for many terms at once: "similar" asks about a few hundred terms for one practice,
// mostly the same common words as for the last one. So answers are kept, and the terms a caller
// is about to need can be asked of every shard at once (prefetch).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cohesio {

class TermStats {
public:
    enum class Stat { termfreq, collection_freq };

    // Forgets everything once it holds `max_terms` terms: a simple bound, as the words asked
    // about again are mostly common ones, soon asked about again.
    TermStats(Xapian::Database db, std::size_t max_terms);

    // The databases `db` combines, when they are worth asking in parallel (remote shards): each
    // is then asked from a thread of its own by prefetch, the caller waiting for all of them.
    void ask_in_parallel(std::vector<Xapian::Database> parts);

    // Asks for `stat` of those of `terms` not known yet, every part at once when there are
    // parts, so that the calls below find them; without parts it does nothing (each question is
    // then asked on its own, as cheaply). Throws what Xapian throws.
    void prefetch(const std::vector<std::string>& terms, Stat stat);

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
    std::optional<Xapian::termcount>& field(Entry& known, Stat stat);

    Xapian::Database db_;
    std::vector<Xapian::Database> parts_;
    std::size_t max_terms_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace cohesio
