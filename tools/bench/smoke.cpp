#include "smoke.h"

#include <algorithm>
#include <iostream>

#include "fts5.h"
#include "generator.h"
#include "queries.h"
#include "xapian_peers.h"

namespace cohesio::bench {

namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

Status build(const Generator& generator, const std::filesystem::path& corpus,
             const std::filesystem::path& dir) {
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    auto vocabulary = Vocabulary::load(corpus / "reference", **normaliser);
    if (!vocabulary) return vocabulary.error();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    // A progress callback is passed because build_index counts documents only when given one.
    auto built = build_index(generator.stream(), generator.size(), dir / "index", **normaliser,
                             *vocabulary, [](std::size_t, std::size_t) {});
    if (!built) return built.error();
    if (built->documents != generator.size())
        return Error{ErrorKind::internal, "index",
                     std::to_string(built->documents) + " documents indexed, expected " +
                         std::to_string(generator.size())};
    if (auto fts5 = build_fts5(generator.stream(), dir / "fts5.db"); !fts5) return fts5.error();
    return ok_status();
}

// The failures of one engine on the marker queries, one line each.
std::vector<std::string> check(
    const std::string& engine, const std::vector<std::pair<BenchQuery, std::string>>& queries,
    const std::function<Result<std::vector<std::string>>(std::size_t)>& top10) {
    std::vector<std::string> failures;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const auto& [query, expected] = queries[i];
        // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on one long expression.
        std::string asked = "'";
        asked += query.text();
        asked += "'";
        if (!query.filters.empty()) asked += " with country filter";
        auto found = top10(i);
        if (!found)
            failures.push_back(engine + ": " + asked + ": " + found.error().describe());
        else if (!contains(*found, expected))
            failures.push_back(engine + ": " + asked + " did not return " + expected);
    }
    return failures;
}

}  // namespace

int run_smoke(std::size_t size, const std::filesystem::path& corpus,
              const std::filesystem::path& dir) {
    auto model = CorpusModel::learn(corpus);
    if (!model) {
        std::cerr << "bench smoke: " << model.error().describe() << "\n";
        return 1;
    }
    const Generator generator(*model, size);
    if (auto built = build(generator, corpus, dir); !built) {
        std::cerr << "bench smoke: " << built.error().describe() << "\n";
        return 1;
    }
    const auto queries = marker_queries(generator);
    std::vector<BenchQuery> bench_queries;
    for (const auto& [query, expected] : queries) bench_queries.push_back(query);
    auto searcher = Searcher::open(dir / "index");
    auto floor = Floor::open(dir / "index", bench_queries);
    auto fts5 = Fts5Searcher::open(dir / "fts5.db");
    if (!searcher || !floor || !fts5) {
        std::cerr << "bench smoke: cannot open the indexes in " << dir.string() << "\n";
        return 1;
    }
    std::vector<std::string> failures =
        check("Cohesio search", queries, [&](std::size_t i) -> Result<std::vector<std::string>> {
            auto response = (*searcher)->search(to_request(queries[i].first));
            if (!response) return response.error();
            std::vector<std::string> ids;
            for (const auto& hit : response->hits) ids.push_back(hit.id);
            return ids;
        });
    for (auto& failure :
         check("floor", queries, [&](std::size_t i) -> Result<std::vector<std::string>> {
             return floor->run(i, true);
         }))
        failures.push_back(failure);
    for (auto& failure : check("FTS5", queries, [&](std::size_t i) {
             return (*fts5)->search(queries[i].first, true);
         }))
        failures.push_back(failure);
    for (const auto& failure : failures) std::cerr << "bench smoke: FAILED: " << failure << "\n";
    if (!failures.empty()) return 1;
    std::cout
        << "bench smoke: ok: " << size << " practices; " << queries.size()
        << " marker queries found their practice through Cohesio search, the floor and FTS5\n";
    return 0;
}

}  // namespace cohesio::bench
