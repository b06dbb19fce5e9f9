// Writes a build's documents: one worker thread per core, each analysing and writing its own
// databases, merged by compaction at the end into one database or into shards (index/shards.h;
// store.cpp handles generations and the swap).
#pragma once

#include <filesystem>
#include <string>

#include "common/result.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

// Writes the practices of `next` (enriched with `vocabulary`), the thesaurus' synonyms and the
// metadata (`info`) into a new compacted database at `building`, or, when `info.shards` > 0, into
// the sharded layout of index/shards.h there, through workers' databases under `unmerged`.
// Returns the number of records read. Throws Xapian::Error or std::exception (from any thread,
// once all are joined); the caller then removes `unmerged` and `building`. `normaliser` is lent
// to worker 0's thread; the other workers get Normalisers of their own.
Result<std::size_t> write_index(const PracticeStream& next, std::size_t expected,
                                const std::filesystem::path& unmerged,
                                const std::filesystem::path& building, Normaliser& normaliser,
                                const Vocabulary& vocabulary, const BuildInfo& info,
                                const Progress& progress);

}  // namespace cohesio
