#include "http/searcher_pool.h"

#include "index/store.h"

namespace cohesio {

Result<SearcherPool::Lease> SearcherPool::acquire() {
    // Two tries: a generation can vanish between resolving `current` and opening it when two
    // rebuilds follow each other quickly; the second try sees the newer one.
    auto lease = try_acquire();
    return lease ? lease : try_acquire();
}

Result<SearcherPool::Lease> SearcherPool::try_acquire() {
    auto generation = resolve_index(root_);
    if (!generation) return generation.error();
    Slot* slot = nullptr;
    {
        const std::lock_guard lock(mutex_);
        auto& owned = slots_[std::this_thread::get_id()];
        if (!owned) owned = std::make_unique<Slot>();
        slot = owned.get();
    }
    if (!slot->searcher || slot->generation != *generation) {
        auto opened = Searcher::open(*generation);
        if (!opened) return opened.error();
        slot->searcher = std::move(opened).value();
        slot->generation = *generation;
    }
    return Lease{*slot->searcher, slot->generation};
}

}  // namespace cohesio
