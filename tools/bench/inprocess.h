// In-process timings of each operation through the engines' own APIs, on 1 or more threads,
// every thread with its own searcher (Xapian and ICU objects are not shared across threads).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "index/shards.h"
#include "normalise/lexicon.h"
#include "queries.h"
#include "timing.h"

namespace cohesio::bench {

enum class Engine {
    search,        // Cohesio Searcher::search: exact facets, snippets, records
    floor,         // the same ranking query through a bare Enquire
    fts5,          // SQLite FTS5, bm25, the same filters
    similar,       // similar_practices for a practice id
    similar_text,  // similar_practices for a free-text situation
    suggest,       // type-ahead
};
const char* engine_name(Engine engine);
// The engine a name of --engines means (search, floor, fts5, similar, similar-text, suggest).
std::optional<Engine> engine_from_option(std::string_view name);

struct Inputs {
    std::filesystem::path index;  // Cohesio's index root (with `current`)
    std::filesystem::path fts5;
    const QuerySet& queries;
    // The word lists spelling correction reads, loaded before any timing and shared by the
    // searchers, as a server loads them at start and shares them.
    std::shared_ptr<const cohesio::Lexicon> lexicon;
    RemoteOptions timeouts{};  // when `index` is a stub with remote shards
};

Latency time_engine(Engine engine, const Inputs& inputs, unsigned threads, const Budget& budget);

}  // namespace cohesio::bench
