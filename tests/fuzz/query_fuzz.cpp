// Fuzzes query parsing and search: the input is the query text of Searcher::search over the
// fixture index, as `cohesio search` passes its argument (unchecked bytes: the command line
// does not validate UTF-8). A bad query must come back as the user's mistake
// (invalid_input) or be searched as plain words; an io or internal error means the engine
// threw on a query, which is a bug here since the index itself is sound.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_support.h"
#include "search/searcher.h"

namespace {

// libFuzzer calls LLVMFuzzerTestOneInput with no user state, so the Searcher (and the index
// it reads, built once from the fixture corpus) lives in this function-local static.
cohesio::Searcher& searcher() {
    static const std::unique_ptr<cohesio::Searcher> instance = cohesio::fuzz::take(
        cohesio::Searcher::open(cohesio::fuzz::build_fixture_index(COHESIO_FUZZ_WORK_DIR)));
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    searcher();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cohesio::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data), size);
    const auto response = searcher().search(request);
    if (!response && (response.error().kind == cohesio::ErrorKind::io ||
                      response.error().kind == cohesio::ErrorKind::internal)) {
        std::fprintf(stderr, "search failed: %s\n", response.error().describe().c_str());
        std::abort();
    }
    return 0;
}
