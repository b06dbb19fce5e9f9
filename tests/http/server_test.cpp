// The service on a real socket: any free port on loopback, started and stopped per test suite.
#include "http/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr const char* kAllowedOrigin = "https://platform.example";

class Server : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kFixtureCorpus, dir_->path());
        ServeConfig config;
        config.port = 0;
        config.index = dir_->path().string();
        config.threads = 2;
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
    EXPECT_NE(metrics->body.find("cohesio_request_duration_seconds_bucket"), std::string::npos);
    auto openapi = http.Get("/api/v1/openapi.json");
    ASSERT_TRUE(openapi);
    EXPECT_EQ(json::parse(openapi->body)["openapi"], "3.0.3");
    EXPECT_NE(log_->str().find("\"GET /api/v1/search\" 200"), std::string::npos);
}

}  // namespace
}  // namespace cohesio
