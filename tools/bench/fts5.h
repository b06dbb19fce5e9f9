// The SQLite FTS5 peer: the same records and queries through a widely used embedded engine
// (unicode61 tokenizer with diacritics removed, ORDER BY bm25, the same filters as a join).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "index/store.h"
#include "queries.h"

namespace cohesio::bench {

// Writes `path` (replacing it) from the practices of `next`; returns how many.
Result<std::size_t> build_fts5(const PracticeStream& next, const std::filesystem::path& path);

// One read-only connection with its prepared statements: one per thread.
class Fts5Searcher {
public:
    static Result<std::unique_ptr<Fts5Searcher>> open(const std::filesystem::path& path);
    ~Fts5Searcher();
    Fts5Searcher(const Fts5Searcher&) = delete;
    Fts5Searcher& operator=(const Fts5Searcher&) = delete;

    // The top 10 practice ids (rowids when `ids` is false: what a timed run needs). A query
    // still running after kQueryLimit is interrupted and fails: at a million practices one
    // phrase of common words would otherwise hold a run for many minutes.
    Result<std::vector<std::string>> search(const BenchQuery& query, bool ids = false);

    static constexpr std::chrono::seconds kQueryLimit{10};

private:
    explicit Fts5Searcher(sqlite3* db);
    static int past_deadline(void* searcher);

    sqlite3* db_;
    std::chrono::steady_clock::time_point deadline_;
};

// The FTS5 MATCH expression for a query: each word quoted (so no word is read as syntax),
// OR-ed like Cohesio's default operator; a phrase as one quoted phrase.
std::string fts5_match(const BenchQuery& query);

std::string sqlite_version();

}  // namespace cohesio::bench
