// The one route table of the API, and dispatch: from an ApiRequest to an ApiResponse,
// without a socket (tests call dispatch directly).
#pragma once

#include <string_view>
#include <vector>

#include "http/admin.h"
#include "http/api.h"
#include "http/handlers.h"
#include "http/searcher_pool.h"

namespace cohesio {

struct Route {
    std::string_view method;
    std::string_view pattern;  // cpp-httplib 0.11 regex; groups become ApiRequest::captures
    std::string_view name;     // OpenAPI path, also the metrics label
    std::vector<std::string_view> params;  // accepted query parameters; others are a 400
    Result<ApiResponse> (*handler)(HandlerContext&, const ApiRequest&);
};

const std::vector<Route>& api_routes();

// The admin API's routes, served only when an admin token is configured: no Searcher, an
// Editor, a bearer token.
struct AdminRoute {
    std::string_view method;
    std::string_view pattern;
    std::string_view name;  // OpenAPI path, also the metrics label
    ApiResponse (*handler)(Editor&, const ApiRequest&);
};

const std::vector<AdminRoute>& admin_routes();

// 401 unless `authorization` carries `token`; else the handler's answer. Never throws.
ApiResponse dispatch_admin(const AdminRoute& route, Editor& editor, std::string_view token,
                           std::string_view authorization, const ApiRequest& request);

// Checks the parameters against the route, leases a Searcher from the pool, runs the handler
// and maps an Error to its status. Never throws.
ApiResponse dispatch(const Route& route, SearcherPool& pool, const ApiRequest& request);

// The OpenAPI 3 description of api_routes().
const std::string& openapi_document();

}  // namespace cohesio
