#include "term_stats.h"

namespace cohesio {

TermStats::TermStats(Xapian::Database db, std::size_t max_terms)
    : db_(std::move(db)), max_terms_(max_terms) {}

TermStats::Entry& TermStats::entry(const std::string& term) {
    if (auto found = entries_.find(term); found != entries_.end()) return found->second;
    if (entries_.size() >= max_terms_) entries_.clear();
    return entries_[term];
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
