// The smoke check (ctest bench.smoke): a few hundred generated practices indexed through the
// real path and into FTS5; each planted marker word must find its practice through Cohesio's
// search, the floor and FTS5. Asserts no timing, so it runs on the sanitizer build too.
#pragma once

#include <filesystem>

namespace cohesio::bench {

// Returns the exit code: 0 when every engine found every marker, 1 otherwise (with why).
int run_smoke(std::size_t size, const std::filesystem::path& corpus,
              const std::filesystem::path& dir);

}  // namespace cohesio::bench
