// The production set-up as people run it: Debian's nginx with deploy/nginx/cohesio.conf (its
// ports, certificate paths and header deadline substituted, nothing else) in front of
// `cohesio serve`, over TLS with a self-signed certificate made by openssl. Slow clients,
// pipelining, rate limiting and hostile requests through it. Started and stopped by the test.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/files.h"
#include "http/server.h"
#include "support/process.h"
#include "support/raw_connection.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::free_port;
using testing::RawConnection;
using testing::run;
using testing::TempDir;

// `text` with `from` replaced by `to`; a test failure if `from` is not there, so the test
// notices when the shipped configuration changes shape.
std::string substitute(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << "deploy/nginx/cohesio.conf no longer has: " << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// nginx's client_header_timeout in the test: short enough to watch it cut a slow client.
constexpr int kHeaderDeadlineSeconds = 2;

class Nginx : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        const fs::path index = dir_->path() / "index";
        testing::build_fixture_index(testing::kFixtureCorpus, index);
        ServeConfig config;
        config.port = 0;
        config.index = index.string();
        config.trusted_proxies = {"127.0.0.1"};
        log_ = new std::ostringstream();
        service_ = new Service(config, *log_);
        ASSERT_TRUE(service_->bind().ok());
        service_thread_ = new std::thread([] { (void)service_->run(); });
        ASSERT_TRUE(run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                         "-subj", "/CN=localhost", "-keyout", (dir_->path() / "key.pem").string(),
                         "-out", (dir_->path() / "cert.pem").string()}))
            << "openssl could not make a certificate";
        port_ = free_port();
        write_configuration();
        start_nginx();
    }

    static void TearDownTestSuite() {
        if (nginx_ > 0) {
            ::kill(nginx_, SIGQUIT);
            ::waitpid(nginx_, nullptr, 0);
        }
        service_->stop();
        service_thread_->join();
        delete service_thread_;
        delete service_;
        delete log_;
        delete dir_;
    }

    static void write_configuration() {
        const fs::path root = dir_->path();
        std::string site = *read_file(testing::kSourceDir / "deploy/nginx/cohesio.conf");
        site = substitute(site, "listen 443 ssl;",
                          "listen 127.0.0.1:" + std::to_string(port_) + " ssl;");
        site = substitute(site, "server 127.0.0.1:8080;",
                          "server 127.0.0.1:" + std::to_string(service_->port()) + ";");
        site = substitute(site, "/etc/ssl/cohesio/fullchain.pem", (root / "cert.pem").string());
        site = substitute(site, "/etc/ssl/cohesio/privkey.pem", (root / "key.pem").string());
        site = substitute(site, "client_header_timeout 10s;",
                          "client_header_timeout " + std::to_string(kHeaderDeadlineSeconds) + "s;");
        std::ofstream(root / "cohesio.conf") << site;
        // One process as this user (no worker switching to nobody, who could not write the
        // temporary directories), everything under the test's directory.
        std::ofstream(root / "nginx.conf")
            << "daemon off;\nmaster_process off;\npid " << (root / "nginx.pid").string() << ";\n"
            << "error_log " << (root / "error.log").string() << " warn;\n"
            << "events { worker_connections 2048; }\n"
            << "http {\n  access_log " << (root / "access.log").string() << ";\n"
            << "  client_body_temp_path " << (root / "body").string() << ";\n"
            << "  proxy_temp_path " << (root / "proxy").string() << ";\n"
            << "  fastcgi_temp_path " << (root / "fastcgi").string() << ";\n"
            << "  uwsgi_temp_path " << (root / "uwsgi").string() << ";\n"
            << "  scgi_temp_path " << (root / "scgi").string() << ";\n"
            << "  include " << (root / "cohesio.conf").string() << ";\n}\n";
    }

    static void start_nginx() {
        const fs::path root = dir_->path();
        const std::string prefix = root.string() + "/";
        const std::string config = (root / "nginx.conf").string();
        const std::string errors = (root / "error.log").string();
        nginx_ = ::fork();
        if (nginx_ == 0) {
            std::freopen("/dev/null", "w", stdout);
            ::execlp("nginx", "nginx", "-p", prefix.c_str(), "-e", errors.c_str(), "-c",
                     config.c_str(), nullptr);
            ::_exit(127);
        }
        // Until it accepts TLS, bounded.
        for (int attempt = 0; attempt < 100; ++attempt) {
            RawConnection probe(port_);
            if (probe.connected() && probe.start_tls()) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        const auto log = read_file(errors);
        ADD_FAILURE() << "nginx did not start: " << (log ? *log : std::string("no error log"));
    }

    // A TLS connection to nginx from `from`.
    static std::unique_ptr<RawConnection> connect(const char* from = "127.0.0.1") {
        auto connection = std::make_unique<RawConnection>(port_, from);
        if (!connection->connected() || !connection->start_tls()) return nullptr;
        return connection;
    }

    // The status line of one request on a new TLS connection from `from`.
    static std::string ask(const std::string& request, const char* from = "127.0.0.1") {
        auto connection = connect(from);
        if (!connection || !connection->send_text(request)) return "";
        return connection->read_response();
    }

    static TempDir* dir_;
    static std::ostringstream* log_;
    static Service* service_;
    static std::thread* service_thread_;
    static pid_t nginx_;
    static int port_;
};

TempDir* Nginx::dir_ = nullptr;
std::ostringstream* Nginx::log_ = nullptr;
Service* Nginx::service_ = nullptr;
std::thread* Nginx::service_thread_ = nullptr;
pid_t Nginx::nginx_ = -1;
int Nginx::port_ = -1;

std::string get(const std::string& path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
}

TEST_F(Nginx, ServesTheApiOverTlsWithOneRequestIdInBothLogs) {
    auto connection = connect();
    ASSERT_NE(connection, nullptr);
    ASSERT_TRUE(connection->send_text(get("/api/v1/search?q=banque%20alimentaire")));
    EXPECT_EQ(connection->read_response(), "HTTP/1.1 200 OK");
    const std::string head = connection->head();
    EXPECT_NE(head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("Strict-Transport-Security: "), std::string::npos) << head;
    // nginx's $request_id (32 hex digits) reached the service, which echoed and logged it.
    const auto id_at = head.find("X-Request-Id: ");
    ASSERT_NE(id_at, std::string::npos) << head;
    const std::string id = head.substr(id_at + 14, 32);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    EXPECT_NE(log_->str().find(" " + id + "\n"), std::string::npos);
    // Metrics are for the monitoring host only.
    EXPECT_EQ(ask(get("/metrics"), "127.0.0.2"), "HTTP/1.1 403 Forbidden");
    EXPECT_EQ(ask(get("/metrics")), "HTTP/1.1 200 OK");
}

TEST_F(Nginx, SlowClientsAreHeldByNginxAndCutAtTheDeadline) {
    // 256 clients sending headers a line at a time, from four addresses (nginx allows 64
    // connections per address), and a probe from a fifth that must still get through.
    std::vector<std::unique_ptr<RawConnection>> slow;
    for (const char* from : {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"}) {
        for (int i = 0; i < 64; ++i) {
            auto connection = connect(from);
            ASSERT_NE(connection, nullptr) << from << " #" << i;
            ASSERT_TRUE(connection->send_text("GET /api/v1/search?q=aide HTTP/1.1\r\n"));
            slow.push_back(std::move(connection));
        }
    }
    const auto started = Clock::now();
    for (int probe = 0; probe < 5; ++probe) {
        for (auto& connection : slow) (void)connection->send_text("X-Slow: yes\r\n");
        auto health = connect();
        ASSERT_NE(health, nullptr);
        health->set_receive_timeout(std::chrono::seconds(1));
        ASSERT_TRUE(health->send_text(get("/healthz")));
        EXPECT_EQ(health->read_response(), "HTTP/1.1 200 OK") << "probe " << probe;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    // Past client_header_timeout, nginx closes them: the whole-request deadline the service
    // itself does not have.
    slow.front()->set_receive_timeout(std::chrono::seconds(kHeaderDeadlineSeconds * 3));
    EXPECT_TRUE(slow.front()->closed_by_peer());
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(kHeaderDeadlineSeconds * 3));
}

TEST_F(Nginx, PipelinedRequestsAreAnsweredInOrder) {
    auto connection = connect();
    ASSERT_NE(connection, nullptr);
    ASSERT_TRUE(connection->send_text(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "GET /api/v1/practices/nope HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "GET /api/v1/practices/am-national-food-bank HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    EXPECT_EQ(connection->read_response(), "HTTP/1.1 200 OK");
    EXPECT_EQ(connection->read_response(), "HTTP/1.1 404 Not Found");
    EXPECT_EQ(connection->read_response(), "HTTP/1.1 200 OK");
}

TEST_F(Nginx, RateLimitsPerClientAddressLeaveOthersAlone) {
    // The shipped limit is 20/s with bursts of 40: 80 requests at once from one address get
    // 429s; another address is not held back. Sent in one write (pipelined), so that they
    // arrive at once however loaded the machine is: one at a time, 80 round trips on a busy
    // machine took 3.5 s, in which the limit allows 110.
    auto flood = connect("127.0.0.6");
    ASSERT_NE(flood, nullptr);
    constexpr int kRequests = 80;
    std::string requests;
    for (int i = 0; i < kRequests; ++i)
        requests += "GET /api/v1/facets HTTP/1.1\r\nHost: localhost\r\n\r\n";
    ASSERT_TRUE(flood->send_text(requests));
    int limited = 0;
    for (int i = 0; i < kRequests; ++i) {
        const std::string status = flood->read_response();
        ASSERT_FALSE(status.empty()) << "response " << i;
        limited += status == "HTTP/1.1 429 Too Many Requests";
    }
    EXPECT_GT(limited, 0);
    EXPECT_EQ(ask(get("/api/v1/facets"), "127.0.0.7"), "HTTP/1.1 200 OK");
}

TEST_F(Nginx, HostileRequestsGetTheirStatus) {
    struct Case {
        std::string request;
        const char* status;
    };
    const std::string big(400 * 1024, 'a');
    const Case cases[] = {
        {"PUT /api/v1/search HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
         "Connection: close\r\n\r\n{}",
         "HTTP/1.1 405 Method Not Allowed"},
        {"POST /api/v1/similar HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
         "Content-Length: " +
             std::to_string(big.size()) + "\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 413 Request Entity Too Large"},
        {get("/api/v1/search?q=food&country=ZZ"), "HTTP/1.1 400 Bad Request"},
        {get("/api/v1/nothing"), "HTTP/1.1 404 Not Found"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(ask(c.request, "127.0.0.8"), c.status) << c.request.substr(0, 60);
    }
}

}  // namespace
}  // namespace cohesio
