// The service's edge under hostile clients, each test with its own service on a free port and
// the production connection settings: slow clients, pipelining, the in-flight limit and rate
// limiting. Latency-bound (1 s probes), so ctest runs these alone (RUN_SERIAL).
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/files.h"
#include "http/server.h"
#include "support/raw_connection.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::RawConnection;
using testing::TempDir;

// One service over the fixture index, stopped when the object goes away.
class RunningService {
public:
    explicit RunningService(ServeConfig config) {
        testing::build_fixture_index(testing::kFixtureCorpus, dir_.path());
        config.port = 0;
        config.index = dir_.path().string();
        service_ = std::make_unique<Service>(config, log_);
        if (!service_->bind().ok()) return;
        thread_ = std::thread([this] { (void)service_->run(); });
        // cpp-httplib 0.11 has no wait_until_ready: poll, bounded.
        for (int i = 0; i < 200 && !service_->running(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ~RunningService() {
        service_->stop();
        if (thread_.joinable()) thread_.join();
    }
    RunningService(const RunningService&) = delete;
    RunningService& operator=(const RunningService&) = delete;

    bool running() const { return service_->running(); }
    std::string log() const { return log_.str(); }
    int port() const { return service_->port(); }
    // A client that gives up after `patience`: an answer later than that counts as none.
    httplib::Client client(std::chrono::milliseconds patience) const {
        httplib::Client http("127.0.0.1", port());
        http.set_connection_timeout(patience);
        http.set_read_timeout(patience);
        return http;
    }

private:
    TempDir dir_;
    std::ostringstream log_;
    std::unique_ptr<Service> service_;
    std::thread thread_;
};

// A status line read from a new connection from `from` after sending `request`.
std::string ask(int port, const char* from, const std::string& request) {
    RawConnection connection(port, from);
    if (!connection.connected() || !connection.send_text(request)) return "";
    return connection.read_response();
}

std::string get(const std::string& path) {
    return "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
}

TEST(Edge, SixtyFourSlowClientsDoNotLockOthersOut) {
    const RunningService service{ServeConfig{}};  // the production defaults
    ASSERT_TRUE(service.running());
    // Each sends its headers a line at a time, never finishing: the attack, which
    // with 4 connection threads locked every other client out.
    constexpr int kSlowClients = 64;
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (int i = 0; i < kSlowClients; ++i) {
        slow.push_back(std::make_unique<RawConnection>(service.port()));
        ASSERT_TRUE(slow.back()->connected());
        ASSERT_TRUE(slow.back()->send_text("GET /api/v1/search?q=aide HTTP/1.1\r\nHost: t\r\n"));
    }
    std::atomic<bool> done = false;
    std::thread trickle([&] {
        while (!done) {
            for (auto& connection : slow) (void)connection->send_text("X-Slow: yes\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
    });
    auto http = service.client(std::chrono::seconds(1));
    for (int probe = 0; probe < 10; ++probe) {
        auto health = http.Get("/healthz");
        ASSERT_TRUE(health) << "probe " << probe << ": " << httplib::to_string(health.error());
        EXPECT_EQ(health->status, 200);
        auto search = http.Get("/api/v1/search?q=banque%20alimentaire");
        ASSERT_TRUE(search) << "probe " << probe << ": " << httplib::to_string(search.error());
        EXPECT_EQ(search->status, 200);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    done = true;
    trickle.join();
}

TEST(Edge, PipelinedRequestsGetTheFirstAnswerThenAClose) {
    // cpp-httplib 0.11 reads a request through a buffer it drops afterwards, so a second
    // request sent in the same write is never seen. What a client must be able to rely on is
    // that it is not answered wrongly: the first is answered, then the connection closes (after
    // the keep-alive timeout) and the client retries the rest elsewhere, as HTTP/1.1 allows.
    // Through nginx (deploy/), pipelined requests are answered in order.
    ServeConfig config;
    config.keep_alive_seconds = 1;
    const RunningService service{config};
    ASSERT_TRUE(service.running());
    RawConnection connection(service.port());
    ASSERT_TRUE(connection.connected());
    const std::string twice =
        "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
        "GET /api/v1/facets HTTP/1.1\r\nHost: t\r\n\r\n";
    ASSERT_TRUE(connection.send_text(twice));
    EXPECT_EQ(connection.read_response(), "HTTP/1.1 200 OK");
    EXPECT_NE(connection.head().find("Content-Length: 15\r\n"), std::string::npos);
    EXPECT_TRUE(connection.closed_by_peer());
}

TEST(Edge, BeyondTheInFlightLimitARequestIsRefusedAtOnce) {
    ServeConfig config;
    config.max_in_flight = 1;
    const RunningService service{config};
    ASSERT_TRUE(service.running());
    // A request whose body is coming slowly holds the one place.
    const auto hold = [&service] {
        auto holder = std::make_unique<RawConnection>(service.port());
        EXPECT_TRUE(holder->connected());
        EXPECT_TRUE(holder->send_text(
            "POST /api/v1/similar HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n"
            "Content-Length: 28\r\n\r\nbanque"));
        return holder;
    };
    auto holder = hold();
    auto http = service.client(std::chrono::seconds(1));
    // The holder and a probe race for the place: the holder's headers may still be on their
    // way (then the probe is served), or the probe may win and the holder be refused (then a
    // new holder tries again). Each try is answered at once.
    int status = 0;
    std::string retry_after, code;
    for (int attempt = 0; attempt < 20 && status != 503; ++attempt) {
        if (holder->has_bytes_waiting()) holder = hold();
        auto answer = http.Get("/api/v1/search?q=aide");
        ASSERT_TRUE(answer) << httplib::to_string(answer.error());
        status = answer->status;
        if (status == 503) {
            retry_after = answer->get_header_value("Retry-After");
            code = json::parse(answer->body)["error"]["code"];
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    EXPECT_EQ(status, 503);
    EXPECT_EQ(retry_after, "1");
    EXPECT_EQ(code, "busy");
    // Probes and assets need no place.
    auto health = http.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    auto metrics = http.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("\ncohesio_requests_in_flight 1\n"), std::string::npos);
    // Once the holder is answered, the place is free again.
    ASSERT_TRUE(holder->send_text(" alimentaire solidaire"));
    EXPECT_EQ(holder->read_response(), "HTTP/1.1 200 OK");
    auto served = http.Get("/api/v1/search?q=aide");
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200);
}

TEST(Edge, RateLimitsArePerClientAddress) {
    ServeConfig config;
    config.rate_limit = 1;
    config.rate_burst = 3;
    config.trusted_proxies = {"127.0.0.3"};
    const RunningService service{config};
    ASSERT_TRUE(service.running());
    const int port = service.port();
    // 127.0.0.2 is another client than 127.0.0.1 (the whole of 127/8 is loopback).
    std::vector<std::string> statuses;
    for (int i = 0; i < 10; ++i) statuses.push_back(ask(port, "127.0.0.2", get("/api/v1/facets")));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(statuses[i], "HTTP/1.1 200 OK") << i;
    EXPECT_NE(std::count(statuses.begin(), statuses.end(), "HTTP/1.1 429 Too Many Requests"), 0)
        << "10 requests at once got through a limit of 1 per second with a burst of 3";
    // Another client is not held back; probes are never limited.
    EXPECT_EQ(ask(port, "127.0.0.1", get("/api/v1/facets")), "HTTP/1.1 200 OK");
    EXPECT_EQ(ask(port, "127.0.0.2", get("/healthz")), "HTTP/1.1 200 OK");
    // Behind the trusted proxy, clients are told apart by X-Forwarded-For; from anyone else
    // the header is the client's own say and changes nothing.
    const auto forwarded = [](const char* client) {
        return "GET /api/v1/facets HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               "X-Forwarded-For: " +
               std::string(client) + "\r\n\r\n";
    };
    EXPECT_EQ(ask(port, "127.0.0.3", forwarded("192.0.2.1")), "HTTP/1.1 200 OK");
    EXPECT_EQ(ask(port, "127.0.0.3", forwarded("192.0.2.2")), "HTTP/1.1 200 OK");
    int spoofed_through = 0;
    for (const char* claimed : {"192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7"})
        spoofed_through += ask(port, "127.0.0.2", forwarded(claimed)) == "HTTP/1.1 200 OK";
    // Each claimed address would have had a fresh burst; only refills (1 per second) pass.
    EXPECT_LE(spoofed_through, 2);
}

TEST(Edge, TheAdminApiNeedsItsTokenAndItsChangesAreSearchedAtOnce) {
    TempDir corpus;
    std::filesystem::copy(testing::kFixtureCorpus / "practices", corpus.path() / "practices");
    std::filesystem::create_directory_symlink(testing::kReferenceDir, corpus.path() / "reference");
    const std::string token = "0123456789abcdef-admin";
    ServeConfig config;
    config.admin_token = token;
    config.corpus = corpus.path().string();
    const RunningService service{config};
    ASSERT_TRUE(service.running());
    TempDir scratch;
    const std::string record = *read_file(testing::write_practice_variant(
        scratch.path(), "bg-food-bank-model", "xx-new-practice", "zorglub"));
    auto http = service.client(std::chrono::seconds(10));
    auto before = http.Get("/api/v1/search?q=zorglub");
    ASSERT_TRUE(before);
    auto refused = http.Put("/api/v1/practices/xx-new-practice", record, "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 401);
    auto put = http.Put("/api/v1/practices/xx-new-practice", {{"Authorization", "Bearer " + token}},
                        record, "application/json");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 200) << put->body;
    auto search = http.Get("/api/v1/search?q=zorglub");
    ASSERT_TRUE(search);
    EXPECT_EQ(json::parse(search->body)["total"], 1);
    // The update is a new commit: a cached answer is no longer current.
    EXPECT_NE(search->get_header_value("ETag"), before->get_header_value("ETag"));
    EXPECT_EQ(service.log().find(token), std::string::npos);  // never logged
}

}  // namespace
}  // namespace cohesio
