#include "suite.h"

#include <iostream>

#include "http_load.h"
#include "inprocess.h"

namespace cohesio::bench {

namespace {

constexpr unsigned kConnections[] = {1, 16, 64};

void compare(Row& row, const Row& floor, const Row& fts5) {
    row.floor_p50 = floor.p50, row.floor_p99 = floor.p99;
    row.fts5_p50 = fts5.p50, row.fts5_p99 = fts5.p99;
}

}  // namespace

Row latency_row(std::size_t size, const std::string& operation, unsigned threads,
                const Latency& latency) {
    Row row;
    row.size = size;
    row.operation = operation;
    row.mode = std::to_string(threads) + (threads == 1 ? " thread" : " threads");
    if (latency.measured()) {
        row.p50 = latency.p50, row.p95 = latency.p95, row.p99 = latency.p99;
        row.per_second = latency.per_second;
    }
    row.notes = "n=" + std::to_string(latency.count);
    if (latency.errors) row.notes += ", **" + std::to_string(latency.errors) + " errors**";
    return row;
}

std::vector<Row> data_rows(std::size_t size, const DataFigures& f) {
    const auto rate = [&f](double seconds) {
        return seconds > 0 ? std::optional<double>(static_cast<double>(f.practices) / seconds)
                           : std::nullopt;
    };
    const std::string reused = f.reused ? "; reused data built " + f.built_at : "";
    Row cohesio = make_row(size, "index (build_index)", "child process");
    cohesio.per_second = rate(f.index_seconds);
    const std::string plain_size =
        f.plain_compact_bytes
            ? "; plain compacted " + human_bytes(f.plain_compact_bytes) + " (Cohesio/plain " +
                  std::to_string(static_cast<double>(f.compact_bytes) /
                                 static_cast<double>(f.plain_compact_bytes))
                      .substr(0, 4) +
                  "×)"
            : "; no plain index (--no-plain)";
    const std::string built_as = f.built_as_shards
                                     ? "; built as " + std::to_string(f.built_as_shards) +
                                           " shards, the single database merged from them in " +
                                           std::to_string(static_cast<long>(f.merge_seconds)) +
                                           " s (--single-from-shards)"
                                     : "";
    cohesio.notes =
        "practices/s; peak RSS " + human_bytes(static_cast<std::uintmax_t>(f.peak_rss_kib) * 1024) +
        "; index (compacted) " + human_bytes(f.compact_bytes) + plain_size + built_as + reused;
    Row plain = make_row(size, "index plain Xapian", "in process");
    plain.per_second = rate(f.plain_seconds);
    plain.notes = "practices/s; TermGenerator, french stemmer, no prefixes" + reused;
    Row fts5 = make_row(size, "index FTS5", "in process");
    fts5.per_second = rate(f.fts5_seconds);
    fts5.notes = f.fts5_bytes ? "practices/s; database " + human_bytes(f.fts5_bytes) +
                                    " (optimized)" + reused
                              : std::string("not built (--engines without fts5)");
    return {cohesio, plain, fts5};
}

std::vector<Row> inprocess_rows(std::size_t size, const DataPaths& paths, const QuerySet& queries,
                                const SuiteOptions& options) {
    const Inputs inputs{paths.index(), paths.fts5(), queries,
                        std::make_shared<const cohesio::Lexicon>(default_word_lists())};
    inputs.lexicon->size();  // loaded now, untimed
    std::vector<Row> rows;
    for (unsigned threads : kThreadCounts) {
        std::cerr << "bench: " << size << ": in-process timings, " << threads << " thread(s)\n";
        const auto timed = [&](Engine engine, const std::string& operation) {
            if (!options.engines.empty() && !options.engines.contains(engine))
                return make_row(size, operation, "", "not run (--engines)");
            return latency_row(size, operation, threads,
                               time_engine(engine, inputs, threads, options.budget));
        };
        const Row floor = timed(Engine::floor, "floor");
        const Row fts5 = timed(Engine::fts5, "FTS5");
        Row search = timed(Engine::search, "search");
        compare(search, floor, fts5);
        rows.insert(rows.end(), {search, floor, fts5});
        for (Engine engine : {Engine::similar, Engine::similar_text, Engine::suggest}) {
            rows.push_back(timed(engine, engine_name(engine)));
        }
    }
    return rows;
}

std::vector<Row> http_rows(std::size_t size, const DataPaths& paths, const QuerySet& queries,
                           const SuiteOptions& options, const Row& floor_1, const Row& fts5_1) {
    std::vector<Row> rows;
    if (auto written = write_targets(queries, paths.dir); !written) {
        rows.push_back(make_row(size, "HTTP", "", "**" + written.error().describe() + "**"));
        return rows;
    }
    std::cerr << "bench: " << size << ": HTTP load (cohesio serve + wrk)\n";
    auto service = Service::start(options.cohesio, paths.index(), paths.dir / "serve.log");
    if (!service) {
        rows.push_back(make_row(size, "HTTP", "", "**" + service.error().describe() + "**"));
        return rows;
    }
    for (auto operation : {HttpOperation::search, HttpOperation::similar,
                           HttpOperation::similar_text, HttpOperation::suggest}) {
        for (unsigned connections : kConnections) {
            Row row = make_row(size, std::string("HTTP ") + http_name(operation),
                               "wrk c=" + std::to_string(connections));
            auto figures = run_wrk(paths.dir, (*service)->port(), operation, connections,
                                   options.http_seconds);
            if (!figures) {
                row.notes = "**" + figures.error().describe() + "**";
            } else {
                row.p50 = figures->p50, row.p95 = figures->p95, row.p99 = figures->p99;
                row.per_second = figures->per_second;
                row.notes = "n=" + std::to_string(figures->requests) + ", non-2xx " +
                            std::to_string(figures->non_2xx) + ", socket errors " +
                            std::to_string(figures->socket_errors) + ", timeouts " +
                            std::to_string(figures->timeouts);
            }
            if (operation == HttpOperation::search) compare(row, floor_1, fts5_1);
            rows.push_back(row);
        }
    }
    return rows;
}

}  // namespace cohesio::bench
