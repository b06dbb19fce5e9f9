// HTTP load: a `cohesio serve` started on a free loopback port, driven by wrk through a small
// Lua script that cycles through the query set's URLs; time-bounded runs, loopback only.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/result.h"
#include "queries.h"

namespace cohesio::bench {

struct HttpFigures {
    std::size_t requests = 0;
    double per_second = 0;
    double p50 = 0, p95 = 0, p99 = 0;  // milliseconds
    std::size_t non_2xx = 0, socket_errors = 0, timeouts = 0;
};

enum class HttpOperation { search, similar, similar_text, suggest };
const char* http_name(HttpOperation operation);

// A running `cohesio serve`; stopped (SIGTERM, then waited for) on destruction.
class Service {
public:
    static Result<std::unique_ptr<Service>> start(const std::string& cohesio,
                                                  const std::filesystem::path& index,
                                                  const std::filesystem::path& log);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;
    int port() const { return port_; }

private:
    Service(pid_t pid, int output, int port) : pid_(pid), output_(output), port_(port) {}
    pid_t pid_;
    int output_;  // kept open: serve must not get SIGPIPE writing to its stdout
    int port_;
};

// Writes one file of request targets (or POST bodies) per operation, and the Lua script.
Status write_targets(const QuerySet& queries, const std::filesystem::path& dir);

// One wrk run of `seconds` at `connections` against 127.0.0.1:port.
Result<HttpFigures> run_wrk(const std::filesystem::path& dir, int port, HttpOperation operation,
                            unsigned connections, unsigned seconds);

// "wrk 4.1.0" or why it is unavailable.
std::string wrk_version();

}  // namespace cohesio::bench
