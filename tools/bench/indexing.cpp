#include "indexing.h"

#include <sys/statvfs.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fts5.h"
#include "index/schema.h"
#include "process.h"
#include "xapian_peers.h"

namespace cohesio::bench {

namespace {

using Clock = std::chrono::steady_clock;
// Measured: about 30 GB for a million practices (Cohesio, compacted copy, plain, FTS5).
constexpr std::uintmax_t kBytesPerPractice = 30'000;

double seconds_since(Clock::time_point started) {
    return std::chrono::duration<double>(Clock::now() - started).count();
}

std::string now_utc() {
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    return text;
}

nlohmann::json stamp_of(const Generator& generator) {
    // The index schema too: data of another schema is rebuilt, not refused by the searcher.
    return {{"generator_version", kGeneratorVersion},
            {"schema_version", std::string(schema::kSchemaVersion)},
            {"model", std::to_string(generator.model().fingerprint())},
            {"size", generator.size()}};
}

// The figures of an earlier run, when its data was drawn the same way and is all there.
std::optional<DataFigures> reusable(const Generator& generator, const DataPaths& paths) {
    std::ifstream in(paths.stamp());
    if (!in) return std::nullopt;
    const auto stamp = nlohmann::json::parse(in, nullptr, false);
    if (stamp.is_discarded() || stamp.value("key", nlohmann::json()) != stamp_of(generator))
        return std::nullopt;
    const auto& f = stamp["figures"];
    const bool fts5_built = f.value("fts5_bytes", std::uintmax_t{0}) > 0;
    if (!resolve_index(paths.index()) || (fts5_built && !std::filesystem::exists(paths.fts5())))
        return std::nullopt;
    DataFigures figures;
    figures.practices = f.value("practices", std::size_t{0});
    figures.index_seconds = f.value("index_seconds", 0.0);
    figures.peak_rss_kib = f.value("peak_rss_kib", 0L);
    figures.fts5_seconds = f.value("fts5_seconds", 0.0);
    figures.plain_seconds = f.value("plain_seconds", 0.0);
    figures.index_bytes = f.value("index_bytes", std::uintmax_t{0});
    figures.compact_bytes = f.value("compact_bytes", std::uintmax_t{0});
    figures.plain_compact_bytes = f.value("plain_compact_bytes", std::uintmax_t{0});
    figures.fts5_bytes = f.value("fts5_bytes", std::uintmax_t{0});
    figures.built_at = f.value("built_at", "");
    figures.built_as_shards = f.value("built_as_shards", std::size_t{0});
    figures.merge_seconds = f.value("merge_seconds", 0.0);
    figures.reused = true;
    return figures;
}

Status save_stamp(const Generator& generator, const DataPaths& paths, const DataFigures& figures) {
    const nlohmann::json stamp = {{"key", stamp_of(generator)},
                                  {"figures",
                                   {{"practices", figures.practices},
                                    {"index_seconds", figures.index_seconds},
                                    {"peak_rss_kib", figures.peak_rss_kib},
                                    {"fts5_seconds", figures.fts5_seconds},
                                    {"plain_seconds", figures.plain_seconds},
                                    {"index_bytes", figures.index_bytes},
                                    {"compact_bytes", figures.compact_bytes},
                                    {"plain_compact_bytes", figures.plain_compact_bytes},
                                    {"fts5_bytes", figures.fts5_bytes},
                                    {"built_as_shards", figures.built_as_shards},
                                    {"merge_seconds", figures.merge_seconds},
                                    {"built_at", figures.built_at}}}};
    std::ofstream out(paths.stamp());
    out << stamp.dump(2) << "\n";
    if (!out) return Error{ErrorKind::io, paths.stamp().string(), "cannot write"};
    return ok_status();
}

// Cohesio's build in a child process (this program's `index` mode): its ru_maxrss is the
// indexer's alone, not this process's query set, model and earlier measurements.
Status index_in_child(const Generator& generator, const std::filesystem::path& out,
                      std::size_t shards, const std::filesystem::path& corpus,
                      DataFigures& figures) {
    std::vector<std::string> argv{
        self_path(), "index",         "--size", std::to_string(generator.size()),
        "--corpus",  corpus.string(), "--out",  out.string()};
    if (shards) argv.insert(argv.end(), {"--shards", std::to_string(shards)});
    auto child = spawn(argv, true);
    if (!child) return child.error();
    std::istringstream output(read_all(child->output));
    auto exit = wait_child(child->pid);
    if (!exit) return exit.error();
    if (exit->status != 0)
        return Error{ErrorKind::io, "index child",
                     "failed with status " + std::to_string(exit->status)};
    std::string word;
    output >> word >> figures.practices >> figures.index_seconds;
    figures.peak_rss_kib = exit->max_rss_kib;
    return ok_status();
}

// The single database from the shards built at `shards_root`: compaction keeps every document
// and term (renumbered shard after shard) and each metadata key's first value, here `meta`'s,
// which the stub lists first.
Status merge_shards(const std::filesystem::path& shards_root, const std::filesystem::path& root) {
    auto shards = open_index(shards_root);
    if (!shards) return shards.error();
    const std::filesystem::path generation = root / "merged-from-shards";
    std::error_code ec;
    std::filesystem::create_directories(root, ec);
    if (ec) return Error{ErrorKind::io, root.string(), ec.message()};
    try {
        shards->compact(generation.string());
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, generation.string(), e.get_description()};
    }
    std::filesystem::create_directory_symlink(generation.filename(), root / "current", ec);
    if (ec) return Error{ErrorKind::io, (root / "current").string(), ec.message()};
    return ok_status();
}

Status build_peers(const Generator& generator, const DataPaths& paths,
                   const PrepareOptions& options, DataFigures& figures) {
    auto started = Clock::now();
    if (options.fts5) {
        std::cerr << "bench: " << generator.size() << ": FTS5 database\n";
        if (auto built = build_fts5(generator.stream(), paths.fts5()); !built) return built.error();
        figures.fts5_seconds = seconds_since(started);
        figures.fts5_bytes = std::filesystem::file_size(paths.fts5());
    }
    auto generation = resolve_index(paths.index());
    if (!generation) return generation.error();
    // build_index compacts its database already: its size is the compacted size.
    figures.index_bytes = figures.compact_bytes = directory_size(*generation);
    if (!options.plain) return ok_status();
    std::cerr << "bench: " << generator.size() << ": plain Xapian index, compacting it\n";
    started = Clock::now();
    if (auto built = build_plain(generator.stream(), paths.dir / "plain"); !built)
        return built.error();
    figures.plain_seconds = seconds_since(started);
    if (auto done = compact(paths.dir / "plain", paths.dir / "plain-compact"); !done) return done;
    figures.plain_compact_bytes = directory_size(paths.dir / "plain-compact");
    return ok_status();
}

}  // namespace

Status check_disk(const std::filesystem::path& root, std::size_t size) {
    std::filesystem::create_directories(root);
    struct statvfs disk {};
    if (statvfs(root.c_str(), &disk) != 0)
        return Error{ErrorKind::io, root.string(), "cannot stat the file system"};
    const std::uintmax_t free_bytes = static_cast<std::uintmax_t>(disk.f_bavail) * disk.f_frsize;
    const std::uintmax_t needed = kBytesPerPractice * size;
    if (free_bytes >= needed) return ok_status();
    return Error{ErrorKind::invalid_input, root.string(),
                 std::to_string(size) + " practices need about " + std::to_string(needed >> 30) +
                     " GiB free, only " + std::to_string(free_bytes >> 30) +
                     " GiB available: free some space or choose smaller --sizes"};
}

Result<DataFigures> prepare_data(const Generator& generator, const DataPaths& paths,
                                 const std::filesystem::path& corpus,
                                 const PrepareOptions& options) {
    if (auto figures = reusable(generator, paths)) {
        std::cerr << "bench: " << generator.size() << ": reusing data in " << paths.dir.string()
                  << " (generator v" << kGeneratorVersion << ", built " << figures->built_at
                  << ")\n";
        return *figures;
    }
    if (auto disk = check_disk(paths.dir.parent_path(), generator.size()); !disk)
        return disk.error();
    std::filesystem::remove_all(paths.dir);
    std::filesystem::create_directories(paths.dir);
    DataFigures figures;
    figures.built_at = now_utc();
    const std::size_t shards = options.shards_first;
    std::cerr << "bench: " << generator.size() << ": Cohesio index (child process"
              << (shards ? ", " + std::to_string(shards) + " shards" : std::string()) << ")\n";
    const auto out = shards ? paths.shards(shards) : paths.index();
    if (auto indexed = index_in_child(generator, out, shards, corpus, figures); !indexed)
        return indexed.error();
    if (shards) {
        std::cerr << "bench: " << generator.size() << ": merging the shards into one database\n";
        const auto started = Clock::now();
        if (auto merged = merge_shards(out, paths.index()); !merged) return merged.error();
        figures.built_as_shards = shards;
        figures.merge_seconds = seconds_since(started);
    }
    if (auto peers = build_peers(generator, paths, options, figures); !peers) return peers.error();
    if (auto saved = save_stamp(generator, paths, figures); !saved) return saved.error();
    return figures;
}

int run_index_child(std::size_t size, const std::filesystem::path& corpus,
                    const std::filesystem::path& root, std::size_t shards) {
    auto model = CorpusModel::learn(corpus);
    auto normaliser = Normaliser::create();
    if (!model || !normaliser) {
        std::cerr << "cohesio_bench index: "
                  << (model ? normaliser.error() : model.error()).describe() << "\n";
        return 1;
    }
    auto vocabulary = Vocabulary::load(corpus / "reference", **normaliser);
    if (!vocabulary) {
        std::cerr << "cohesio_bench index: " << vocabulary.error().describe() << "\n";
        return 1;
    }
    const Generator generator(*model, size);
    const auto started = Clock::now();
    // Progress on stderr for long builds; passing one also makes build_index count documents
    // (BuildSummary::documents stays 0 without a progress callback).
    constexpr std::size_t kReportEvery = 50'000;
    const Progress progress = [](std::size_t done, std::size_t total) {
        if (done % kReportEvery == 0)
            std::cerr << "bench: indexed " << done << "/" << total << "\n";
    };
    auto lock = IndexLock::acquire(root, kDefaultLockWait);
    if (!lock) {
        std::cerr << "cohesio_bench index: " << lock.error().describe() << "\n";
        return 1;
    }
    auto built = build_index(*lock, generator.stream(), size, root, **normaliser, *vocabulary,
                             progress, shards);
    if (!built) {
        std::cerr << "cohesio_bench index: " << built.error().describe() << "\n";
        return 1;
    }
    std::printf("indexed %zu %.3f\n", built->documents, seconds_since(started));
    return 0;
}

}  // namespace cohesio::bench
