#include "index/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <thread>

#include "index/schema.h"
#include "index/shards.h"
#include "index/writer.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCurrentLink = "current";
constexpr std::string_view kGenerationPrefix = "db-";
constexpr std::string_view kBuildingSuffix = ".building";
// The database as written, before it is compacted into the `.building` one.
constexpr std::string_view kUnmergedSuffix = ".unmerged";

std::string utc_now(const char* format) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &utc);
    return buffer;
}

// Generation names must never come back: a reader compares the generation it has open with
// the one `current` names, so a reused name (a pruned generation's) would hide a swap. Hence
// microseconds in the name, and a suffix if even that collides.
fs::path unique_generation(const fs::path& root) {
    const auto now = std::chrono::system_clock::now();
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
        1000000;
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, "%06lld", static_cast<long long>(micros));
    const std::string stamp = utc_now("%Y%m%dT%H%M%S") + "." + fraction + "Z";
    std::error_code ec;
    for (int attempt = 0;; ++attempt) {
        std::string name = std::string(kGenerationPrefix) + stamp;
        if (attempt) name.append("-").append(std::to_string(attempt));
        fs::path candidate = root / name;
        if (!fs::exists(candidate, ec) &&
            !fs::exists(candidate.string() + std::string(kBuildingSuffix), ec)) {
            return candidate;
        }
    }
}

// Keeps `current` and `previous`; removes older generations and abandoned builds.
void prune_generations(const fs::path& root, const fs::path& current, const fs::path& previous) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        const std::string name = entry.path().filename().string();
        std::error_code type_error;
        if (!name.starts_with(kGenerationPrefix) || !entry.is_directory(type_error)) continue;
        if (entry.path().filename() == current.filename()) continue;
        if (!previous.empty() && entry.path().filename() == previous.filename()) continue;
        fs::remove_all(entry.path(), ec);
    }
}

// A failed build leaves nothing behind; a finished one only the `.building` database.
void remove_build(const fs::path& unmerged, const fs::path& building) {
    std::error_code ec;
    fs::remove_all(unmerged, ec);
    if (!building.empty()) fs::remove_all(building, ec);
}

Status point_current_at(const fs::path& root, const fs::path& generation) {
    const fs::path link = root / kCurrentLink;
    const fs::path staged = root / (std::string(kCurrentLink) + ".new");
    std::error_code ec;
    fs::remove(staged, ec);
    fs::create_directory_symlink(generation.filename(), staged, ec);
    if (ec) return Error{ErrorKind::io, staged.string(), "cannot create symlink: " + ec.message()};
    fs::rename(staged, link, ec);
    if (ec) return Error{ErrorKind::io, link.string(), "cannot switch index: " + ec.message()};
    return ok_status();
}

}  // namespace

Result<IndexLock> IndexLock::acquire(const fs::path& root, std::chrono::milliseconds wait) {
    if (root.empty()) return Error{ErrorKind::invalid_input, "--index", "must not be empty"};
    std::error_code ec;
    fs::create_directories(root, ec);
    if (ec) {
        return Error{ErrorKind::io, root.string(),
                     "cannot create index directory: " + ec.message()};
    }
    const int fd = ::open((root / ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0) {
        return Error{ErrorKind::io, root.string(),
                     "cannot lock the index: the directory is not writable"};
    }
    // flock has no timeout: try, then sleep a little, until the wait is over.
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd);
            return Error{ErrorKind::busy, root.string(),
                         "index busy: another `cohesio index` (a rebuild or an update) is "
                         "writing it; try again when it is done"};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return IndexLock(fd);
}

IndexLock::~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

Result<BuildSummary> build_index(const std::vector<Practice>& practices, const fs::path& root,
                                 Normaliser& normaliser, const Vocabulary& vocabulary,
                                 const Progress& progress, std::chrono::milliseconds lock_wait) {
    std::size_t next = 0;
    const PracticeStream stream = [&]() -> std::optional<Practice> {
        if (next == practices.size()) return std::nullopt;
        return practices[next++];
    };
    return build_index(stream, practices.size(), root, normaliser, vocabulary, progress, lock_wait);
}

Result<BuildSummary> build_index(const PracticeStream& next, std::size_t expected,
                                 const fs::path& root, Normaliser& normaliser,
                                 const Vocabulary& vocabulary, const Progress& progress,
                                 std::chrono::milliseconds lock_wait) {
    auto lock = IndexLock::acquire(root, lock_wait);
    if (!lock) return lock.error();
    return build_index(*lock, next, expected, root, normaliser, vocabulary, progress);
}

Result<BuildSummary> build_index(const IndexLock&, const PracticeStream& next, std::size_t expected,
                                 const fs::path& root, Normaliser& normaliser,
                                 const Vocabulary& vocabulary, const Progress& progress,
                                 std::size_t shards) {
    std::error_code ec;
    const fs::path link = root / kCurrentLink;
    const fs::file_status link_status = fs::symlink_status(link, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {
        return Error{ErrorKind::io, link.string(), ec.message()};
    }
    if (fs::exists(link_status) && !fs::is_symlink(link_status)) {
        return Error{ErrorKind::io, link.string(),
                     "exists and is not a symlink; move it away so builds can switch atomically"};
    }
    fs::path previous;
    if (fs::is_symlink(link_status)) previous = root / fs::read_symlink(link, ec);

    const fs::path generation = unique_generation(root);
    const fs::path building = generation.string() + std::string(kBuildingSuffix);
    const fs::path unmerged = generation.string() + std::string(kUnmergedSuffix);
    if (shards == kSameShards) shards = previous.empty() ? 0 : shard_count(previous);
    if (shards > kMaxShards) {
        return Error{ErrorKind::invalid_input, "--shards",
                     "at most " + std::to_string(kMaxShards) + " shards"};
    }
    const BuildInfo info{index_timestamp(), generation.filename().string(), shards};

    std::size_t done = 0;
    try {
        auto written =
            write_index(next, expected, unmerged, building, normaliser, vocabulary, info, progress);
        if (!written) {
            remove_build(unmerged, building);
            return written.error();
        }
        done = *written;
    } catch (const Xapian::Error& e) {
        remove_build(unmerged, building);
        return Error{ErrorKind::io, building.string(), e.get_description()};
    } catch (const std::exception& e) {
        // Any thread's exception (a stream's, a bad_alloc's) is rethrown here once all joined.
        remove_build(unmerged, building);
        return Error{ErrorKind::io, building.string(), e.what()};
    }
    remove_build(unmerged, {});
    if (auto checked = check_generation(building); !checked) {
        remove_build(unmerged, building);
        return checked.error();
    }
    fs::rename(building, generation, ec);
    if (ec)
        return Error{ErrorKind::io, generation.string(), "cannot finish build: " + ec.message()};
    if (auto switched = point_current_at(root, generation); !switched) return switched.error();
    prune_generations(root, generation, previous);
    return BuildSummary{done, generation};
}

std::string index_timestamp() { return utc_now("%Y-%m-%dT%H:%M:%SZ"); }

Status check_database(const fs::path& directory) {
    // Xapian reports some damage as a count of errors and throws on other damage.
    std::ostringstream report;
    try {
        const std::size_t errors = Xapian::Database::check(directory.string(), 0, &report);
        if (errors == 0) return ok_status();
        return Error{ErrorKind::io, directory.string(),
                     "damaged index: Xapian's check found " + std::to_string(errors) + " error(s)"};
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, directory.string(), "damaged index: " + e.get_msg()};
    }
}

Status check_generation(const fs::path& generation) {
    const std::size_t shards = shard_count(generation);
    if (shards == 0) return check_database(generation);
    if (auto checked = check_database(generation / kTablesDatabaseName); !checked) return checked;
    for (std::size_t shard = 0; shard < shards; ++shard) {
        if (auto checked = check_database(generation / shard_name(shard)); !checked) return checked;
    }
    return ok_status();
}

Result<fs::path> resolve_index(const fs::path& path) {
    if (path.empty()) return Error{ErrorKind::invalid_input, "--index", "must not be empty"};
    std::error_code ec;
    const fs::path link = path / kCurrentLink;
    if (fs::exists(link, ec)) {
        fs::path target = fs::canonical(link, ec);
        if (ec) return Error{ErrorKind::io, link.string(), ec.message()};
        return target;
    }
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
        return Error{ErrorKind::io, path.string(), ec.message()};
    }
    if (fs::exists(path / "iamglass", ec) || is_stub(path)) return path;
    return Error{ErrorKind::not_found, path.string(),
                 "no index here; build one with `cohesio index --index " + path.string() + "`"};
}

Error index_read_error(const Xapian::Error& error) {
    // Xapian::Error has no virtual functions: its type is a name.
    const std::string_view type = error.get_type();
    if (type == "NetworkError") {
        // A remote shard went away or timed out: like an overwritten revision, the reader must
        // be opened afresh (and so probe the shards again). The message names no address.
        return Error{ErrorKind::changed, "index", "a shard did not answer: " + error.get_msg()};
    }
    const bool changed = type == "DatabaseModifiedError";
    return Error{changed ? ErrorKind::changed : ErrorKind::io, "index", error.get_description()};
}

Result<Xapian::Database> open_index(const fs::path& path, const RemoteOptions& options) {
    auto opened = open_index_parts(path, options);
    if (!opened) return opened.error();
    return std::move(opened).value().database;
}

Result<OpenedIndex> open_index_parts(const fs::path& path, const RemoteOptions& options) {
    auto directory = resolve_index(path);
    if (!directory) return directory.error();
    try {
        OpenedIndex opened;
        if (is_stub(*directory)) {
            auto combined = open_stub(stub_file(*directory), options);
            if (!combined) return combined.error();
            opened = std::move(combined).value();
        } else {
            opened.database = Xapian::Database(directory->string());
        }
        const std::string version =
            opened.database.get_metadata(std::string(schema::kSchemaVersionKey));
        if (version != schema::kSchemaVersion) {
            return Error{ErrorKind::version, path.string(),
                         "index has schema version '" + version +
                             "' but this cohesio reads version " +
                             std::string(schema::kSchemaVersion) +
                             "; rebuild it with `cohesio index --index " + path.string() + "`"};
        }
        return opened;
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, directory->string(), e.get_description()};
    }
}

}  // namespace cohesio
