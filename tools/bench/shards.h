// The same corpus as N shards (cohesio index --shards), searched as one: through N local
// xapian-tcpsrv processes (Xapian's remote backend, as docs/scaling.md deploys it) and as local
// databases listed in the generation's stub, beside the single database's figures.
#pragma once

#include <vector>

#include "generator.h"
#include "indexing.h"
#include "queries.h"
#include "report.h"
#include "suite.h"

namespace cohesio::bench {

// `single`: the single database's 1-thread search and similar rows, for the ratios.
std::vector<Row> shard_rows(std::size_t size, const Generator& generator, const DataPaths& paths,
                            const QuerySet& queries, const SuiteOptions& options,
                            std::size_t shards, const Row& single_search,
                            const Row& single_similar);

}  // namespace cohesio::bench
