// cohesio_bench: the benchmark of issue 8. See tools/bench/run and the README's "Benchmark".
//
//   cohesio_bench [--sizes 10000,100000] [--quick] [--no-http] [--no-plain] [--engines E,...]
//                 [--data DIR] [--corpus DIR] [--cohesio PATH] [--shards N [--single-from-shards]]
//   cohesio_bench --smoke [--size 100] [--data DIR] [--corpus DIR]
//   cohesio_bench index --size N --corpus DIR --out DIR [--shards N]  (the measured child)
#include <unicode/uversion.h>
#include <xapian.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "fts5.h"
#include "http_load.h"
#include "indexing.h"
#include "shards.h"
#include "smoke.h"
#include "suite.h"

namespace cohesio::bench {

namespace {

constexpr std::size_t kQueries = 300;
constexpr std::size_t kSmokeDefault = 100, kSmokeMax = 500;

struct Options {
    std::vector<std::size_t> sizes = {10000};
    bool quick = false, smoke = false, http = true, plain = true, index_mode = false;
    bool single_from_shards = false;
    std::size_t size = kSmokeDefault;  // --smoke and index
    std::filesystem::path data = COHESIO_SOURCE_DIR "/build/bench-data";
    std::filesystem::path corpus = COHESIO_SOURCE_DIR "/corpus";
    std::filesystem::path out;  // index mode
    std::string cohesio = COHESIO_BINARY;
    std::set<Engine> engines;  // --engines: in-process engines to time (empty: all)
    std::size_t shards = 0;    // --shards: also time the corpus as that many shards
};

std::optional<std::size_t> parse_count(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 9)
        return std::nullopt;
    const std::size_t value = std::stoul(text);
    return value >= 10 ? std::optional(value) : std::nullopt;
}

Result<Options> parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> Result<std::string> {
            if (i + 1 >= argc) return Error{ErrorKind::invalid_input, arg, "needs a value"};
            return std::string(argv[++i]);
        };
        if (arg == "--quick")
            options.quick = true;
        else if (arg == "--smoke")
            options.smoke = true;
        else if (arg == "--no-http")
            options.http = false;
        else if (arg == "--no-plain")
            options.plain = false;
        else if (arg == "--single-from-shards")
            options.single_from_shards = true;
        else if (arg == "index" && i == 1)
            options.index_mode = true;
        else if (arg == "--sizes" || arg == "--size") {
            auto text = value();
            if (!text) return text.error();
            std::vector<std::size_t> sizes;
            std::istringstream list(*text);
            for (std::string item; std::getline(list, item, ',');) {
                auto count = parse_count(item);
                if (!count)
                    return Error{ErrorKind::invalid_input, arg,
                                 "'" + item + "' is not a number of practices >= 10"};
                sizes.push_back(*count);
            }
            if (sizes.empty()) return Error{ErrorKind::invalid_input, arg, "no size given"};
            options.sizes = sizes;
            options.size = sizes.front();
        } else if (arg == "--shards") {
            auto text = value();
            if (!text) return text.error();
            if (text->size() != 1 || (*text)[0] < '2' || (*text)[0] > '8')
                return Error{ErrorKind::invalid_input, arg, "a number of shards from 2 to 8"};
            options.shards = static_cast<std::size_t>((*text)[0] - '0');
        } else if (arg == "--engines") {
            auto text = value();
            if (!text) return text.error();
            std::istringstream list(*text);
            for (std::string item; std::getline(list, item, ',');) {
                const auto engine = engine_from_option(item);
                if (!engine)
                    return Error{ErrorKind::invalid_input, arg,
                                 "unknown engine '" + item +
                                     "' (search, floor, fts5, similar, similar-text, suggest)"};
                options.engines.insert(*engine);
            }
        } else if (arg == "--data" || arg == "--corpus" || arg == "--cohesio" || arg == "--out") {
            auto text = value();
            if (!text) return text.error();
            if (arg == "--data")
                options.data = *text;
            else if (arg == "--corpus")
                options.corpus = *text;
            else if (arg == "--cohesio")
                options.cohesio = *text;
            else
                options.out = *text;
        } else {
            return Error{ErrorKind::invalid_input, arg, "unknown option (see tools/bench/run)"};
        }
    }
    if (options.index_mode && options.out.empty())
        return Error{ErrorKind::invalid_input, "index", "needs --out"};
    if (options.single_from_shards && !options.shards)
        return Error{ErrorKind::invalid_input, "--single-from-shards", "needs --shards N"};
    if (options.smoke && options.size > kSmokeMax)
        return Error{ErrorKind::invalid_input, "--size",
                     "the smoke check takes at most 500 practices"};
    return options;
}

std::string versions() {
    return "Xapian " + std::string(Xapian::version_string()) + ", ICU " U_ICU_VERSION ", SQLite " +
           sqlite_version() + ", " + wrk_version() + ", generator v" +
           std::to_string(kGeneratorVersion);
}

std::vector<std::string> explanations(const Options& options, const SuiteOptions& suite) {
    std::ostringstream budget;
    budget << "each in-process figure: at most " << suite.budget.count << " operations or "
           << suite.budget.time.count() << " s, after " << suite.budget.warmup
           << " untimed per thread; each wrk run " << suite.http_seconds << " s"
           << (options.quick ? " (--quick)" : "");
    return {
        budget.str(),
        std::to_string(kQueries) +
            " fixed queries: 1-4 words, phrases, typos, ~30% filtered, ~5% browse-only; "
            "similar: practice ids; similar --text: 8-20 word situations; suggest: prefixes",
        "search = Searcher::search (top 10, exact facets, snippets); floor = the same ranking "
        "query "
        "(Searcher::ranking_query, built untimed) through a bare Enquire, top 10, no "
        "facets/snippets/data; "
        "FTS5 = unicode61 remove_diacritics 2, ORDER BY bm25, same filters; an FTS5 query still "
        "running after " +
            std::to_string(Fts5Searcher::kQueryLimit.count()) +
            " s is interrupted and counted as an error (its latency as the time it ran)",
        "×floor / ×FTS5 = Cohesio figure / peer figure in the same mode (HTTP rows: against the "
        "1-thread peers)",
        "HTTP: cohesio serve on 127.0.0.1 (default threads), wrk with up to 2 threads, --timeout "
        "5s",
    };
}

int run_benchmark(const Options& options) {
    Machine machine = describe_machine();
    SuiteOptions suite;
    if (options.quick)
        suite.budget = Budget{50, std::chrono::duration<double>(5), 3}, suite.http_seconds = 2;
    if (options.http && std::filesystem::exists(options.cohesio)) suite.cohesio = options.cohesio;
    suite.engines = options.engines;
    auto model = CorpusModel::learn(options.corpus);
    if (!model) {
        std::cerr << "cohesio_bench: " << model.error().describe() << "\n";
        return 1;
    }
    // Refuse up front, not after hours of smaller sizes: the practices still to be built must
    // fit on the disk (a million need about 30 GB).
    std::size_t to_build = 0;
    for (std::size_t size : options.sizes) {
        if (!std::filesystem::exists(DataPaths{options.data / std::to_string(size)}.stamp()))
            to_build += size;
    }
    if (auto disk = check_disk(options.data, to_build); !disk) {
        std::cerr << "cohesio_bench: " << disk.error().describe() << "\n";
        return 1;
    }
    std::vector<Row> rows;
    for (std::size_t size : options.sizes) {
        const Generator generator(*model, size);
        const DataPaths paths{options.data / std::to_string(size)};
        const PrepareOptions prepare{
            options.plain, options.engines.empty() || options.engines.contains(Engine::fts5),
            options.single_from_shards ? options.shards : 0};
        auto figures = prepare_data(generator, paths, options.corpus, prepare);
        if (!figures) {
            std::cerr << "cohesio_bench: " << figures.error().describe() << "\n";
            return 1;
        }
        const QuerySet queries = make_queries(generator, kQueries);
        for (auto& row : data_rows(size, *figures)) rows.push_back(row);
        const auto timed = inprocess_rows(size, paths, queries, suite);
        rows.insert(rows.end(), timed.begin(), timed.end());
        if (options.shards) {
            for (auto& row :
                 shard_rows(size, generator, paths, queries, suite, options.shards, timed))
                rows.push_back(row);
        }
        if (suite.cohesio.empty()) continue;
        // timed: search, floor, FTS5 first for 1 thread.
        for (auto& row : http_rows(size, paths, queries, suite, timed[1], timed[2]))
            rows.push_back(row);
    }
    machine.load_end = load_average();
    machine.versions = versions();
    auto notes = explanations(options, suite);
    if (suite.cohesio.empty())
        notes.push_back("no HTTP rows: " +
                        (options.http ? options.cohesio + " not found" : std::string("--no-http")));
    const std::string report = markdown(machine, rows, notes);
    std::cout << report;
    char day[16];
    const std::time_t now = std::time(nullptr);
    std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&now));
    const auto report_path = options.data / ("report-" + std::string(day) + ".md");
    std::ofstream(report_path) << report;
    std::cerr << "bench: report written to " << report_path.string() << "\n";
    if (options.sizes.size() > 1) {
        const std::filesystem::path svg = COHESIO_SOURCE_DIR "/docs/benchmarks-latency.svg";
        std::ofstream(svg) << latency_svg(rows);
        std::cerr << "bench: chart written to " << svg.string() << "\n";
    }
    return 0;
}

int run(int argc, char** argv) {
    auto options = parse(argc, argv);
    if (!options) {
        std::cerr << "cohesio_bench: " << options.error().describe() << "\n";
        return 2;
    }
    try {
        if (options->index_mode)
            return run_index_child(options->size, options->corpus, options->out, options->shards);
        if (options->smoke)
            return run_smoke(options->size, options->corpus, options->data / "smoke");
        return run_benchmark(*options);
    } catch (const std::exception& e) {
        std::cerr << "cohesio_bench: " << e.what() << "\n";
        return 1;
    } catch (const Xapian::Error& e) {
        std::cerr << "cohesio_bench: " << e.get_description() << "\n";
        return 1;
    }
}

}  // namespace

}  // namespace cohesio::bench

int main(int argc, char** argv) { return cohesio::bench::run(argc, argv); }
