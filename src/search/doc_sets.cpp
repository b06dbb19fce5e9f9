#include "search/doc_sets.h"

namespace cohesio {

namespace {

// What an entry costs beyond its bits: the key twice (list and map) and the nodes, roughly.
constexpr std::size_t kEntryOverhead = 128;

// Collects every candidate of a match and keeps none in the MSet.
class Collector : public Xapian::MatchDecider {
public:
    explicit Collector(DocSet& set) : set_(set) {}
    bool operator()(const Xapian::Document& document) const override {
        set_.add(document.get_docid());
        return false;
    }

private:
    DocSet& set_;
};

}  // namespace

// std::popcount compiles to a call into libgcc for the baseline x86-64 this is built for, and the
// facet counts are a few hundred popcounts over every word of a set: where the CPU has POPCNT
// (every x86-64 since 2008), a clone using it is chosen when the program is loaded. GCC only:
// clang 14 emits no symbol for target_clones member functions (the fuzz build failed to link).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define COHESIO_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define COHESIO_POPCNT_CLONES
#endif

DocSet& DocSet::operator&=(const DocSet& other) {
    for (std::size_t at = 0; at < words_.size(); ++at) words_[at] &= other.words_[at];
    return *this;
}

DocSet& DocSet::operator|=(const DocSet& other) {
    for (std::size_t at = 0; at < words_.size(); ++at) words_[at] |= other.words_[at];
    return *this;
}

DocSet& DocSet::subtract(const DocSet& other) {
    for (std::size_t at = 0; at < words_.size(); ++at) words_[at] &= ~other.words_[at];
    return *this;
}

COHESIO_POPCNT_CLONES Xapian::doccount DocSet::count() const {
    Xapian::doccount total = 0;
    for (const std::uint64_t word : words_)
        total += static_cast<Xapian::doccount>(std::popcount(word));
    return total;
}

COHESIO_POPCNT_CLONES Xapian::doccount DocSet::count_and(const DocSet& other) const {
    Xapian::doccount total = 0;
    for (std::size_t at = 0; at < words_.size(); ++at)
        total += static_cast<Xapian::doccount>(std::popcount(words_[at] & other.words_[at]));
    return total;
}

DocSets::DocSets(Xapian::Database db, std::size_t max_bytes)
    : db_(std::move(db)), last_(db_.get_lastdocid()), max_bytes_(max_bytes) {}

DocSet DocSets::evaluate(const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return DocSet(last_);
        case Xapian::Query::LEAF_MATCH_ALL:
            return *term("");  // the empty term's posting list is every document
        case Xapian::Query::LEAF_TERM:
            return *term(*query.get_terms_begin());
        case Xapian::Query::OP_SCALE_WEIGHT:
        case Xapian::Query::OP_AND_MAYBE:  // the right side only adds weight
            return evaluate(query.get_subquery(0));
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_AND_NOT:
            return combine(query);
        default: {
            // Terms never start with a NUL byte, so these keys cannot collide with a term's.
            std::string key(1, '\0');
            key += query.serialise();
            return *cached(key, [&]() { return read_match(query); });
        }
    }
}

DocSet DocSets::combine(const Xapian::Query& query) {
    const std::size_t count = query.get_num_subqueries();
    if (count == 0) return DocSet(last_);
    DocSet result = evaluate(query.get_subquery(0));
    for (std::size_t at = 1; at < count; ++at) {
        const DocSet operand = evaluate(query.get_subquery(at));
        switch (query.get_type()) {
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER:
                result &= operand;
                break;
            case Xapian::Query::OP_AND_NOT:  // left-associative: a minus b minus c
                result.subtract(operand);
                break;
            default:  // OP_OR, OP_SYNONYM
                result |= operand;
                break;
        }
    }
    return result;
}

std::shared_ptr<const DocSet> DocSets::term(const std::string& name) {
    return cached(name, [&]() { return read_term(name); });
}

std::shared_ptr<const DocSet> DocSets::cached(const std::string& key,
                                              const std::function<DocSet()>& read) {
    if (const auto found = by_term_.find(key); found != by_term_.end()) {
        recent_.splice(recent_.begin(), recent_, found->second);
        return found->second->second;
    }
    auto set = std::make_shared<const DocSet>(read());
    const std::size_t size = set->bytes() + 2 * key.size() + kEntryOverhead;
    if (size > max_bytes_) return set;
    while (!recent_.empty() && bytes_ + size > max_bytes_) {
        const Entry& oldest = recent_.back();
        bytes_ -= oldest.second->bytes() + 2 * oldest.first.size() + kEntryOverhead;
        by_term_.erase(oldest.first);
        recent_.pop_back();
    }
    recent_.emplace_front(key, set);
    by_term_.emplace(key, recent_.begin());
    bytes_ += size;
    return set;
}

DocSet DocSets::read_term(const std::string& name) const {
    DocSet set(last_);
    for (auto posting = db_.postlist_begin(name); posting != db_.postlist_end(name); ++posting) {
        set.add(*posting);
    }
    return set;
}

DocSet DocSets::read_match(const Xapian::Query& query) {
    if (remote_) return read_match_set(query);
    DocSet set(last_);
    const Collector collector(set);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    try {
        enquire.get_mset(0, 0, db_.get_doccount(), nullptr, &collector);
    } catch (const Xapian::UnimplementedError&) {
        // The remote backend refuses a MatchDecider: ask for the matches themselves instead.
        remote_ = true;
        return read_match_set(query);
    }
    return set;
}

DocSet DocSets::read_match_set(const Xapian::Query& query) const {
    DocSet set(last_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet matches = enquire.get_mset(0, db_.get_doccount());
    for (auto match = matches.begin(); match != matches.end(); ++match) set.add(*match);
    return set;
}

}  // namespace cohesio
