// Service configuration: defaults, then COHESIO_* environment variables, then flags; checked
// once at start, with the option at fault named.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio {

struct ServeConfig {
    std::string bind = "127.0.0.1";
    int port = 8080;  // 0: any free port
    std::string index = "index";
    // Connection threads: one per open connection (cpp-httplib), cheap, so many, that idle
    // keep-alive and slow clients cannot take them all. Searchers do the engine work: one per
    // core; a request waits at most searcher_wait_ms for one, then gets 503 + Retry-After. 3 s:
    // at 100,000 practices 64 clients queue ~1 s for 2 searchers, and a short wait beats an error.
    unsigned threads = 128;
    unsigned searchers = default_searchers();
    unsigned searcher_wait_ms = 3000;
    unsigned keep_alive_seconds = 2;         // an idle keep-alive connection holds a thread
    unsigned timeout_seconds = 10;           // read and write
    std::size_t max_body_bytes = 64 * 1024;  // POST /api/v1/similar
    std::vector<std::string> cors_origins;   // exact origins allowed to call the API

    static unsigned default_searchers();

    // `env` returns a variable's value or nothing; `flags` are --name values by name.
    static Result<ServeConfig> load(
        const std::function<std::optional<std::string>(const char*)>& env,
        const std::map<std::string, std::vector<std::string>>& flags);
};

}  // namespace cohesio
