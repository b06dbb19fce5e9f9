// A sharded index, on Xapian's own stub databases and remote backend (docs/scaling.md).
//
// A sharded generation (`cohesio index --shards N`) holds `meta`, a database with no documents
// that keeps the spelling and synonym tables and the metadata, then `shard-0` … `shard-(N-1)`,
// each a plain database that xapian-tcpsrv can serve, and a Xapian stub file `XAPIANDB` listing
// them (`auto meta`, `auto shard-0`, …), so `index/current` opens as one database. `meta` comes
// first because a combined database reads metadata from its first database only, and because
// over the remote backend the spelling and synonym tables are silently empty: they must stay
// local to the reader. A stub written by hand may list `remote HOST:PORT` shards instead.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace cohesio {

inline constexpr std::string_view kStubFileName = "XAPIANDB";
inline constexpr std::string_view kTablesDatabaseName = "meta";

// More shards than this is a mistake (a typo'd --shards): each costs a database, and a reader
// a connection per shard and Searcher; and a build holds a writable database per shard in each
// of its workers, a few files each.
inline constexpr std::size_t kMaxShards = 16;

// The number of shards of a generation directory: 0 when it is one database.
std::size_t shard_count(const std::filesystem::path& generation);

// "shard-3".
std::string shard_name(std::size_t shard);

// The shard a record belongs to: a hash of its id (FNV-1a, 64 bits), the same on every machine
// and in every build, so updates and deletes find the shard a build put the record in.
std::size_t shard_of(std::string_view id, std::size_t shards);

// One line of a stub file: a local database (path resolved from the stub's directory), or a
// remote one served by xapian-tcpsrv.
struct StubEntry {
    std::size_t line = 0;
    std::filesystem::path path;
    std::string host;
    unsigned port = 0;

    bool remote() const { return !host.empty(); }
    // "shard 2 (remote 10.0.0.2:7001)": for operators' messages and logs.
    std::string describe(std::size_t position) const;
};

// The stub's lines: `auto PATH` or `glass PATH`, `remote HOST:PORT`; blank lines and `#`
// comments are skipped. Anything else is an error naming the file and line.
Result<std::vector<StubEntry>> read_stub(const std::filesystem::path& stub);

// Writes `generation`/XAPIANDB listing meta and `shards` shards.
Status write_stub(const std::filesystem::path& generation, std::size_t shards);

// Whether `path` is a stub: a file, or a directory holding XAPIANDB (a sharded generation).
bool is_stub(const std::filesystem::path& path);
// The stub file itself for either form.
std::filesystem::path stub_file(const std::filesystem::path& path);

// How a reader treats remote shards. Xapian's own stub opening waits 10 s, too long for a search
// service: a shard down or stuck must become a clear error within a bound, or, when the
// operator prefers answers from the shards that are up, a flagged partial answer.
struct RemoteOptions {
    std::chrono::milliseconds io{2000};       // each exchange with a shard
    std::chrono::milliseconds connect{1000};  // connecting to it
    // A shard that cannot be opened is left out (and named) instead of failing the whole.
    bool answer_without_missing = false;
};

// An index as opened: its databases combined, and the shards left out (RemoteOptions), by
// name ("shard-1"), for answers to flag as partial.
struct OpenedIndex {
    Xapian::Database database;
    // The databases combined, in order, when it is a stub: handles on the same connections, for
    // asking several shards at once (each from one thread at a time, like any Xapian object).
    std::vector<Xapian::Database> parts;
    std::vector<std::string> missing_shards;
    bool remote = false;  // some shards are remote (xapian-tcpsrv)
};

// Opens every database of the stub and combines them, in order. Each is opened (and so probed)
// on its own first, so the error names the shard that is down rather than failing the whole.
// The first database must be local (it holds the tables), and every other must carry the same
// schema version and generation as the first, so that shards of two builds never mix.
Result<OpenedIndex> open_stub(const std::filesystem::path& stub, const RemoteOptions& options);

// What a reader compares to decide whether a stub names other databases than those it has
// open: its local paths resolved through symlinks (a swap of `current` under one changes it)
// and its remote addresses.
std::string stub_identity(const std::filesystem::path& stub);

}  // namespace cohesio
