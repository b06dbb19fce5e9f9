// One Searcher per worker thread (Xapian and ICU objects are not thread-safe), each reopened
// when the index root's `current` link names another generation.
//
// Why not Database::reopen(): after `current` is retargeted, reopen() on the old handle can
// mix the two generations (new document count, old postings) without raising
// DatabaseModifiedError. So the pool compares the generation directory each request resolves
// to and opens a fresh Searcher when it changed. The build keeps the previous generation on
// disk, and a generation deleted later stays readable through its open files.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "search/searcher.h"

namespace cohesio {

class SearcherPool {
public:
    explicit SearcherPool(std::filesystem::path index_root) : root_(std::move(index_root)) {}

    struct Lease {
        Searcher& searcher;
        const std::filesystem::path& generation;  // the database directory it reads
    };

    // The calling thread's Searcher on the current generation.
    Result<Lease> acquire();

    const std::filesystem::path& root() const { return root_; }

private:
    Result<Lease> try_acquire();

    struct Slot {
        std::filesystem::path generation;
        std::unique_ptr<Searcher> searcher;
    };
    std::filesystem::path root_;
    std::mutex mutex_;  // guards slots_ (the map), not the Searchers: each is one thread's
    std::map<std::thread::id, std::unique_ptr<Slot>> slots_;
};

}  // namespace cohesio
