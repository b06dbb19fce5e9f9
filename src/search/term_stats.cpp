#include "term_stats.h"

#include <future>
#include <set>

namespace cohesio {

namespace {

// `stat` of each of `terms` in one database, in order: one round trip each when it is remote.
std::vector<Xapian::termcount> ask(const Xapian::Database& db,
                                   const std::vector<std::string>& terms, TermStats::Stat stat) {
    std::vector<Xapian::termcount> counts;
    counts.reserve(terms.size());
    for (const auto& term : terms) {
        counts.push_back(stat == TermStats::Stat::termfreq ? db.get_termfreq(term)
                                                           : db.get_collection_freq(term));
    }
    return counts;
}

}  // namespace

TermStats::TermStats(Xapian::Database db, std::size_t max_terms)
    : db_(std::move(db)), max_terms_(max_terms) {}

void TermStats::ask_in_parallel(std::vector<Xapian::Database> parts) { parts_ = std::move(parts); }

TermStats::Entry& TermStats::entry(const std::string& term) {
    if (auto found = entries_.find(term); found != entries_.end()) return found->second;
    if (entries_.size() >= max_terms_) entries_.clear();
    return entries_[term];
}

std::optional<Xapian::termcount>& TermStats::field(Entry& known, Stat stat) {
    return stat == Stat::termfreq ? known.termfreq : known.collection_freq;
}

void TermStats::prefetch(const std::vector<std::string>& terms, Stat stat) {
    if (parts_.size() < 2) return;
    std::vector<std::string> unknown;
    std::set<std::string> seen;
    for (const auto& term : terms) {
        const auto found = entries_.find(term);
        const bool known = found != entries_.end() && field(found->second, stat).has_value();
        if (!known && seen.insert(term).second) unknown.push_back(term);
    }
    if (unknown.empty()) return;
    if (entries_.size() + unknown.size() > max_terms_) entries_.clear();
    // Each part from its own thread: a shard's connection is used by one thread at a time, and
    // the futures are all waited for (their destructors wait too, should one throw).
    std::vector<std::future<std::vector<Xapian::termcount>>> asking;
    for (const auto& part : parts_) {
        asking.push_back(
            std::async(std::launch::async | std::launch::deferred,
                       [&part, &unknown, stat]() { return ask(part, unknown, stat); }));
    }
    std::vector<Xapian::termcount> totals(unknown.size(), 0);
    for (auto& answer : asking) {
        const auto counts = answer.get();
        for (std::size_t at = 0; at < counts.size(); ++at) totals[at] += counts[at];
    }
    for (std::size_t at = 0; at < unknown.size(); ++at)
        field(entries_[unknown[at]], stat) = totals[at];
}

Xapian::doccount TermStats::termfreq(const std::string& term) {
    Entry& known = entry(term);
    if (!known.termfreq) known.termfreq = db_.get_termfreq(term);
    return *known.termfreq;
}

Xapian::termcount TermStats::collection_freq(const std::string& term) {
    Entry& known = entry(term);
    if (!known.collection_freq) known.collection_freq = db_.get_collection_freq(term);
    return *known.collection_freq;
}

}  // namespace cohesio
