// Admission decisions without a socket: methods per path, client addresses behind proxies,
// token buckets on a clock the test moves, the in-flight count and request ids.
#include "http/admission.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>

namespace cohesio {
namespace {

TEST(Endpoints, AllowListsThePathsMethodsInAFixedOrder) {
    Endpoints endpoints;
    endpoints.add("GET", R"(/api/v1/practices/([^/]+))");
    endpoints.add("POST", R"(/api/v1/similar)");
    endpoints.add("GET", R"(/healthz)");
    endpoints.add("OPTIONS", R"(/api/v1/.*)");
    struct Case {
        const char* path;
        const char* allow;  // "" for an unknown path
    };
    const Case cases[] = {
        {"/api/v1/practices/am-national-food-bank", "GET, HEAD, OPTIONS"},
        {"/api/v1/similar", "POST, OPTIONS"},
        {"/healthz", "GET, HEAD"},
        {"/api/v1/unknown", ""},  // OPTIONS alone does not make a path known
        {"/api/v1/practices/a/b", ""},
        {"/nothing", ""},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(endpoints.allowed(c.path).value_or(""), c.allow) << c.path;
    }
    EXPECT_TRUE(endpoints.has("HEAD", "/healthz"));
    EXPECT_TRUE(endpoints.has("POST", "/api/v1/similar"));
    EXPECT_FALSE(endpoints.has("POST", "/healthz"));
    EXPECT_FALSE(endpoints.has("PUT", "/api/v1/practices/x"));
}

TEST(ClientAddress, ForwardedForCountsOnlyFromATrustedProxy) {
    const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.2"};
    struct Case {
        const char* peer;
        const char* forwarded_for;
        const char* client;
    };
    const Case cases[] = {
        {"192.0.2.9", "", "192.0.2.9"},
        {"192.0.2.9", "203.0.113.5", "192.0.2.9"},  // untrusted peer: its header proves nothing
        {"127.0.0.1", "203.0.113.5", "203.0.113.5"},
        {"127.0.0.1", "1.1.1.1, 203.0.113.5", "203.0.113.5"},   // the left was the client's say
        {"127.0.0.1", "203.0.113.5, 10.0.0.2", "203.0.113.5"},  // past another trusted proxy
        {"127.0.0.1", " 203.0.113.5 ,  ", "203.0.113.5"},
        {"127.0.0.1", "", "127.0.0.1"},
        {"127.0.0.1", "10.0.0.2", "127.0.0.1"},  // only proxies: the request began at one
    };
    for (const Case& c : cases) {
        EXPECT_EQ(client_address(c.peer, c.forwarded_for, proxies), c.client)
            << c.peer << " / " << c.forwarded_for;
    }
}

TEST(RateLimiter, ABurstThenTheSustainedRatePerClient) {
    RateLimiter limiter(2, 3);  // 2 per second, 3 at once
    const auto start = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.wait_seconds("a", start), 0U) << i;
    EXPECT_EQ(limiter.wait_seconds("a", start), 1U);
    EXPECT_EQ(limiter.wait_seconds("b", start), 0U);  // another client has its own bucket
    // Half a second later one more request may go (2 per second), not two.
    const auto later = start + std::chrono::milliseconds(500);
    EXPECT_EQ(limiter.wait_seconds("a", later), 0U);
    EXPECT_EQ(limiter.wait_seconds("a", later), 1U);
    // Refills stop at the burst.
    const auto much_later = start + std::chrono::minutes(5);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.wait_seconds("a", much_later), 0U) << i;
    EXPECT_EQ(limiter.wait_seconds("a", much_later), 1U);
}

TEST(RateLimiter, ASlowRateAsksForALongerWait) {
    RateLimiter limiter(1, 1);
    const auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    EXPECT_EQ(limiter.wait_seconds("a", now), 0U);
    EXPECT_EQ(limiter.wait_seconds("a", now), 1U);
    EXPECT_EQ(limiter.wait_seconds("a", now + std::chrono::milliseconds(900)), 1U);
    EXPECT_EQ(limiter.wait_seconds("a", now + std::chrono::milliseconds(1100)), 0U);
}

TEST(RateLimiter, ManyClientsStayBounded) {
    RateLimiter limiter(100, 1);
    auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    // Far more addresses than it remembers, some within the same millisecond; each new one
    // still gets its burst.
    for (int i = 0; i < 30000; ++i) {
        if (i % 3 == 0) now += std::chrono::milliseconds(1);
        ASSERT_EQ(limiter.wait_seconds("client-" + std::to_string(i), now), 0U) << i;
        ASSERT_LE(limiter.clients(), RateLimiter::kMaxClients) << i;
    }
}

TEST(InFlightLimit, RefusesBeyondItsLimitUntilOneLeaves) {
    InFlightLimit limit(2);
    EXPECT_TRUE(limit.try_enter());
    EXPECT_TRUE(limit.try_enter());
    EXPECT_FALSE(limit.try_enter());
    EXPECT_EQ(limit.count(), 2U);
    limit.leave();
    EXPECT_TRUE(limit.try_enter());
}

TEST(RequestIds, KeepsShortTokensAndMakesTheRest) {
    RequestIds ids;
    EXPECT_EQ(ids.take_or_make("nginx-7f3a.2_x"), "nginx-7f3a.2_x");
    std::set<std::string> made;
    const std::vector<std::string> refused = {"", "two words", "line\r\nbreak", "é",
                                              std::string(65, 'a')};
    for (const std::string& given : refused) {
        const std::string id = ids.take_or_make(given);
        EXPECT_EQ(id.size(), 16U) << given;
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
        made.insert(id);
    }
    EXPECT_EQ(made.size(), 5U);
}

TEST(NeedsEngine, TheApiAndThePageButNotProbesOrAssets) {
    for (const char* path : {"/", "/readyz", "/api/v1/search", "/api/v1/practices/x"})
        EXPECT_TRUE(needs_engine(path)) << path;
    for (const char* path : {"/healthz", "/metrics", "/app.js", "/api/v1/openapi.json"})
        EXPECT_FALSE(needs_engine(path)) << path;
}

}  // namespace
}  // namespace cohesio
