#include "http/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/files.h"
#include "corpus/loader.h"
#include "http/admission.h"
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

// ISO 8601 in UTC to the millisecond, for the access log.
std::string utc_timestamp(std::chrono::system_clock::time_point now) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    char text[96];  // room for any int GCC can imagine in each field
    std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900,
                  parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                  static_cast<int>(millis));
    return text;
}

// Adds `name` to the response's Vary, keeping what handlers put there (Origin, Accept-Language).
void add_vary(httplib::Response& response, std::string_view name) {
    std::string vary;
    const auto [first, last] = response.headers.equal_range("Vary");
    for (auto it = first; it != last; ++it) vary.append(it->second).append(", ");
    response.headers.erase("Vary");
    response.set_header("Vary", vary.append(name));
}

// What the pre-routing handler learnt about a request, for the post-routing one.
struct RequestNote {
    std::chrono::steady_clock::time_point started;
    std::string id;
    bool in_flight = false;  // holds a place in the in-flight limit
};

}  // namespace

struct Service::Impl {
    ServeConfig config;
    std::ostream& access_log;
    std::mutex log_mutex;
    ListeningServer server;
    SearcherPool pool;
    Metrics metrics;
    Endpoints endpoints;
    InFlightLimit in_flight;
    std::unique_ptr<RateLimiter> rate_limiter;  // null: off
    std::unique_ptr<Editor> editor;             // null: no admin API (no token)
    std::optional<Error> editor_error;          // why the admin API could not start
    RequestIds request_ids;
    // By request, from pre- to post-routing (both run on the request's thread; the Request
    // lives on its stack for the whole of it).
    std::mutex notes_mutex;
    std::unordered_map<const httplib::Request*, RequestNote> notes;
    int port = -1;
    std::size_t payload_limit = 0;  // what cpp-httplib reads of a body at most (0.11 has no getter)
    const std::string preloads = page_preloads();

    Impl(ServeConfig settings, std::ostream& log)
        : config(std::move(settings)),
          access_log(log),
          pool(config.index, config.searchers, std::chrono::milliseconds(config.searcher_wait_ms),
               remote_options(config)),
          in_flight(config.max_in_flight),
          rate_limiter(config.rate_limit == 0
                           ? nullptr
                           : std::make_unique<RateLimiter>(config.rate_limit, config.rate_burst)) {
        if (config.admin_token.empty()) return;
        auto opened = Editor::open(config.corpus, config.index);
        if (opened) {
            editor = std::move(opened).value();
        } else {
            editor_error = opened.error();
        }
    }

    // Registers a handler and the endpoint it makes, so other methods get a 405.
    void on(std::string_view method, const std::string& pattern, httplib::Server::Handler handler) {
        endpoints.add(method, pattern);
        if (method == "GET") server.Get(pattern, std::move(handler));
        if (method == "POST") server.Post(pattern, std::move(handler));
        if (method == "PUT") server.Put(pattern, std::move(handler));
        if (method == "DELETE") server.Delete(pattern, std::move(handler));
        if (method == "OPTIONS") server.Options(pattern, std::move(handler));
    }

    // 405 naming the methods a known path has; 404 for a path nothing answers.
    ApiResponse wrong_method(const httplib::Request& request) const {
        const auto allow = endpoints.allowed(request.path);
        if (!allow) {
            return error_response(
                {ErrorKind::not_found, "path", "no such endpoint: " + quote_input(request.path)});
        }
        ApiResponse response =
            http_refusal(405, "method_not_allowed",
                         quote_input(request.method) + " is not allowed; use " + *allow);
        response.headers.emplace_back("Allow", *allow);
        return response;
    }

    // Why `request` is refused before it is routed, if it is; counts it in flight if not.
    std::optional<ApiResponse> refusal(const httplib::Request& request, RequestNote& note) {
        const std::string& method = request.method;
        // Decided before any body is read: a body that never comes holds nothing.
        if (method != "GET" && method != "HEAD" && method != "OPTIONS" &&
            !endpoints.has(method, request.path)) {
            return wrong_method(request);
        }
        if ((method == "POST" || method == "PUT") && !request.has_header("Content-Length") &&
            request.get_header_value("Transfer-Encoding") != "chunked") {
            return http_refusal(411, "length_required", "send the body with its Content-Length",
                                "Content-Length");
        }
        const bool probe =
            request.path == "/healthz" || request.path == "/readyz" || request.path == "/metrics";
        if (rate_limiter && !probe) {
            const std::string client =
                client_address(request.remote_addr, request.get_header_value("X-Forwarded-For"),
                               config.trusted_proxies);
            const unsigned wait = rate_limiter->wait_seconds(client, note.started);
            if (wait > 0) {
                ApiResponse response = http_refusal(
                    429, "rate_limited",
                    "too many requests from this address; retry in " + std::to_string(wait) + " s");
                response.headers.emplace_back("Retry-After", std::to_string(wait));
                return response;
            }
        }
        if (needs_engine(request.path)) {
            if (!in_flight.try_enter()) {
                return error_response(
                    {ErrorKind::busy, "", "the service is at capacity; retry shortly"});
            }
            note.in_flight = true;
        }
        return std::nullopt;
    }

    httplib::Server::HandlerResponse admit(const httplib::Request& request,
                                           httplib::Response& response) {
        RequestNote note{std::chrono::steady_clock::now(),
                         request_ids.take_or_make(request.get_header_value("X-Request-Id"))};
        const std::optional<ApiResponse> refused = refusal(request, note);
        {
            const std::lock_guard lock(notes_mutex);
            notes[&request] = std::move(note);
        }
        if (!refused) return httplib::Server::HandlerResponse::Unhandled;
        send(*refused, response);
        return httplib::Server::HandlerResponse::Handled;
    }

    std::string request_id(const httplib::Request& request) {
        const std::lock_guard lock(notes_mutex);
        const auto found = notes.find(&request);
        return found == notes.end() ? std::string("-") : found->second.id;
    }

    // Every response, refusals and cpp-httplib's own errors included, just before it is sent:
    // common headers, the in-flight place given back, the access log line.
    void finish(const httplib::Request& request, httplib::Response& response) {
        std::optional<RequestNote> note;
        {
            const std::lock_guard lock(notes_mutex);
            if (auto found = notes.find(&request); found != notes.end()) {
                note = std::move(found->second);
                notes.erase(found);
            }
        }
        if (note && note->in_flight) in_flight.leave();
        const std::string id = note ? note->id : request_ids.take_or_make("");
        response.set_header("X-Request-Id", id);
        response.set_header("X-Content-Type-Options", "nosniff");
        response.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
        // cpp-httplib compresses text for clients that accept it: caches must key on that.
        if (!response.body.empty()) add_vary(response, "Accept-Encoding");
        std::string took = "-";
        if (note) {
            const std::chrono::duration<double, std::milli> elapsed =
                std::chrono::steady_clock::now() - note->started;
            char text[32];
            std::snprintf(text, sizeof(text), "%.2fms", elapsed.count());
            took = text;
        }
        // The path without its query: what people search for stays out of the log.
        const std::lock_guard lock(log_mutex);
        access_log << utc_timestamp(std::chrono::system_clock::now()) << " " << request.remote_addr
                   << " \"" << request.method << " " << request.path << "\" " << response.status
                   << " " << response.body.size() << " " << took << " " << id << "\n"
                   << std::flush;
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

    // An answer whose ETag the client already has becomes a 304 without a body; API answers
    // are marked to be revalidated rather than reused blindly.
    static void revalidate(const httplib::Request& request, ApiResponse& answer) {
        if (answer.status != 200) return;
        const auto found = std::find_if(answer.headers.begin(), answer.headers.end(),
                                        [](const auto& header) { return header.first == "ETag"; });
        if (found == answer.headers.end()) return;
        const std::string tag = found->second;  // a copy: headers grow below
        answer.headers.emplace_back("Cache-Control", "no-cache");
        if (client_has(request, tag)) {
            answer.status = 304;
            answer.body.clear();
        }
    }

    // Whether the client's If-None-Match names `tag` (or any version: "*").
    static bool client_has(const httplib::Request& request, const std::string& tag) {
        const std::string known = request.get_header_value("If-None-Match");
        return !known.empty() && (known == "*" || known.find(tag) != std::string::npos);
    }

    // Answers with `produce`'s response to the request as an ApiRequest, with the log line of
    // its error (if any), CORS and metrics under `route`'s name.
    void answer(std::string_view route, const httplib::Request& request,
                httplib::Response& response,
                const std::function<ApiResponse(const ApiRequest&)>& produce) {
        const auto started = std::chrono::steady_clock::now();
        // The admin API takes records up to the record limit; every other body keeps its own.
        ApiResponse answered =
            request.body.size() > config.max_body_bytes && !route.starts_with("/api/v1/practices")
                ? http_refusal(
                      413, "payload_too_large",
                      "the body is over " + std::to_string(config.max_body_bytes) + " bytes",
                      "body")
                : produce(to_api(request));
        revalidate(request, answered);
        if (!answered.log_note.empty()) {
            const std::string id = request_id(request);
            const std::lock_guard lock(log_mutex);
            access_log << "error: " << id << " \"" << request.method << " " << request.path << "\" "
                       << answered.status << ": " << answered.log_note << "\n"
                       << std::flush;
        }
        send(answered, response);
        add_cors(request, response);
        metrics.record(
            std::string(route), response.status,
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
        } catch (const Xapian::Error&) {  // the labels' metadata: the bare page then reports it
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
            on(route.method, std::string(route.pattern),
               [this, &route](const httplib::Request& request, httplib::Response& response) {
                   answer(route.name, request, response, [this, &route](const ApiRequest& api) {
                       return dispatch(route, pool, api);
                   });
               });
        }
        if (editor) install_admin();
        install_assets();
        install_operations();
        // CORS preflight for any API path.
        on("OPTIONS", R"(/api/v1/.*)",
           [this](const httplib::Request& request, httplib::Response& response) {
               response.status = 204;
               add_cors(request, response);
               if (response.has_header("Access-Control-Allow-Origin")) {
                   response.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                   response.set_header("Access-Control-Allow-Headers", "Content-Type");
                   response.set_header("Access-Control-Max-Age", "600");
               }
           });
        install_hooks();
    }

    void install_admin() {
        for (const AdminRoute& route : admin_routes()) {
            on(route.method, std::string(route.pattern),
               [this, &route](const httplib::Request& request, httplib::Response& response) {
                   const std::string authorization = request.get_header_value("Authorization");
                   answer(route.name, request, response, [&](const ApiRequest& api) {
                       return dispatch_admin(route, *editor, config.admin_token, authorization,
                                             api);
                   });
               });
        }
    }

    // An asset with its ETag (its content's hash, computed once: assets are compiled in, so it
    // changes only with the binary), or a 304 when the browser has it already.
    static void send_asset(const httplib::Request& request, const Asset& asset,
                           const std::string& tag, httplib::Response& response) {
        response.set_header("ETag", tag);
        if (client_has(request, tag)) {
            response.status = 304;
            return;
        }
        response.set_content(std::string(asset.body),
                             std::string(asset.content_type) + "; charset=utf-8");
    }

    // The page and the embed script. A CSP without inline script: everything comes from this
    // service; the embed script is meant to run on other sites, so only it is CORS-open.
    void install_assets() {
        for (const Asset& asset : web_assets()) {
            char content_hash[24];
            std::snprintf(content_hash, sizeof(content_hash), "\"%016zx\"",
                          std::hash<std::string_view>{}(asset.body));
            on("GET", std::string(asset.path),
               [this, &asset, tag = std::string(content_hash)](const httplib::Request& request,
                                                               httplib::Response& response) {
                   if (asset.path == "/") {
                       send_page(request, asset.body, response);
                   } else {
                       send_asset(request, asset, tag, response);
                   }
                   response.set_header(
                       "Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; style-src 'self'; "
                       "img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; "
                       "base-uri 'none'; form-action 'self'");
                   response.set_header("Cache-Control", "no-cache");
                   if (asset.path == "/embed.js")
                       response.set_header("Access-Control-Allow-Origin", "*");
               });
        }
    }

    // What operators and client programs use besides the API: its description, probes, metrics.
    void install_operations() {
        on("GET", "/api/v1/openapi.json",
           [this](const httplib::Request& request, httplib::Response& response) {
               response.set_content(openapi_document(), "application/json");
               add_cors(request, response);
           });
        // Liveness, without the index: a missing or damaged index is /readyz's 503, and must
        // not make an orchestrator restart a process that works.
        on("GET", "/healthz", [](const httplib::Request&, httplib::Response& response) {
            response.set_content(R"({"status":"ok"})", "application/json");
        });
        on("GET", "/metrics", [this](const httplib::Request&, httplib::Response& response) {
            std::size_t documents = 0;
            std::string built_at;
            if (auto lease = pool.acquire()) {
                documents = lease->searcher().database().get_doccount();
                built_at =
                    lease->searcher().database().get_metadata(std::string(schema::kBuiltAtKey));
            }
            response.set_content(metrics.render(documents, built_at, in_flight.count()),
                                 "text/plain; version=0.0.4");
        });
    }

    // Admission before routing, common headers and the access log after, errors as JSON.
    void install_hooks() {
        server.set_pre_routing_handler(
            [this](const httplib::Request& request, httplib::Response& response) {
                return admit(request, response);
            });
        server.set_post_routing_handler(
            [this](const httplib::Request& request, httplib::Response& response) {
                finish(request, response);
            });
        server.set_error_handler(
            [this](const httplib::Request& request, httplib::Response& response) {
                if (!response.body.empty()) return;
                const int status = response.status;
                if (status == 404) {
                    // No handler for this method; the path may have others (GET on a POST
                    // endpoint, OPTIONS on the page).
                    send(wrong_method(request), response);
                    return;
                }
                // A body over the payload limit, refused by cpp-httplib before any handler:
                // the same refusal as a handler's (answer()), whose code clients check.
                if (status == 413) {
                    send(http_refusal(413, "payload_too_large",
                                      "the body is over " +
                                          std::to_string(payload_limit) +
                                          " bytes",
                                      "body"),
                         response);
                    return;
                }
                send(error_response({ErrorKind::invalid_input, "",
                                     "request refused (HTTP " + std::to_string(status) + ")"}),
                     response);
                response.status = status;
            });
        server.set_exception_handler(
            [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
                send(error_response({ErrorKind::internal, "", "internal error"}), response);
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
    // Admin puts carry a whole record; other bodies are held to max_body_bytes by answer().
    impl_->payload_limit = impl_->editor
                               ? std::max(settings.max_body_bytes, kMaxRecordBytes + 1024)
                               : settings.max_body_bytes;
    server.set_payload_max_length(impl_->payload_limit);
    impl_->install_routes();
}

Service::~Service() { stop(); }

Status Service::bind() {
    if (impl_->editor_error) return *impl_->editor_error;
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

std::vector<std::filesystem::path> Service::warm_up() {
    return impl_->pool.lexicon().unreadable();
}

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
