// Where indexes live on disk and how a rebuild replaces one atomically.
//
// An index root (default `index/`) holds generations `db-<UTC time to the microsecond>` and a
// symlink `current` naming the live one. A build writes `db-<timestamp>.building`, renames it when
// complete, then retargets `current` with rename(2), which is atomic: a reader opens either the old
// generation or the new one, never a half-built database. The previous generation stays on
// disk so readers that opened it keep working.
#pragma once

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "corpus/practice.h"
#include "index/shards.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

// The one writer of an index root: a rebuild or an update holds it for its whole duration
// (flock on `<root>/.lock`, released when the holder closes it or dies, kill -9 included).
class IndexLock {
public:
    // Waits up to `wait` for another writer to finish; then "index busy", naming the root.
    // Creates the root if need be.
    static Result<IndexLock> acquire(const std::filesystem::path& root,
                                     std::chrono::milliseconds wait);
    IndexLock(IndexLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    IndexLock& operator=(IndexLock&&) = delete;
    ~IndexLock();

private:
    explicit IndexLock(int fd) : fd_(fd) {}
    int fd_;
};

// How long a writer waits for another by default: an update behind another update, not
// behind a rebuild of a large index (minutes).
inline constexpr std::chrono::milliseconds kDefaultLockWait{10000};

// What a build writes besides the documents.
struct BuildInfo {
    std::string built_at;    // kBuiltAtKey
    std::string generation;  // kGenerationKey: the generation directory's name
    std::size_t shards = 0;  // 0: one database; N: `meta` and N shards (index/shards.h)
};

// A build's number of shards: that of the generation it replaces.
inline constexpr std::size_t kSameShards = static_cast<std::size_t>(-1);

struct BuildSummary {
    std::size_t documents = 0;
    std::filesystem::path generation;  // the directory now named by `current`
};

using Progress = std::function<void(std::size_t done, std::size_t total)>;

// The practices to index, one at a time; std::nullopt when there are no more. A stream lets a
// build of a million practices hold only the batch it is indexing.
using PracticeStream = std::function<std::optional<Practice>()>;

// Builds a new generation from the practices of `next` (enriched with `vocabulary`) and makes it
// current. `expected` is the number of practices, for progress reports only (0: unknown).
// Practices are analysed and written in shards, one thread per core (writer.h): `next` and
// `progress` are called from the calling thread only, but `normaliser` is lent to shard 0's
// thread, so `next` must not use it. Other threads get Normalisers of their own. A stream
// shorter than a batch (256) gets document ids in stream order; a longer one does not.
Result<BuildSummary> build_index(const PracticeStream& next, std::size_t expected,
                                 const std::filesystem::path& root, Normaliser& normaliser,
                                 const Vocabulary& vocabulary, const Progress& progress = {},
                                 std::chrono::milliseconds lock_wait = kDefaultLockWait);

// The same for a caller that holds the root's lock already (and read its input under it), into
// `shards` shards (0: one database; kSameShards: as many as the current generation has).
Result<BuildSummary> build_index(const IndexLock& held, const PracticeStream& next,
                                 std::size_t expected, const std::filesystem::path& root,
                                 Normaliser& normaliser, const Vocabulary& vocabulary,
                                 const Progress& progress = {}, std::size_t shards = kSameShards);

// The same over practices already in memory.
Result<BuildSummary> build_index(const std::vector<Practice>& practices,
                                 const std::filesystem::path& root, Normaliser& normaliser,
                                 const Vocabulary& vocabulary, const Progress& progress = {},
                                 std::chrono::milliseconds lock_wait = kDefaultLockWait);

// The time now as an index stores it (kBuiltAtKey, kUpdatedAtKey): ISO 8601, UTC, seconds.
std::string index_timestamp();

// Xapian's structural check of a database directory (every table's B-tree). Damage is an
// error naming the directory, never an exception; a build runs it before it swaps a
// generation in, so a bad one is never served.
Status check_database(const std::filesystem::path& directory);
// The same for every database of a generation: itself, or its `meta` and shards.
Status check_generation(const std::filesystem::path& generation);

// The database a reader should open: root/current resolved (a database directory, or a sharded
// generation's directory with its stub), or `path` itself when it is a database directory or a
// stub file (index/shards.h).
Result<std::filesystem::path> resolve_index(const std::filesystem::path& path);

// A Xapian exception met while reading an index, as a value: ErrorKind::changed when an update
// overwrote the revision being read or a remote shard failed (open afresh and read again),
// else io.
Error index_read_error(const Xapian::Error& error);

// Opens an index for reading and checks its schema version. A stub's remote shards are opened
// as `options` say.
Result<Xapian::Database> open_index(const std::filesystem::path& path,
                                    const RemoteOptions& options = {});
// The same, with the shards left out when `options.answer_without_missing` allows it.
Result<OpenedIndex> open_index_parts(const std::filesystem::path& path,
                                     const RemoteOptions& options);

}  // namespace cohesio
