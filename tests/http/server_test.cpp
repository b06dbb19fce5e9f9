// The service on a real socket: any free port on loopback, started and stopped per test suite.
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/raw_connection.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::RawConnection;
using testing::server_end_of;
using testing::TempDir;

constexpr const char* kAllowedOrigin = "https://platform.example";
constexpr unsigned kSearchers = 2;
constexpr unsigned kConnectionThreads = 16;

class Server : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kFixtureCorpus, dir_->path());
        ServeConfig config;
        config.port = 0;
        config.index = dir_->path().string();
        config.threads = kConnectionThreads;
        config.searchers = kSearchers;
        // Long, so that idle connections in a test stay open (and hold their thread) for its
        // whole duration; production uses a short one.
        config.keep_alive_seconds = 600;
        config.max_body_bytes = 1024;
        config.cors_origins = {kAllowedOrigin};
        log_ = new std::ostringstream();
        service_ = new Service(config, *log_);
        ASSERT_TRUE(service_->bind().ok());
        thread_ = new std::thread([] { (void)service_->run(); });
        // cpp-httplib 0.11 has no wait_until_ready: poll, bounded.
        for (int i = 0; i < 200 && !service_->running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ASSERT_TRUE(service_->running());
    }
    static void TearDownTestSuite() {
        service_->stop();
        thread_->join();
        delete thread_;
        delete service_;
        delete log_;
        delete dir_;
    }
    static httplib::Client client() {
        httplib::Client http("127.0.0.1", service_->port());
        http.set_connection_timeout(5);
        http.set_read_timeout(10);
        return http;
    }

    static TempDir* dir_;
    static std::ostringstream* log_;
    static Service* service_;
    static std::thread* thread_;
};

TempDir* Server::dir_ = nullptr;
std::ostringstream* Server::log_ = nullptr;
Service* Server::service_ = nullptr;
std::thread* Server::thread_ = nullptr;

TEST_F(Server, AnswersSearchAndHealth) {
    auto http = client();
    auto health = http.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    auto search = http.Get("/api/v1/search?q=banque%20alimentaire");
    ASSERT_TRUE(search);
    EXPECT_EQ(search->status, 200);
    EXPECT_EQ(json::parse(search->body)["total"], 2);
    EXPECT_TRUE(search->has_header("X-Cohesio-Index"));
}

TEST_F(Server, UnknownPathsAndOversizedBodiesAreJsonErrors) {
    auto http = client();
    auto missing = http.Get("/api/v1/nothing");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_EQ(json::parse(missing->body)["error"]["code"], "not_found");
    auto big = http.Post("/api/v1/similar", std::string(4096, 'a'), "text/plain");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
    // Refused by cpp-httplib before any handler, yet with the code a 413 has everywhere
    // (found by the contract test: it was invalid_parameter).
    const json refusal = json::parse(big->body);
    EXPECT_EQ(refusal["error"]["code"], "payload_too_large");
    EXPECT_EQ(refusal["error"]["parameter"], "body");
}

TEST_F(Server, CorsOnlyForListedOrigins) {
    auto http = client();
    auto allowed = http.Get("/api/v1/search?q=refugies", {{"Origin", kAllowedOrigin}});
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), kAllowedOrigin);
    auto refused = http.Get("/api/v1/search?q=refugies", {{"Origin", "https://elsewhere.example"}});
    ASSERT_TRUE(refused);
    EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));
    auto preflight = http.Options(
        "/api/v1/similar", {{"Origin", kAllowedOrigin}, {"Access-Control-Request-Method", "POST"}});
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 204);
    EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("POST"),
              std::string::npos);
    auto refused_preflight =
        http.Options("/api/v1/similar", {{"Origin", "https://elsewhere.example"}});
    ASSERT_TRUE(refused_preflight);
    EXPECT_FALSE(refused_preflight->has_header("Access-Control-Allow-Origin"));
}

TEST_F(Server, MetricsOpenApiAndAccessLog) {
    auto http = client();
    ASSERT_TRUE(http.Get("/api/v1/search?q=refugies"));
    auto metrics = http.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("cohesio_requests_total{route=\"/api/v1/search\",status=\"200\"}"),
              std::string::npos);
    EXPECT_NE(metrics->body.find("cohesio_index_documents 13"), std::string::npos);
    EXPECT_NE(metrics->body.find("\ncohesio_requests_in_flight 0\n"), std::string::npos);
    EXPECT_NE(metrics->body.find("cohesio_request_duration_seconds_bucket"), std::string::npos);
    auto openapi = http.Get("/api/v1/openapi.json");
    ASSERT_TRUE(openapi);
    EXPECT_EQ(json::parse(openapi->body)["openapi"], "3.0.3");
    EXPECT_NE(log_->str().find("\"GET /api/v1/search\" 200"), std::string::npos);
}

TEST_F(Server, AcceptedSocketsHaveNagleOff) {
    // With Nagle on, the body write waits for the client's delayed ACK of the headers.
    RawConnection connection(service_->port());
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.send_text("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"));
    ASSERT_EQ(connection.read_response(), "HTTP/1.1 200 OK");
    const int server_end = server_end_of(connection);
    ASSERT_GE(server_end, 0) << "the service's end of the connection was not found";
    int nodelay = 0;
    socklen_t length = sizeof(nodelay);
    ASSERT_EQ(::getsockopt(server_end, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length), 0);
    EXPECT_NE(nodelay, 0);
}

TEST_F(Server, IdleAndSlowConnectionsDoNotStarveANewClient) {
    // More idle keep-alive connections than searchers (each holds a connection thread until
    // its keep-alive timeout, here long), and clients stuck in the middle of their headers.
    const unsigned idle = kSearchers * 4;
    const unsigned slow = 4;
    ASSERT_LT(idle + slow, kConnectionThreads) << "the fixture needs more connection threads";
    std::vector<std::unique_ptr<RawConnection>> held;
    for (unsigned i = 0; i < idle; ++i) {
        held.push_back(std::make_unique<RawConnection>(service_->port()));
        ASSERT_TRUE(held.back()->connected());
        ASSERT_TRUE(held.back()->send_text("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"));
        ASSERT_EQ(held.back()->read_response(), "HTTP/1.1 200 OK");
    }
    for (unsigned i = 0; i < slow; ++i) {
        held.push_back(std::make_unique<RawConnection>(service_->port()));
        ASSERT_TRUE(held.back()->connected());
        ASSERT_TRUE(held.back()->send_text("GET /api/v1/search?q=refugies HTTP/1.1\r\nHo"));
    }
    auto http = client();
    auto health = http.Get("/healthz");
    ASSERT_TRUE(health) << httplib::to_string(health.error());
    EXPECT_EQ(health->status, 200);
    auto search = http.Get("/api/v1/search?q=refugies");
    ASSERT_TRUE(search) << httplib::to_string(search.error());
    EXPECT_EQ(search->status, 200);
    // The idle connections are still usable.
    ASSERT_TRUE(held.front()->send_text("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"));
    EXPECT_EQ(held.front()->read_response(), "HTTP/1.1 200 OK");
}

TEST_F(Server, ASharedSearchLinkCarriesItsFirstResults) {
    auto http = client();
    const auto results = [](const std::string& page) {
        std::size_t count = 0;
        for (auto at = page.find("data-testid=\"result\""); at != std::string::npos;
             at = page.find("data-testid=\"result\"", at + 1))
            ++count;
        return count;
    };
    auto shared = http.Get("/?q=banque%20alimentaire&lang=fr");
    ASSERT_TRUE(shared);
    EXPECT_EQ(shared->status, 200);
    EXPECT_EQ(results(shared->body), 2U);
    EXPECT_NE(shared->body.find("data-total=\"2\">2 pratiques trouvées</p>"), std::string::npos);
    EXPECT_EQ(shared->get_header_value("Vary"), "Accept-Language, Accept-Encoding");
    // Its first paint is not held up by preloading the modules; the bare page preloads them.
    EXPECT_FALSE(shared->has_header("Link"));
    // Without ?lang, the language comes from the browser's preferences.
    auto english = http.Get("/?q=banque%20alimentaire", {{"Accept-Language", "en-GB,fr;q=0.5"}});
    ASSERT_TRUE(english);
    EXPECT_NE(english->body.find("2 practices found"), std::string::npos);
    // A practice page, and parameters that are not text, get the bare page.
    for (const char* path : {"/?practice=am-national-food-bank&q=banque", "/?q=%FF"}) {
        auto bare = http.Get(path);
        ASSERT_TRUE(bare) << path;
        EXPECT_EQ(bare->status, 200) << path;
        EXPECT_EQ(results(bare->body), 0U) << path;
        EXPECT_NE(bare->body.find("<ol id=\"results\""), std::string::npos) << path;
        EXPECT_NE(bare->get_header_value("Link").find("rel=modulepreload"), std::string::npos);
    }
}

TEST_F(Server, EveryResponseCarriesSecurityHeadersAndARequestId) {
    auto http = client();
    for (const char* path : {"/api/v1/search?q=refugies", "/api/v1/nothing", "/healthz", "/"}) {
        auto response = http.Get(path);
        ASSERT_TRUE(response) << path;
        EXPECT_EQ(response->get_header_value("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(response->get_header_value("Referrer-Policy"), "strict-origin-when-cross-origin")
            << path;
        EXPECT_EQ(response->get_header_value("X-Request-Id").size(), 16U) << path;
        EXPECT_EQ(response->get_header_value_count("X-Content-Type-Options"), 1U) << path;
    }
    // A proxy's id is kept, so one request can be followed through both logs; anything that
    // is not a short token is replaced.
    auto given = http.Get("/healthz", {{"X-Request-Id", "nginx-7f3a.2"}});
    ASSERT_TRUE(given);
    EXPECT_EQ(given->get_header_value("X-Request-Id"), "nginx-7f3a.2");
    auto replaced = http.Get("/healthz", {{"X-Request-Id", "two words"}});
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->get_header_value("X-Request-Id").size(), 16U);
    // The access log line: UTC time, peer, request without its query, status, size, latency, id.
    const std::string log = log_->str();
    const auto line_at = log.find("\"GET /healthz\" 200 15 ");
    ASSERT_NE(line_at, std::string::npos) << log;
    EXPECT_NE(log.find("ms nginx-7f3a.2\n"), std::string::npos) << log;
    EXPECT_EQ(log.find("q=refugies"), std::string::npos);
}

TEST_F(Server, CompressedResponsesVaryOnAcceptEncoding) {
    auto http = client();
    http.set_decompress(false);
    auto search = http.Get("/api/v1/search?q=refugies", {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(search);
    EXPECT_EQ(search->get_header_value("Content-Encoding"), "gzip");
    EXPECT_EQ(search->get_header_value("Vary"), "Accept-Encoding");
    auto page = http.Get("/?q=refugies", {{"Accept-Encoding", "identity"}});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->get_header_value("Vary"), "Accept-Language, Accept-Encoding");
    EXPECT_EQ(page->get_header_value_count("Vary"), 1U);
}

TEST_F(Server, AWrongMethodIs405NamingTheAllowedOnes) {
    auto http = client();
    struct Case {
        const char* method;
        const char* path;
        int status;
        const char* allow;
    };
    const Case cases[] = {
        {"PUT", "/api/v1/search", 405, "GET, HEAD, OPTIONS"},
        {"DELETE", "/api/v1/practices/am-national-food-bank", 405, "GET, HEAD, OPTIONS"},
        {"GET", "/api/v1/similar", 405, "POST, OPTIONS"},
        {"POST", "/healthz", 405, "GET, HEAD"},
        {"OPTIONS", "/", 405, "GET, HEAD"},
        {"PUT", "/api/v1/nothing", 404, ""},
        {"POST", "/nothing", 404, ""},
    };
    for (const Case& c : cases) {
        httplib::Request request;
        request.method = c.method;
        request.path = c.path;
        if (std::string(c.method) != "GET" && std::string(c.method) != "OPTIONS")
            request.body = "{}";
        auto response = http.send(request);
        ASSERT_TRUE(response) << c.method << " " << c.path;
        EXPECT_EQ(response->status, c.status) << c.method << " " << c.path;
        EXPECT_EQ(response->get_header_value("Allow"), c.allow) << c.method << " " << c.path;
        const auto code = json::parse(response->body)["error"]["code"];
        EXPECT_EQ(code, c.status == 405 ? "method_not_allowed" : "not_found") << c.path;
    }
}

TEST_F(Server, RefusalsDoNotWaitForABodyThatNeverComes) {
    // Refused from the headers alone: before, such a request held its thread until the read
    // timeout, then got a 404 or 400. A read bound below the service's timeout tells them apart.
    struct Case {
        const char* request;
        const char* status;
    };
    const Case cases[] = {
        {"PUT /api/v1/search HTTP/1.1\r\nHost: t\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"},
        {"POST /api/v1/similar HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\n\r\n",
         "HTTP/1.1 411 Length Required"},
    };
    for (const Case& c : cases) {
        RawConnection connection(service_->port());
        ASSERT_TRUE(connection.connected());
        connection.set_receive_timeout(std::chrono::seconds(2));
        ASSERT_TRUE(connection.send_text(c.request));
        EXPECT_EQ(connection.read_response(), c.status) << c.request;
    }
}

TEST_F(Server, AnswersCarryETagsAndRevalidateTo304) {
    auto http = client();
    auto first = http.Get("/api/v1/search?q=refugies");
    ASSERT_TRUE(first);
    const std::string tag = first->get_header_value("ETag");
    EXPECT_TRUE(tag.starts_with("W/\"db-")) << tag;  // the generation, and its commit
    EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
    auto unchanged = http.Get("/api/v1/search?q=refugies", {{"If-None-Match", tag}});
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());
    auto stale = http.Get("/api/v1/search?q=refugies", {{"If-None-Match", "W/\"db-0.1\""}});
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->status, 200);
    // Assets: their content's hash.
    auto script = http.Get("/app.js");
    ASSERT_TRUE(script);
    const std::string script_tag = script->get_header_value("ETag");
    ASSERT_FALSE(script_tag.empty());
    auto cached = http.Get("/app.js", {{"If-None-Match", script_tag}});
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->status, 304);
}

}  // namespace
}  // namespace cohesio
