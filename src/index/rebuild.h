// A full rebuild from a corpus directory's record files, as `cohesio index` and the admin API's
// reindex both run it.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>

#include "common/result.h"
#include "corpus/reference.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

struct RebuildReport {
    BuildSummary built;
    std::size_t files = 0;     // record files read
    std::size_t rejected = 0;  // of them, refused (each reported through `on_rejected`)
};

// Streams the records of `practices_dir` into a new generation of `root` (build_index): a bad
// record is reported through `on_rejected` as it is met and skipped; no valid record at all is
// an error that leaves the index unchanged. `shards` as for build_index.
Result<RebuildReport> rebuild_from(const std::filesystem::path& practices_dir,
                                   const Reference& reference, const std::filesystem::path& root,
                                   Normaliser& normaliser, const Vocabulary& vocabulary,
                                   const std::function<void(const Error&)>& on_rejected,
                                   const Progress& progress, std::chrono::milliseconds lock_wait,
                                   std::size_t shards = kSameShards);

}  // namespace cohesio
