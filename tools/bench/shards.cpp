#include "shards.h"

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "index/shards.h"
#include "index/store.h"
#include "inprocess.h"
#include "process.h"

namespace cohesio::bench {

namespace {

namespace fs = std::filesystem;

constexpr int kFirstPort = 17600;  // loopback only; a busy port is skipped
// Far above any search: the benchmark measures, it does not test failure.
constexpr std::chrono::milliseconds kShardTimeout{10000};

// Builds (or reuses) `root` as `shards` shards of the generator's practices.
Status build_shards(const Generator& generator, const fs::path& root, std::size_t shards) {
    if (shard_count(root / "current") == shards && open_index(root).ok()) return ok_status();
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    auto vocabulary =
        Vocabulary::load(fs::path(COHESIO_SOURCE_DIR) / "corpus/reference", **normaliser);
    if (!vocabulary) return vocabulary.error();
    auto lock = IndexLock::acquire(root, kDefaultLockWait);
    if (!lock) return lock.error();
    std::cerr << "bench: " << generator.size() << ": building " << shards << " shards\n";
    auto built = build_index(*lock, generator.stream(), generator.size(), root, **normaliser,
                             *vocabulary, {}, shards);
    if (!built) return built.error();
    return ok_status();
}

bool accepts(int port) {
    const std::string probe = "exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port);
    return std::system(("bash -c '" + probe + "' 2>/dev/null").c_str()) == 0;
}

// xapian-tcpsrv per shard; the stub naming them after the local `meta`.
struct Servers {
    std::vector<pid_t> pids;
    fs::path stub;

    ~Servers() {
        for (pid_t pid : pids) {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

Status start_servers(const fs::path& given_root, std::size_t shards, Servers& servers) {
    // A stub's relative paths are read from the stub's own directory: write absolute ones.
    const fs::path root = fs::absolute(given_root);
    servers.stub = root.parent_path() / (root.filename().string() + ".stub");
    std::ofstream stub(servers.stub);
    stub << "auto " << (root / "current" / kTablesDatabaseName).string() << "\n";
    int port = kFirstPort;
    for (std::size_t shard = 0; shard < shards; ++shard, ++port) {
        while (accepts(port)) ++port;
        auto child = spawn({"/usr/bin/xapian-tcpsrv", "--quiet", "--port", std::to_string(port),
                            (root / "current" / shard_name(shard)).string()},
                           false, (root.parent_path() / "tcpsrv.log").string(), true);
        if (!child) return child.error();
        servers.pids.push_back(child->pid);
        for (int tries = 0; tries < 200 && !accepts(port); ++tries)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!accepts(port))
            return Error{ErrorKind::io, "xapian-tcpsrv", "not listening on port " + std::to_string(port)};
        stub << "remote 127.0.0.1:" << port << "\n";
    }
    return ok_status();
}

std::string ratios(const Row& row, const Row& single) {
    if (!row.p50 || !single.p50 || !row.p99 || !single.p99) return "";
    char text[96];
    std::snprintf(text, sizeof text, "; ×1 database p50 %.2f, p99 %.2f", *row.p50 / *single.p50,
                  *row.p99 / *single.p99);
    return text;
}

// The single database's row of the same operation and mode, if it was timed.
const Row* single_row(const std::vector<Row>& single, const std::string& operation,
                      const std::string& mode) {
    for (const auto& row : single)
        if (row.operation == operation && row.mode == mode) return &row;
    return nullptr;
}

}  // namespace

std::vector<Row> shard_rows(std::size_t size, const Generator& generator, const DataPaths& paths,
                            const QuerySet& queries, const SuiteOptions& options,
                            std::size_t shards, const std::vector<Row>& single) {
    const fs::path root = paths.shards(shards);
    const std::string label = std::to_string(shards) + " shards";
    if (auto built = build_shards(generator, root, shards); !built)
        return {make_row(size, label, "", "**" + built.error().describe() + "**")};
    Servers servers;
    if (auto started = start_servers(root, shards, servers); !started)
        return {make_row(size, label, "", "**" + started.error().describe() + "**")};
    auto lexicon = std::make_shared<const cohesio::Lexicon>(default_word_lists());
    std::vector<Row> rows;
    const std::pair<std::string, fs::path> setups[] = {{label + ", local", root},
                                                       {label + ", xapian-tcpsrv", servers.stub}};
    for (const auto& [name, index] : setups) {
        std::cerr << "bench: " << size << ": " << name << "\n";
        const Inputs inputs{index, paths.fts5(), queries, lexicon,
                            RemoteOptions{kShardTimeout, kShardTimeout}};
        for (unsigned threads : kThreadCounts) {
            for (const auto& [operation, engine] :
                 {std::pair{"search", Engine::search}, std::pair{"similar", Engine::similar}}) {
                Row row = latency_row(size, std::string(operation) + ", " + name, threads,
                                      time_engine(engine, inputs, threads, options.budget));
                if (const Row* alone = single_row(single, operation, row.mode))
                    row.notes += ratios(row, *alone);
                rows.push_back(std::move(row));
            }
        }
    }
    return rows;
}

}  // namespace cohesio::bench
