#include "http/admission.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace cohesio {

namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

bool is_token(std::string_view text) {
    return !text.empty() && text.size() <= kMaxRequestIdLength &&
           std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
           });
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

void Endpoints::add(std::string_view method, const std::string& pattern) {
    endpoints_.push_back({std::string(method), std::regex(pattern)});
}

bool Endpoints::has(std::string_view method, const std::string& path) const {
    // cpp-httplib answers HEAD with the GET handler.
    const std::string_view wanted = method == "HEAD" ? "GET" : method;
    return std::any_of(endpoints_.begin(), endpoints_.end(), [&](const Endpoint& endpoint) {
        return endpoint.method == wanted && std::regex_match(path, endpoint.pattern);
    });
}

std::optional<std::string> Endpoints::allowed(const std::string& path) const {
    static constexpr std::array<std::string_view, 4> kOrder = {"GET", "POST", "PUT", "DELETE"};
    std::vector<std::string_view> methods;
    for (const Endpoint& endpoint : endpoints_) {
        if (std::regex_match(path, endpoint.pattern)) methods.push_back(endpoint.method);
    }
    // OPTIONS answers every API path (CORS preflight): alone, it does not make a path known.
    if (std::all_of(methods.begin(), methods.end(),
                    [](std::string_view method) { return method == "OPTIONS"; }))
        return std::nullopt;
    std::string allow;
    const auto append = [&allow](std::string_view method) {
        if (!allow.empty()) allow += ", ";
        allow += method;
    };
    for (std::string_view method : kOrder) {
        if (std::find(methods.begin(), methods.end(), method) == methods.end()) continue;
        append(method);
        if (method == "GET") append("HEAD");
    }
    if (std::find(methods.begin(), methods.end(), "OPTIONS") != methods.end()) append("OPTIONS");
    return allow;
}

RateLimiter::RateLimiter(unsigned per_second, unsigned burst)
    : per_second_(per_second), burst_(std::max(1u, burst)) {}

unsigned RateLimiter::wait_seconds(const std::string& client, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (buckets_.size() >= kMaxClients) {
        std::erase_if(buckets_, [&](const auto& entry) {
            const std::chrono::duration<double> idle = now - entry.second.updated;
            return entry.second.tokens + idle.count() * per_second_ >= burst_;
        });
        if (buckets_.size() >= kMaxClients) buckets_.clear();
    }
    auto [found, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& bucket = found->second;
    if (!fresh) {
        const std::chrono::duration<double> elapsed = now - bucket.updated;
        bucket.tokens = std::min(burst_, bucket.tokens + elapsed.count() * per_second_);
        bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
    }
    return static_cast<unsigned>(std::ceil((1 - bucket.tokens) / per_second_));
}

std::size_t RateLimiter::clients() const {
    const std::lock_guard lock(mutex_);
    return buckets_.size();
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
    const auto trusted = [&trusted_proxies](std::string_view address) {
        return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
               trusted_proxies.end();
    };
    if (!trusted(peer)) return peer;
    std::string_view rest = forwarded_for;
    while (!rest.empty()) {
        const std::size_t comma = rest.rfind(',');
        const std::string_view hop =
            trimmed(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (!hop.empty() && !trusted(hop)) return std::string(hop);
    }
    // Only proxies on the way: the request started at one of them.
    return peer;
}

bool InFlightLimit::try_enter() {
    unsigned current = count_.load();
    do {
        if (current >= limit_) return false;
    } while (!count_.compare_exchange_weak(current, current + 1));
    return true;
}

std::string RequestIds::take_or_make(std::string_view given) {
    if (is_token(given)) return std::string(given);
    std::uint64_t bits = 0;
    {
        const std::lock_guard lock(mutex_);
        bits = random_();
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(16, '0');
    for (char& digit : id) {
        digit = kHex[bits & 0xf];
        bits >>= 4;
    }
    return id;
}

bool needs_engine(std::string_view path) {
    if (path == "/" || path == "/readyz") return true;
    return path.starts_with("/api/") && path != "/api/v1/openapi.json";
}

}  // namespace cohesio
