// The HTTP API without HTTP: requests and responses as plain values, so handlers are
// functions that tests call directly. Only server.cpp knows cpp-httplib.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace cohesio {

struct ApiRequest {
    std::string method;
    std::string path;
    std::multimap<std::string, std::string> params;  // query string (repeatable)
    std::vector<std::string> captures;               // path parts matched by the route
    std::string body;
    std::string content_type;

    std::vector<std::string> all(const std::string& name) const;
    // The single value of `name`, or `fallback` when absent; an error when given twice.
    Result<std::string> one(const std::string& name, const std::string& fallback = "") const;
};

struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string log_note;  // what went wrong, for the operator's log only: never sent
};

// Errors become {"error": {"code", "message", "parameter"}} with a 4xx/5xx status here, at
// the edge, and nowhere else.
ApiResponse error_response(const Error& error);
int http_status(ErrorKind kind);
// A refusal decided by HTTP itself (405, 411, 429…), in the same JSON shape, with its own code.
ApiResponse http_refusal(int status, std::string_view code, const std::string& message,
                         const std::string& where = "");

}  // namespace cohesio
