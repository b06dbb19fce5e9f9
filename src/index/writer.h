// Writes a build's documents: one shard database per core, each analysed and written by its own
// thread, merged by compaction at the end (store.cpp handles generations and the swap).
#pragma once

#include <filesystem>
#include <string>

#include "common/result.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

// Writes the practices of `next` (enriched with `vocabulary`), the thesaurus' synonyms and the
// metadata (`built_at` the build's time) into a new compacted database at `building`, through shard
// databases under `unmerged`. Returns the number of records read. Throws Xapian::Error or
// std::exception (from any thread, once all are joined); the caller then removes `unmerged` and
// `building`. `normaliser` is lent to shard 0's thread; the other shards get Normalisers of their
// own.
Result<std::size_t> write_index(const PracticeStream& next, std::size_t expected,
                                const std::filesystem::path& unmerged,
                                const std::filesystem::path& building, Normaliser& normaliser,
                                const Vocabulary& vocabulary, const std::string& built_at,
                                const Progress& progress);

}  // namespace cohesio
