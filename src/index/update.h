// Live updates: practices added, replaced or deleted in the current generation, in place,
// without a rebuild. One commit per update, so readers see all of it or none (the service
// reopens on its next request); one writer at a time (IndexLock, shared with rebuilds).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "corpus/practice.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

struct UpdateSummary {
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t deleted = 0;
    std::filesystem::path generation;  // the generation changed in place
};

// Adds or replaces (by id) every practice of `upserts` (enriched with `vocabulary`) and deletes
// every id of `deletions`, in the generation `root` serves, in one commit. Nothing changes
// unless all of it can: an id to delete that is not indexed is an error before any write, and
// a failure (or kill -9) before the commit leaves the index as it was. Spelling frequencies
// follow the documents.
Result<UpdateSummary> update_index(const std::filesystem::path& root,
                                   const std::vector<Practice>& upserts,
                                   const std::vector<std::string>& deletions,
                                   Normaliser& normaliser, const Vocabulary& vocabulary,
                                   std::chrono::milliseconds lock_wait = kDefaultLockWait);

// The same for a caller that holds the root's lock already (the admin API writes the record
// file and the index under one lock, so a rebuild never reads one without the other).
Result<UpdateSummary> update_index(const IndexLock& held, const std::filesystem::path& root,
                                   const std::vector<Practice>& upserts,
                                   const std::vector<std::string>& deletions,
                                   Normaliser& normaliser, const Vocabulary& vocabulary);

}  // namespace cohesio
