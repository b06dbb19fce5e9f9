#include "search/doc_sets.h"

namespace cohesio {

namespace {

// What an entry costs beyond its bits: the key twice (list and map) and the nodes, roughly.
constexpr std::size_t kEntryOverhead = 128;

}  // namespace

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

DocSet DocSet::at_most_one_missing(DocSet within, const std::vector<DocSet>& sets) {
    // Per bit, two running answers: "in every set so far" and "missing from at most one so far";
    // a document missing from this set stays in the second only if it was in the first.
    DocSet in_all = within;
    for (const DocSet& set : sets) {
        for (std::size_t at = 0; at < within.words_.size(); ++at) {
            within.words_[at] = (within.words_[at] & set.words_[at]) | in_all.words_[at];
            in_all.words_[at] &= set.words_[at];
        }
    }
    return within;
}

Xapian::doccount DocSet::count() const {
    Xapian::doccount total = 0;
    for (const std::uint64_t word : words_)
        total += static_cast<Xapian::doccount>(std::popcount(word));
    return total;
}

DocSets::DocSets(Xapian::Database db, std::size_t max_bytes)
    : db_(std::move(db)), last_(db_.get_lastdocid()), max_bytes_(max_bytes) {}

std::optional<DocSet> DocSets::evaluate(const Xapian::Query& query) {
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
        default:
            return std::nullopt;
    }
}

std::optional<DocSet> DocSets::combine(const Xapian::Query& query) {
    const std::size_t count = query.get_num_subqueries();
    if (count == 0) return DocSet(last_);
    std::optional<DocSet> result = evaluate(query.get_subquery(0));
    // Every operand is evaluated even once the result is empty, so that an operator Xapian
    // must handle is never skipped (it may have an error to report).
    for (std::size_t at = 1; result && at < count; ++at) {
        const std::optional<DocSet> operand = evaluate(query.get_subquery(at));
        if (!operand) return std::nullopt;
        switch (query.get_type()) {
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER:
                *result &= *operand;
                break;
            case Xapian::Query::OP_AND_NOT:  // left-associative: a minus b minus c
                result->subtract(*operand);
                break;
            default:  // OP_OR, OP_SYNONYM
                *result |= *operand;
                break;
        }
    }
    return result;
}

std::shared_ptr<const DocSet> DocSets::term(const std::string& name) {
    if (const auto found = by_term_.find(name); found != by_term_.end()) {
        recent_.splice(recent_.begin(), recent_, found->second);
        return found->second->second;
    }
    auto set = read_term(name);
    const std::size_t size = set->bytes() + 2 * name.size() + kEntryOverhead;
    if (size > max_bytes_) return set;
    while (!recent_.empty() && bytes_ + size > max_bytes_) {
        const Entry& oldest = recent_.back();
        bytes_ -= oldest.second->bytes() + 2 * oldest.first.size() + kEntryOverhead;
        by_term_.erase(oldest.first);
        recent_.pop_back();
    }
    recent_.emplace_front(name, set);
    by_term_.emplace(name, recent_.begin());
    bytes_ += size;
    return set;
}

std::shared_ptr<const DocSet> DocSets::read_term(const std::string& name) const {
    auto set = std::make_shared<DocSet>(last_);
    for (auto posting = db_.postlist_begin(name); posting != db_.postlist_end(name); ++posting) {
        set->add(*posting);
    }
    return set;
}

}  // namespace cohesio
