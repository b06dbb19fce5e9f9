// The Xapian-side comparisons: the raw floor (Cohesio's own ranking query through a bare
// Enquire: what Xapian alone costs, without facets, snippets or document data) and a "plain"
// index (TermGenerator, one French stemmer, no prefixes) whose size shows what Cohesio's
// richer index (two stems, field prefixes, concepts, values, records) costs on disk.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "index/store.h"
#include "queries.h"
#include "search/searcher.h"

namespace cohesio::bench {

// Writes the plain index at `path` (replacing it); returns how many documents.
Result<std::size_t> build_plain(const PracticeStream& next, const std::filesystem::path& path);

// Xapian::Database::compact of `from` into `to` (replaced).
Status compact(const std::filesystem::path& from, const std::filesystem::path& to);

// Bytes of every file under `path`.
std::uintmax_t directory_size(const std::filesystem::path& path);

// The SearchRequest Cohesio gets for a bench query (top 10).
SearchRequest to_request(const BenchQuery& query);

// The floor for one thread: the ranking queries built once up front (parsing is Cohesio's
// cost, not the floor's), then run through a bare Enquire, top 10, default check_at_least.
class Floor {
public:
    static Result<Floor> open(const std::filesystem::path& index,
                              const std::vector<BenchQuery>& queries);
    // Runs query `i`; the ids of the top 10 when `ids` (read from the id value slot).
    std::vector<std::string> run(std::size_t i, bool ids = false);

private:
    Floor(std::unique_ptr<Searcher> searcher, std::vector<Xapian::Query> queries)
        : searcher_(std::move(searcher)), queries_(std::move(queries)) {}
    std::unique_ptr<Searcher> searcher_;  // owns the database the queries were built for
    std::vector<Xapian::Query> queries_;
};

}  // namespace cohesio::bench
