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

// Search and similar over the corpus as `shards` shards, local and through xapian-tcpsrv, on
// 1 and 2 threads; `single`: the single database's in-process rows, for the ratios.
std::vector<Row> shard_rows(std::size_t size, const Generator& generator, const DataPaths& paths,
                            const QuerySet& queries, const SuiteOptions& options,
                            std::size_t shards, const std::vector<Row>& single);

}  // namespace cohesio::bench
