// The data of one corpus size in build/bench-data/<size>/: Cohesio's index built through the
// real path (build_index over a stream) in a child process, so its peak RSS is the indexer's
// own; the FTS5 database; the plain comparison index; compacted copies. Reused when present
// and drawn by the same generator version from the same learned model.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "generator.h"

namespace cohesio::bench {

struct DataFigures {
    std::size_t practices = 0;
    double index_seconds = 0;  // Cohesio build_index, in the child
    long peak_rss_kib = 0;     // the child's ru_maxrss
    double fts5_seconds = 0, plain_seconds = 0;
    std::uintmax_t index_bytes = 0, compact_bytes = 0, plain_compact_bytes = 0, fts5_bytes = 0;
    std::string built_at;  // when these were measured
    bool reused = false;   // read back from an earlier run
    // Built as this many shards, the single database then merged from them (--single-from-shards).
    std::size_t built_as_shards = 0;
    double merge_seconds = 0;
};

struct DataPaths {
    std::filesystem::path dir;
    std::filesystem::path index() const { return dir / "index"; }
    std::filesystem::path fts5() const { return dir / "fts5.db"; }
    std::filesystem::path stamp() const { return dir / "stamp.json"; }
    std::filesystem::path shards(std::size_t n) const {
        return dir / ("shards-" + std::to_string(n));
    }
};

struct PrepareOptions {
    bool plain = true;  // the plain TermGenerator index (over an hour at a million)
    bool fts5 = true;   // the FTS5 database
    // When not 0: one build as that many shards, and the single database merged from them by
    // compaction (the same documents and terms), instead of two builds of hours at a million.
    std::size_t shards_first = 0;
};

// Builds (or reuses) the data for `generator`'s size under `paths.dir`.
Result<DataFigures> prepare_data(const Generator& generator, const DataPaths& paths,
                                 const std::filesystem::path& corpus,
                                 const PrepareOptions& options);

// Refuses a size the free disk under `root` cannot hold (about 30 KB per practice).
Status check_disk(const std::filesystem::path& root, std::size_t size);

// The `index` sub-mode run in the child: builds Cohesio's index for `size` practices into
// `root` (as `shards` shards when not 0) and prints "indexed <n> <seconds>". Returns the exit
// code.
int run_index_child(std::size_t size, const std::filesystem::path& corpus,
                    const std::filesystem::path& root, std::size_t shards);

}  // namespace cohesio::bench
