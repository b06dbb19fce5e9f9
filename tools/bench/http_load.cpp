#include "http_load.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "process.h"

namespace cohesio::bench {

namespace {

constexpr const char* kWrk = "/usr/bin/wrk";
constexpr const char* kTimeout = "5s";  // a request slower than this counts as a timeout
constexpr int kDrainSeconds = 120;

// Cycles through the targets of a file, one per line; each wrk thread starts at its own offset
// so threads do not send the same request in lockstep. done() prints one parseable line.
constexpr const char* kScript = R"(-- Written by cohesio_bench: cycles through benchmark requests.
local items, method, at = {}, "GET", 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end
function init(args)
  method = args[1]
  for line in io.lines(args[2]) do items[#items + 1] = line end
  at = (offset or 0) % #items
end
function request()
  at = at % #items + 1
  if method == "POST" then
    return wrk.format("POST", "/api/v1/similar", {["Content-Type"] = "application/json"}, items[at])
  end
  return wrk.format("GET", items[at])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("COHESIO_BENCH %d %d %d %d %d %d %d %.1f %.1f %.1f\n", summary.requests,
    summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
)";

std::string encode(const std::string& text) {
    std::string out;
    for (char byte : text) {
        const auto c = static_cast<unsigned char>(byte);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

std::string search_target(const BenchQuery& query) {
    std::string target = "/api/v1/search?per_page=10";
    if (!query.words.empty()) target += "&q=" + encode(query.text());
    for (const auto& [name, values] : query.filters) {
        for (const auto& value : values) target += "&" + name + "=" + encode(value);
    }
    return target;
}

// The port from serve's first line: "cohesio: serving http://127.0.0.1:PORT/ (...)".
int read_port(int fd) {
    std::string line;
    char c;
    while (read(fd, &c, 1) == 1 && c != '\n') line += c;
    const auto colon = line.find(':', line.find("http://") + 7);
    return colon == std::string::npos ? -1 : std::atoi(line.c_str() + colon + 1);
}

// True once GET /readyz answers 200 within `wait` seconds: the service is ready, and has
// worked through the requests queued before this one.
// The whole answer to `GET path` over a new connection, "" when none came within `wait` s.
std::string fetch(int port, const std::string& path, int wait) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval timeout{wait, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string answer;
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        const std::string request =
            "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
            char buffer[4096];
            ssize_t got = 0;
            while ((got = read(fd, buffer, sizeof buffer)) > 0)
                answer.append(buffer, static_cast<std::size_t>(got));
        }
    }
    close(fd);
    return answer;
}

bool healthy(int port, int wait = 2) {
    return fetch(port, "/readyz", wait).starts_with("HTTP/1.1 200");
}

// True once the service answers nothing for the engine: the requests wrk left behind when it
// stopped still run (and hold places in the in-flight limit) after it closed its connections.
bool drained(int port, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (fetch(port, "/metrics", 2).find("\ncohesio_requests_in_flight 0\n") !=
            std::string::npos)
            return true;
        usleep(100'000);
    }
    return false;
}

}  // namespace

const char* http_name(HttpOperation operation) {
    switch (operation) {
        case HttpOperation::search:
            return "search";
        case HttpOperation::similar:
            return "similar";
        case HttpOperation::similar_text:
            return "similar_text";
        case HttpOperation::suggest:
            return "suggest";
    }
    return "?";
}

Result<std::unique_ptr<Service>> Service::start(const std::string& cohesio,
                                                const std::filesystem::path& index,
                                                const std::filesystem::path& log) {
    // Port 0: the kernel picks a free port and serve prints it, so no port can be raced for.
    auto child =
        spawn({cohesio, "serve", "--bind", "127.0.0.1", "--port", "0", "--index", index.string()},
              true, log.string());
    if (!child) return child.error();
    const int port = read_port(child->output);
    std::unique_ptr<Service> service(new Service(child->pid, child->output, port));
    if (port <= 0) return Error{ErrorKind::io, cohesio, "serve did not start; see " + log.string()};
    for (int attempt = 0; attempt < 100 && !healthy(port); ++attempt) usleep(50'000);
    if (!healthy(port))
        return Error{ErrorKind::io, cohesio, "serve is not healthy; see " + log.string()};
    return service;
}

Service::~Service() {
    kill(pid_, SIGTERM);
    (void)wait_child(pid_);
    close(output_);
}

Status write_targets(const QuerySet& queries, const std::filesystem::path& dir) {
    std::ofstream search(dir / "search.txt"), similar(dir / "similar.txt"),
        similar_text(dir / "similar_text.txt"), suggest(dir / "suggest.txt"),
        script(dir / "wrk.lua");
    for (const auto& query : queries.searches) search << search_target(query) << "\n";
    for (const auto& id : queries.similar_ids)
        similar << "/api/v1/practices/" << encode(id) << "/similar?k=5\n";
    for (const auto& text : queries.situations)
        similar_text << nlohmann::json{{"text", text}}.dump() << "\n";
    for (const auto& typed : queries.typed)
        suggest << "/api/v1/suggest?q=" << encode(typed) << "\n";
    script << kScript;
    if (!search || !similar || !similar_text || !suggest || !script)
        return Error{ErrorKind::io, dir.string(), "cannot write the wrk request files"};
    return ok_status();
}

Result<HttpFigures> run_wrk(const std::filesystem::path& dir, int port, HttpOperation operation,
                            unsigned connections, unsigned seconds) {
    const std::string threads = std::to_string(std::min(connections, 2u));
    auto output =
        run_capture({kWrk, "-t", threads, "-c", std::to_string(connections), "-d",
                     std::to_string(seconds) + "s", "--timeout", kTimeout, "-s",
                     (dir / "wrk.lua").string(), "http://127.0.0.1:" + std::to_string(port), "--",
                     operation == HttpOperation::similar_text ? "POST" : "GET",
                     (dir / (std::string(http_name(operation)) + ".txt")).string()});
    if (!output) return output.error();
    // wrk stops at its deadline but the requests it left in the server's queue still run:
    // wait for them to drain so they neither slow nor refuse the next measurement's.
    if (!drained(port, kDrainSeconds))
        return Error{ErrorKind::io, "serve", "still busy after the run"};
    const auto at = output->find("COHESIO_BENCH ");
    if (at == std::string::npos) return Error{ErrorKind::io, "wrk", "no summary in its output"};
    std::istringstream line(output->substr(at + 14));
    double duration_us = 0, p50_us = 0, p95_us = 0, p99_us = 0;
    std::size_t connect = 0, read = 0, write = 0;
    HttpFigures figures;
    line >> figures.requests >> duration_us >> connect >> read >> write >> figures.non_2xx >>
        figures.timeouts >> p50_us >> p95_us >> p99_us;
    figures.socket_errors = connect + read + write;
    figures.per_second =
        duration_us > 0 ? static_cast<double>(figures.requests) * 1e6 / duration_us : 0;
    figures.p50 = p50_us / 1000;
    figures.p95 = p95_us / 1000;
    figures.p99 = p99_us / 1000;
    return figures;
}

std::string wrk_version() {
    // `wrk -v` prints its version and usage, and exits non-zero.
    auto child = spawn({kWrk, "-v"}, true);
    if (!child) return "wrk unavailable";
    const std::string text = read_all(child->output);
    (void)wait_child(child->pid);
    const auto end = text.find(' ', text.find(' ') + 1);
    return text.empty() ? "wrk unavailable" : text.substr(0, end);
}

}  // namespace cohesio::bench
