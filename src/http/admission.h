// Admission: what the service decides about a request before routing it, without a socket
// (tests call these directly). server.cpp applies them in cpp-httplib's pre-routing handler,
// which runs once the headers are read and before any body is: a refusal costs no body read.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cohesio {

// The endpoints the service answers, by method and path pattern (cpp-httplib's regex), so a
// known path asked with another method is a 405 naming the methods it has.
class Endpoints {
public:
    void add(std::string_view method, const std::string& pattern);

    bool has(std::string_view method, const std::string& path) const;
    // The Allow header for `path` ("GET, HEAD, OPTIONS"), or nothing when no endpoint has it.
    std::optional<std::string> allowed(const std::string& path) const;

private:
    struct Endpoint {
        std::string method;
        std::regex pattern;
    };
    std::vector<Endpoint> endpoints_;
};

// Token buckets, one per client: `per_second` requests sustained, `burst` at once.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(unsigned per_second, unsigned burst);

    // Clients remembered at most: past this, those whose bucket has refilled are forgotten,
    // and if every one is still draining, all are (a flood of addresses makes the limiter
    // lenient for a moment rather than make memory grow).
    static constexpr std::size_t kMaxClients = 10000;

    // 0 when `client` may go ahead now (and a token is taken); else whole seconds to wait.
    unsigned wait_seconds(const std::string& client, Clock::time_point now);
    std::size_t clients() const;

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };

    const double per_second_;
    const double burst_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

// The address a request is from: the peer, or, when the peer is a trusted proxy, the address
// that proxy saw, taken from the right of X-Forwarded-For past any other trusted proxy (what
// lies further left was written by the client and proves nothing).
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// Requests being worked on; beyond the limit a request is refused at once (503, Retry-After)
// rather than queued behind work that would make it late anyway.
class InFlightLimit {
public:
    explicit InFlightLimit(unsigned limit) : limit_(limit) {}

    bool try_enter();
    void leave() { count_.fetch_sub(1); }
    unsigned count() const { return count_.load(); }

private:
    const unsigned limit_;
    std::atomic<unsigned> count_{0};
};

// Request ids for following one request through the logs: the client's X-Request-Id when it
// is a short token (nginx's $request_id, say), else a new random one.
class RequestIds {
public:
    std::string take_or_make(std::string_view given);

private:
    std::mutex mutex_;
    std::mt19937_64 random_{std::random_device{}()};
};

// Whether answering `path` needs a Searcher: the API (but its OpenAPI document), readiness
// and the page, which draws its first results. Probes, metrics and assets never wait.
bool needs_engine(std::string_view path);

}  // namespace cohesio
