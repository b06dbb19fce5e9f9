// Everything measured for one corpus size, as rows of the report: indexing and sizes, the
// in-process operations on 1 and 2 threads beside the floor and FTS5, then the HTTP load.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "indexing.h"
#include "inprocess.h"
#include "queries.h"
#include "report.h"
#include "timing.h"

namespace cohesio::bench {

struct SuiteOptions {
    Budget budget;
    unsigned http_seconds = 3;  // per wrk run
    std::string cohesio;        // the cohesio binary to serve with; empty: no HTTP rows
    // In-process engines to time; empty: all. Skipped ones print no figures.
    std::set<Engine> engines;
};

// The in-process thread counts timed, and a row of one such timing.
inline constexpr unsigned kThreadCounts[] = {1, 2};
Row latency_row(std::size_t size, const std::string& operation, unsigned threads,
                const Latency& latency);

std::vector<Row> data_rows(std::size_t size, const DataFigures& figures);

std::vector<Row> inprocess_rows(std::size_t size, const DataPaths& paths, const QuerySet& queries,
                                const SuiteOptions& options);

// `floor_1`: the 1-thread floor and FTS5 search rows, for the HTTP search rows' ratios.
std::vector<Row> http_rows(std::size_t size, const DataPaths& paths, const QuerySet& queries,
                           const SuiteOptions& options, const Row& floor_1, const Row& fts5_1);

}  // namespace cohesio::bench
