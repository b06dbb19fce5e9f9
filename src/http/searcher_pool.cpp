#include "http/searcher_pool.h"

#include <xapian.h>

#include <algorithm>

#include "index/store.h"

namespace cohesio {

namespace {

constexpr std::chrono::seconds kRetryAfter{2};

// What decides whether a slot's Searcher still reads what `resolved` names: a database
// directory's path (a rebuild names another), or for a stub, its databases' resolved paths (a
// replica's stub names replica_1 instead of replica_0 after a full copy).
std::string index_identity(const std::filesystem::path& resolved) {
    return is_stub(resolved) ? stub_identity(stub_file(resolved)) : resolved.string();
}

}  // namespace

SearcherPool::SearcherPool(std::filesystem::path index_root, std::size_t searchers,
                           std::chrono::milliseconds wait, RemoteOptions timeouts)
    : root_(std::move(index_root)),
      wait_(wait),
      timeouts_(timeouts),
      lexicon_(std::make_shared<const Lexicon>(default_word_lists())),
      slots_(std::max<std::size_t>(searchers, 1)) {
    for (std::size_t slot = slots_.size(); slot > 0; --slot) free_.push_back(slot - 1);
}

SearcherPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), slot_(other.slot_) {
    other.pool_ = nullptr;
}

SearcherPool::Lease::~Lease() {
    if (pool_) pool_->give_back(slot_);
}

Searcher& SearcherPool::Lease::searcher() const { return *pool_->slots_[slot_].searcher; }

const std::string& SearcherPool::Lease::generation() const {
    return pool_->slots_[slot_].generation;
}

void SearcherPool::Lease::discard() {
    Slot& slot = pool_->slots_[slot_];
    slot.searcher.reset();
    slot.identity.clear();
    slot.generation.clear();
}

Result<SearcherPool::Lease> SearcherPool::acquire() {
    const auto slot = take_slot();
    if (!slot) {
        return Error{ErrorKind::busy, "", "every searcher is busy; retry shortly"};
    }
    Lease lease(*this, *slot);  // from here on the slot goes back whatever happens
    // Two tries: a generation can vanish between resolving `current` and opening it when two
    // rebuilds follow each other quickly; the second try sees the newer one.
    if (!refresh(slots_[*slot])) {
        if (auto again = refresh(slots_[*slot]); !again) return again.error();
    }
    return lease;
}

std::optional<std::size_t> SearcherPool::take_slot() {
    std::unique_lock lock(mutex_);
    if (!freed_.wait_for(lock, wait_, [this] { return !free_.empty(); })) return std::nullopt;
    const std::size_t slot = free_.back();
    free_.pop_back();
    return slot;
}

void SearcherPool::give_back(std::size_t slot) {
    {
        const std::lock_guard lock(mutex_);
        free_.push_back(slot);
    }
    freed_.notify_one();
}

Status SearcherPool::refresh(Slot& slot) const {
    auto resolved = resolve_index(root_);
    if (!resolved) return resolved.error();
    const std::string identity = index_identity(*resolved);
    const bool retry_missing =
        slot.searcher && !slot.searcher->missing_shards().empty() &&
        std::chrono::steady_clock::now() - slot.opened_at >= kRetryAfter;
    if (slot.searcher && slot.identity == identity && !retry_missing) {
        // The same generation, perhaps changed in place by an update: reopen() moves to its
        // latest commit and says whether there was one. The Searcher's caches (facet sets,
        // records, spellings) describe the old state, so a changed database gets a new one.
        try {
            if (!slot.searcher->database().reopen()) return ok_status();
        } catch (const Xapian::NetworkError&) {
            // A shard server went away: open afresh, which names the shard if it is still down.
            slot.searcher.reset();
        } catch (const Xapian::Error&) {
            // Unreadable now: opened afresh below, which reports what is wrong.
        }
    }
    // A new generation that cannot be opened: keep answering from the one already open (its
    // files stay readable while open), rather than failing every request, and try it again
    // after a while, not on every lease.
    const auto now = std::chrono::steady_clock::now();
    if (slot.searcher && slot.unopenable == identity && now - slot.failed_at < kRetryAfter &&
        !retry_missing)
        return ok_status();
    auto opened = Searcher::open(*resolved, lexicon_, timeouts_);
    if (!opened) {
        if (!slot.searcher) return opened.error();
        slot.unopenable = identity;
        slot.failed_at = now;
        slot.opened_at = now;  // a partial one tries its missing shards later, not at once
        return ok_status();
    }
    slot.searcher = std::move(opened).value();
    slot.identity = identity;
    slot.opened_at = std::chrono::steady_clock::now();
    slot.generation = slot.searcher->generation();
    // Indexes built before generations were recorded in their metadata.
    if (slot.generation.empty()) slot.generation = resolved->filename().string();
    return ok_status();
}

}  // namespace cohesio
