// The set of documents a query matches, as a bitset over docids, computed from cached per-term
// bitsets instead of a Xapian match. Counting facets needs every match, but not its weight:
// AND/OR of bitsets costs microseconds where enumerating tens of thousands of weighted matches
// costs milliseconds. The ranking of a page stays with Xapian, which can then prune.
#pragma once

#include <xapian.h>

#include <bit>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cohesio {

// A set of docids in 1..last (bit d stands for docid d; bit 0 is never set).
class DocSet {
public:
    DocSet() = default;
    explicit DocSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}

    void add(Xapian::docid docid) { words_[docid / 64] |= std::uint64_t{1} << (docid % 64); }
    bool contains(Xapian::docid docid) const { return (words_[docid / 64] >> (docid % 64)) & 1U; }
    DocSet& operator&=(const DocSet& other);
    DocSet& operator|=(const DocSet& other);
    DocSet& subtract(const DocSet& other);

    Xapian::doccount count() const;
    // The size of this set ∩ `other`, without making it.
    Xapian::doccount count_and(const DocSet& other) const;
    std::size_t bytes() const { return words_.size() * sizeof(std::uint64_t); }

    // Calls `visit(docid)` for each docid in the set, in increasing order.
    template <typename Visit>
    void for_each(Visit&& visit) const {
        for (std::size_t at = 0; at < words_.size(); ++at) {
            for (std::uint64_t word = words_[at]; word != 0; word &= word - 1) {
                visit(static_cast<Xapian::docid>(at * 64 +
                                                 static_cast<std::size_t>(std::countr_zero(word))));
            }
        }
    }

private:
    std::vector<std::uint64_t> words_;
};

// The documents of each term, read from its posting list on first use and kept, least recently
// used first out, within a byte budget. The cache is never invalidated: it is tied to the
// Database it was given, which a Searcher never reopens (a rebuilt index is a new generation
// directory, which SearcherPool opens with a new Searcher), so a term's postings cannot change.
class DocSets {
public:
    DocSets(Xapian::Database db, std::size_t max_bytes);

    // The documents `query` matches. AND, OR and the like are done on bitsets; any other
    // operator (a phrase, NEAR, a wildcard, a value range, ...) is matched by Xapian, without
    // weights, and its set cached like a term's: a phrase's positions are checked once, and
    // paging, sorting or filtering the same query later costs only bitset operations.
    DocSet evaluate(const Xapian::Query& query);

    // The documents of one term (cached).
    std::shared_ptr<const DocSet> term(const std::string& name);

    Xapian::docid last_docid() const { return last_; }
    std::size_t cached_bytes() const { return bytes_; }

private:
    using Entry = std::pair<std::string, std::shared_ptr<const DocSet>>;

    std::shared_ptr<const DocSet> cached(const std::string& key,
                                         const std::function<DocSet()>& read);
    DocSet read_term(const std::string& name) const;
    DocSet read_match(const Xapian::Query& query);
    DocSet read_match_set(const Xapian::Query& query) const;
    DocSet combine(const Xapian::Query& query);

    Xapian::Database db_;
    Xapian::docid last_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    bool remote_ = false;      // a shard is remote: Xapian runs no MatchDecider there
    std::list<Entry> recent_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_term_;
};

}  // namespace cohesio
