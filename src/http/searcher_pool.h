// A fixed number of Searchers shared by all connection threads (Xapian and ICU objects are not
// thread-safe, so a Searcher is used by one request at a time). Connection threads are cheap
// and many, so that idle keep-alive and slow clients cannot starve the others; Searchers hold
// the engine's memory and CPU, so there are about as many as cores. A request leases one for
// its duration; when none frees up within the bounded wait the answer is ErrorKind::busy
// (503 with Retry-After) rather than an ever-growing queue.
//
// Each Searcher is reopened when the index root's `current` link names another generation.
// Why not Database::reopen(): after `current` is retargeted, reopen() on the old handle can
// mix the two generations (new document count, old postings) without raising
// DatabaseModifiedError. So the pool compares the generation directory each lease resolves to
// and opens a fresh Searcher when it changed. The build keeps the previous generation on
// disk, and a generation deleted later stays readable through its open files.
//
// A stub file listing shards (index/shards.h) names no generation directory: the pool compares
// its local databases resolved through symlinks instead, and a shard server that fails is met
// as a NetworkError, after which the slot opens afresh (and so probes every shard again) on its
// next lease rather than keeping a Searcher whose connection is gone.
//
// A Searcher opened without some shards (RemoteOptions::answer_without_missing) tries them
// again on a lease every kRetryAfter, so answers are whole again soon after they are back,
// without probing a dead shard on every request; a newer generation that failed to open (a
// shard of it down, or `meta` replicated before its shards) is tried again as often.
//
// Within one generation, an update (`cohesio index --update`) commits in place: each lease
// calls Database::reopen() (a read of the version file) and gives the slot a fresh Searcher
// when it moved to a new commit. A search that meets a revision overwritten under it gets
// Xapian::DatabaseModifiedError; dispatch() then retries it once on a reopened Searcher.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "search/searcher.h"

namespace cohesio {

class SearcherPool {
public:
    // `searchers` ≥ 1 Searchers, opened lazily; `wait`: how long acquire() waits for one;
    // `timeouts`: for a stub's remote shards.
    SearcherPool(std::filesystem::path index_root, std::size_t searchers,
                 std::chrono::milliseconds wait, RemoteOptions timeouts = {});
    SearcherPool(const SearcherPool&) = delete;
    SearcherPool& operator=(const SearcherPool&) = delete;

    // One Searcher, on the current generation, owned until the lease is destroyed.
    class Lease {
    public:
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Searcher& searcher() const;
        // The name of the generation it reads (its build's directory name).
        const std::string& generation() const;
        // The Searcher met damage: it is closed, and the next lease of its slot reopens it.
        void discard();

    private:
        friend class SearcherPool;
        Lease(SearcherPool& pool, std::size_t slot) : pool_(&pool), slot_(slot) {}
        SearcherPool* pool_;  // null once moved from
        std::size_t slot_;
    };

    Result<Lease> acquire();

    const std::filesystem::path& root() const { return root_; }
    const Lexicon& lexicon() const { return *lexicon_; }
    std::size_t size() const { return slots_.size(); }

private:
    struct Slot {
        std::string identity;  // what the Searcher opened: see index_identity()
        std::string generation;
        std::unique_ptr<Searcher> searcher;
        std::string unopenable;  // a newer generation that failed: retried after a while
        std::chrono::steady_clock::time_point opened_at;
        std::chrono::steady_clock::time_point failed_at;  // when `unopenable` last failed
    };
    std::optional<std::size_t> take_slot();
    void give_back(std::size_t slot);
    Status refresh(Slot& slot) const;

    std::filesystem::path root_;
    std::chrono::milliseconds wait_;
    RemoteOptions timeouts_;
    // The real words spelling correction leaves alone: one copy for every Searcher.
    std::shared_ptr<const Lexicon> lexicon_;
    // A Slot belongs to whoever holds its lease; the mutex guards only the free list.
    std::vector<Slot> slots_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::size_t> free_;  // used as a stack: the most recently warm Searcher first
};

}  // namespace cohesio
