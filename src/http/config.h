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
#include "index/shards.h"

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
    // How long a stub's remote shard may take to connect, and to answer each exchange, before
    // the search gets 503 (index/shards.h). Searches take milliseconds; a shard slower than this
    // is down for our purposes.
    unsigned shard_timeout_ms = 2000;
    // A shard down: 503 ("fail"), or answers from the other shards flagged `partial` with the
    // missing shards named ("answer").
    bool answer_without_missing_shards = false;
    // Requests being worked on (needing a Searcher) beyond which the next is refused at once
    // with 503 + Retry-After instead of queueing; probes, metrics and assets are not counted.
    unsigned max_in_flight = 64;
    // Requests per second per client address, 0: off. Production limits live in the proxy
    // (nginx limit_req); this guards a service exposed directly. `rate_burst` at once.
    unsigned rate_limit = 0;
    unsigned rate_burst = 20;
    // Proxies (exact addresses) whose X-Forwarded-For names the client, for rate limiting.
    std::vector<std::string> trusted_proxies;
    unsigned keep_alive_seconds = 2;  // an idle keep-alive connection holds a thread
    // Per read and per write: what a client stalling mid-request holds a thread for (a whole-
    // request deadline is the proxy's: nginx client_header_timeout / client_body_timeout).
    unsigned timeout_seconds = 5;
    std::size_t max_body_bytes = 64 * 1024;  // POST /api/v1/similar
    std::vector<std::string> cors_origins;   // exact origins allowed to call the API
    // The admin API (PUT and DELETE /api/v1/practices/{id}, /api/v1/reindex) is served only
    // with a token: from a file (--admin-token-file, COHESIO_ADMIN_TOKEN_FILE) or from
    // COHESIO_ADMIN_TOKEN; never a flag, which any user could read in the process list.
    std::string admin_token;
    // Where the admin API keeps records (practices/) and checks them (reference/).
    std::string corpus = "corpus";

    static unsigned default_searchers();

    // `env` returns a variable's value or nothing; `flags` are --name values by name.
    static Result<ServeConfig> load(
        const std::function<std::optional<std::string>(const char*)>& env,
        const std::map<std::string, std::vector<std::string>>& flags);
};

// How `config` reads remote shards (shard_timeout_ms for both timeouts).
RemoteOptions remote_options(const ServeConfig& config);

}  // namespace cohesio
