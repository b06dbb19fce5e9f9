// The fixed query set: a few hundred requests drawn once from the learned model, the same for
// Cohesio, the bare-Xapian floor, FTS5 and HTTP, so their figures compare like with like.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator.h"

namespace cohesio::bench {

enum class QueryKind { words, phrase, typo, browse };

struct BenchQuery {
    QueryKind kind = QueryKind::words;
    std::vector<std::string> words;  // as typed (a phrase: its words, in order)
    std::map<std::string, std::vector<std::string>> filters;  // facet -> values (OR-ed)

    // The query text Cohesio reads: words, a phrase in double quotes, "" when browsing.
    std::string text() const;
};

struct QuerySet {
    std::vector<BenchQuery> searches;
    std::vector<std::string> similar_ids;  // practices to find similar ones for
    std::vector<std::string> situations;   // free-text descriptions for similar --text
    std::vector<std::string> typed;        // type-ahead prefixes for suggest
};

// `count` searches (~30% filtered, some browse-only) and as many of each other kind.
QuerySet make_queries(const Generator& generator, std::size_t count);

// One query per planted marker word (and one filtered by its practice's country).
std::vector<std::pair<BenchQuery, std::string>> marker_queries(const Generator& generator);

const char* kind_name(QueryKind kind);

}  // namespace cohesio::bench
