#include "http/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <mutex>
#include <optional>

#include "common/files.h"
#include "http/assets.h"
#include "http/handlers.h"
#include "http/metrics.h"
#include "http/page.h"
#include "http/routes.h"
#include "index/schema.h"
#include "search/response_json.h"

namespace cohesio {

namespace {

// cpp-httplib 0.11 listens with a backlog of 5, so a burst of connections (a page's parallel
// requests from a few browsers, a load test at c=64) overflows it and SYNs are dropped, each
// costing the client a 1 s retransmission. The kernel caps this at net.core.somaxconn.
constexpr int kListenBacklog = 1024;

// A keep-alive connection is closed after this many requests (cpp-httplib's default is 5,
// which makes busy clients reconnect all the time); the idle timeout is what frees threads.
constexpr std::size_t kKeepAliveMaxRequests = 1000;

// httplib::Server keeps its listening socket in a protected member and has no getter in 0.11.
class ListeningServer : public httplib::Server {
public:
    socket_t listening_socket() const { return svr_sock_; }
};

// Replaces httplib's default (SO_REUSEPORT on Linux, which would let a second service bind the
// same port and silently take half the connections): SO_REUSEADDR only, so a restart can bind
// while old connections are in TIME_WAIT.
void reuse_address(socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// The page's modules import each other three levels deep, so a browser discovers them one round
// trip at a time, then asks for the facet labels before its first search. Listed in a Link
// header of the page, all are fetched at once, while the page is still being parsed.
std::string page_preloads() {
    std::string links;
    for (const Asset& asset : web_assets()) {
        if (asset.content_type != "text/javascript" || asset.path == "/embed.js") continue;
        links.append("<").append(asset.path).append(">; rel=modulepreload, ");
    }
    // crossorigin: fetch()'s mode and credentials, so the page's own call reuses this one.
    links.append("</api/v1/facets>; rel=preload; as=fetch; crossorigin");
    return links;
}

}  // namespace

struct Service::Impl {
    ServeConfig config;
    std::ostream& access_log;
    std::mutex log_mutex;
    ListeningServer server;
    SearcherPool pool;
    Metrics metrics;
    int port = -1;
    const std::string preloads = page_preloads();

    Impl(ServeConfig settings, std::ostream& log)
        : config(std::move(settings)),
          access_log(log),
          pool(config.index, config.searchers, std::chrono::milliseconds(config.searcher_wait_ms)) {
    }

    bool origin_allowed(const std::string& origin) const {
        return std::find(config.cors_origins.begin(), config.cors_origins.end(), origin) !=
               config.cors_origins.end();
    }

    // Only a listed origin gets CORS headers; others get none, so browsers refuse them.
    void add_cors(const httplib::Request& request, httplib::Response& response) const {
        const std::string origin = request.get_header_value("Origin");
        if (origin.empty() || !origin_allowed(origin)) return;
        response.set_header("Access-Control-Allow-Origin", origin);
        response.set_header("Vary", "Origin");
    }

    static ApiRequest to_api(const httplib::Request& request) {
        ApiRequest api{request.method,
                       request.path,
                       {},
                       {},
                       request.body,
                       request.get_header_value("Content-Type")};
        for (const auto& [name, value] : request.params) api.params.emplace(name, value);
        for (std::size_t i = 1; i < request.matches.size(); ++i)
            api.captures.push_back(request.matches[i]);
        return api;
    }

    static void send(const ApiResponse& api, httplib::Response& response) {
        response.status = api.status;
        for (const auto& [name, value] : api.headers) response.set_header(name, value);
        response.set_content(api.body, api.content_type.c_str());
    }

    void serve_route(const Route& route, const httplib::Request& request,
                     httplib::Response& response) {
        const auto started = std::chrono::steady_clock::now();
        const ApiResponse answer = dispatch(route, pool, to_api(request));
        if (!answer.log_note.empty()) {
            const std::lock_guard lock(log_mutex);
            access_log << "error: \"" << request.method << " " << request.path << "\" "
                       << answer.status << ": " << answer.log_note << "\n"
                       << std::flush;
        }
        send(answer, response);
        add_cors(request, response);
        metrics.record(
            std::string(route.name), response.status,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }

    // The page with the first results of its search in it (page.h); nothing when it shows a
    // practice, when its parameters are not text, or when the search fails: the bare page's
    // script then shows what went wrong.
    std::optional<std::string> page_with_results(const httplib::Request& request,
                                                 std::string_view page_template) {
        for (const auto& [name, value] : request.params) {
            std::size_t bad = 0;
            if (!is_valid_utf8(name, bad) || !is_valid_utf8(value, bad)) return std::nullopt;
        }
        const auto state = page_state(request.params, request.get_header_value("Accept-Language"));
        if (!state) return std::nullopt;
        auto lease = pool.acquire();
        if (!lease) return std::nullopt;
        try {
            const auto found = lease->searcher().search(state->search);
            if (!found) return std::nullopt;
            return render_search_page(page_template, *state, to_json(*found),
                                      facet_labels(lease->searcher()));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }

    // With its results in it, the page is sent without the modules' preloads: on a busy
    // machine, fetching and compiling them all at once delays the first paint about twofold
    // (1.1-1.5 s against 0.55-0.72 s at load average 7, tools/bench/page_load); without
    // results, the script draws the page, and the preloads save it round trips.
    void send_page(const httplib::Request& request, std::string_view page_template,
                   httplib::Response& response) {
        response.set_header("Vary", "Accept-Language");
        auto page = page_with_results(request, page_template);
        if (!page) {
            response.set_header("Link", preloads);
            page = std::string(page_template);
        }
        response.set_content(*page, "text/html; charset=utf-8");
    }

    void install_routes() {
        for (const Route& route : api_routes()) {
            const std::string pattern(route.pattern);
            auto handler = [this, &route](const httplib::Request& request,
                                          httplib::Response& response) {
                serve_route(route, request, response);
            };
            if (route.method == "GET") server.Get(pattern, handler);
            if (route.method == "POST") server.Post(pattern, handler);
        }
        // The page and the embed script. A CSP without inline script: everything comes from
        // this service; the embed script is meant to run on other sites, so only it is CORS-open.
        for (const Asset& asset : web_assets()) {
            server.Get(std::string(asset.path), [this, &asset](const httplib::Request& request,
                                                               httplib::Response& response) {
                if (asset.path == "/") {
                    send_page(request, asset.body, response);
                } else {
                    response.set_content(std::string(asset.body),
                                         std::string(asset.content_type) + "; charset=utf-8");
                }
                response.set_header("Content-Security-Policy",
                                    "default-src 'self'; script-src 'self'; style-src 'self'; "
                                    "img-src 'self' data:; "
                                    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
                                    "form-action 'self'");
                response.set_header("X-Content-Type-Options", "nosniff");
                response.set_header("Cache-Control", "no-cache");
                if (asset.path == "/embed.js")
                    response.set_header("Access-Control-Allow-Origin", "*");
            });
        }
        server.Get("/api/v1/openapi.json",
                   [this](const httplib::Request& request, httplib::Response& response) {
                       response.set_content(openapi_document(), "application/json");
                       add_cors(request, response);
                   });
        // Liveness, without the index: a missing or damaged index is /readyz's 503, and must not
        // make an orchestrator restart a process that works.
        server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(R"({"status":"ok"})", "application/json");
        });
        server.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
            std::size_t documents = 0;
            std::string built_at;
            if (auto lease = pool.acquire()) {
                documents = lease->searcher().database().get_doccount();
                built_at =
                    lease->searcher().database().get_metadata(std::string(schema::kBuiltAtKey));
            }
            response.set_content(metrics.render(documents, built_at), "text/plain; version=0.0.4");
        });
        // CORS preflight for any API path.
        server.Options(
            R"(/api/v1/.*)", [this](const httplib::Request& request, httplib::Response& response) {
                response.status = 204;
                add_cors(request, response);
                if (response.has_header("Access-Control-Allow-Origin")) {
                    response.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                    response.set_header("Access-Control-Allow-Headers", "Content-Type");
                    response.set_header("Access-Control-Max-Age", "600");
                }
            });
        server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
            if (!response.body.empty()) return;
            const Error error =
                response.status == 404
                    ? Error{ErrorKind::not_found, "path",
                            "no such endpoint: " + quote_input(request.path)}
                    : Error{ErrorKind::invalid_input, "",
                            "request refused (HTTP " + std::to_string(response.status) + ")"};
            const int status = response.status;
            send(error_response(error), response);
            response.status = status;
        });
        server.set_exception_handler(
            [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
                send(error_response({ErrorKind::internal, "", "internal error"}), response);
            });
        server.set_logger(
            [this](const httplib::Request& request, const httplib::Response& response) {
                const std::lock_guard lock(log_mutex);
                access_log << request.remote_addr << " \"" << request.method << " " << request.path
                           << "\" " << response.status << " " << response.body.size() << "\n"
                           << std::flush;
            });
    }
};

Service::Service(ServeConfig config, std::ostream& access_log)
    : impl_(std::make_unique<Impl>(std::move(config), access_log)) {
    httplib::Server& server = impl_->server;
    const ServeConfig& settings = impl_->config;
    // One thread per open connection (cpp-httplib's model); engine work is bounded separately
    // by the SearcherPool, so these can be many.
    const unsigned threads = settings.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_keep_alive_timeout(static_cast<time_t>(settings.keep_alive_seconds));
    server.set_keep_alive_max_count(kKeepAliveMaxRequests);
    // A response leaves in two writes (headers, then body); with Nagle the second waits for
    // the client's delayed ACK (~40 ms). Set on the listening socket, Linux passes it on to
    // every accepted one.
    server.set_tcp_nodelay(true);
    server.set_socket_options(reuse_address);
    server.set_read_timeout(static_cast<time_t>(settings.timeout_seconds), 0);
    server.set_write_timeout(static_cast<time_t>(settings.timeout_seconds), 0);
    server.set_payload_max_length(settings.max_body_bytes);
    impl_->install_routes();
}

Service::~Service() { stop(); }

Status Service::bind() {
    const ServeConfig& config = impl_->config;
    if (config.port == 0) {
        impl_->port = impl_->server.bind_to_any_port(config.bind);
    } else {
        impl_->port = impl_->server.bind_to_port(config.bind, config.port) ? config.port : -1;
    }
    if (impl_->port < 0) {
        return Error{ErrorKind::io, config.bind + ":" + std::to_string(config.port),
                     "cannot listen (address in use, or not an address of this machine)"};
    }
    // listen() again on a listening socket only changes its backlog.
    if (::listen(impl_->server.listening_socket(), kListenBacklog) != 0) {
        return Error{ErrorKind::io, config.bind + ":" + std::to_string(impl_->port),
                     "cannot raise the listen backlog"};
    }
    return ok_status();
}

int Service::port() const { return impl_->port; }

Status Service::run() {
    if (impl_->port < 0) {
        if (auto bound = bind(); !bound) return bound;
    }
    if (!impl_->server.listen_after_bind() && impl_->port < 0) {
        return Error{ErrorKind::io, impl_->config.bind, "server failed"};
    }
    return ok_status();
}

void Service::stop() {
    if (impl_->server.is_running()) impl_->server.stop();
}

bool Service::running() const { return impl_->server.is_running(); }

}  // namespace cohesio
