// Fuzzes request dispatch: the route table, parameter checks and every handler, over the
// fixture index, without a socket. The input reads like a request, so seeds stay legible:
//
//   GET /api/v1/search?q=banque+alimentaire&country=AM
//   {"text": "…"}            <- everything after the first line is the body
//
// The first line is "METHOD TARGET [CONTENT-TYPE]" (default application/json); the route is the first whose method matches and whose
// pattern matches the whole path (as cpp-httplib 0.11 routes), its groups the captures; the
// query string is split on & and = and percent-decoded ('+' is a space) as cpp-httplib does.
// An input that names no route is skipped. Any 5xx answer is a bug: the index is sound.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "http/routes.h"

namespace {

using cohesio::ApiRequest;
using cohesio::Route;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int high = text[i] == '%' && i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
        if (low >= 0) {
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

void add_params(std::string_view query, ApiRequest& request) {
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t eq = pair.find('=');
        if (!pair.empty()) {
            request.params.emplace(percent_decode(pair.substr(0, eq)),
                                   eq == std::string_view::npos ? ""
                                                                : percent_decode(pair.substr(eq + 1)));
        }
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    }
}

// The input as a request: "METHOD TARGET [CONTENT-TYPE]\nBODY".
ApiRequest decode(std::string_view input) {
    ApiRequest request;
    const std::size_t eol = input.find('\n');
    const std::string_view line = input.substr(0, eol);
    if (eol != std::string_view::npos) request.body = std::string(input.substr(eol + 1));
    const std::size_t space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    const std::string_view rest =
        space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    const std::size_t type = rest.find(' ');
    const std::string_view target = rest.substr(0, type);
    request.content_type = type == std::string_view::npos ? "application/json"
                                                          : std::string(rest.substr(type + 1));
    const std::size_t mark = target.find('?');
    request.path = std::string(target.substr(0, mark));
    if (mark != std::string_view::npos) add_params(target.substr(mark + 1), request);
    return request;
}

struct Fixture {
    Fixture() : pool(cohesio::fuzz::build_fixture_index(COHESIO_FUZZ_WORK_DIR), 1,
                     std::chrono::seconds(10)) {
        for (const Route& route : cohesio::api_routes()) patterns.emplace_back(std::string(route.pattern));
    }
    cohesio::SearcherPool pool;
    std::vector<std::regex> patterns;  // api_routes()'s, in order
};

// libFuzzer calls LLVMFuzzerTestOneInput with no user state, so the pool (over the index
// built once from the fixture corpus) and the compiled route patterns live in this
// function-local static.
Fixture& fixture() {
    static Fixture instance;
    return instance;
}

// The route the request names, with its captures filled in; nullptr when none does.
const Route* route_of(ApiRequest& request) {
    const auto& routes = cohesio::api_routes();
    for (std::size_t i = 0; i < routes.size(); ++i) {
        std::smatch match;
        if (routes[i].method != request.method ||
            !std::regex_match(request.path, match, fixture().patterns[i]))
            continue;
        for (std::size_t group = 1; group < match.size(); ++group)
            request.captures.push_back(match[group].str());
        return &routes[i];
    }
    return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ApiRequest request = decode({reinterpret_cast<const char*>(data), size});
    const Route* route = route_of(request);
    if (route == nullptr) return 0;
    const cohesio::ApiResponse response = cohesio::dispatch(*route, fixture().pool, request);
    if (response.status >= 500) {
        std::fprintf(stderr, "%s %s: %d %s\n", request.method.c_str(), request.path.c_str(),
                     response.status, response.body.c_str());
        std::abort();
    }
    return 0;
}
