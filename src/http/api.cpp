#include "http/api.h"

#include <nlohmann/json.hpp>

namespace cohesio {

namespace {
// A search takes milliseconds; a second is long enough for the queue to drain.
constexpr int kBusyRetryAfterSeconds = 1;
}  // namespace

std::vector<std::string> ApiRequest::all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [first, last] = params.equal_range(name);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
}

Result<std::string> ApiRequest::one(const std::string& name, const std::string& fallback) const {
    const auto count = params.count(name);
    if (count > 1) return Error{ErrorKind::invalid_input, name, "given more than once"};
    return count == 0 ? fallback : params.find(name)->second;
}

int http_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input:
            return 400;
        case ErrorKind::not_found:
            return 404;
        case ErrorKind::version:
        case ErrorKind::io:
            return 503;
        case ErrorKind::internal:
            return 500;
        case ErrorKind::busy:
        case ErrorKind::changed:
            return 503;
    }
    return 500;
}

ApiResponse error_response(const Error& error) {
    static constexpr std::pair<ErrorKind, const char*> kCodes[] = {
        {ErrorKind::invalid_input, "invalid_parameter"},
        {ErrorKind::not_found, "not_found"},
        {ErrorKind::version, "index_version"},
        {ErrorKind::io, "unavailable"},
        {ErrorKind::internal, "internal"},
        {ErrorKind::busy, "busy"},
        {ErrorKind::changed, "busy"},
    };
    std::string_view code = "internal";
    for (const auto& [kind, name] : kCodes) {
        if (kind == error.kind) code = name;
    }
    ApiResponse response = http_refusal(http_status(error.kind), code, error.message, error.where);
    // Busy is momentary: tell clients (and proxies) when trying again makes sense.
    if (error.kind == ErrorKind::busy || error.kind == ErrorKind::changed)
        response.headers.emplace_back("Retry-After", std::to_string(kBusyRetryAfterSeconds));
    return response;
}

ApiResponse http_refusal(int status, std::string_view code, const std::string& message,
                         const std::string& where) {
    nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    if (!where.empty()) body["error"]["parameter"] = where;
    ApiResponse response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

}  // namespace cohesio
