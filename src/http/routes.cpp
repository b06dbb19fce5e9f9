#include "http/routes.h"

#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/files.h"
#include "index/store.h"

namespace cohesio {

namespace {

const Error kIndexUnavailable{ErrorKind::io, "", "the index is not available; try again later"};
const Error kInternal{ErrorKind::internal, "", "internal error"};

ApiResponse with_log_note(ApiResponse response, std::string note) {
    response.log_note = std::move(note);
    return response;
}

// A handler's error as the client sees it: its own mistakes in full; the index's troubles and
// bugs without their details (paths, library messages), which go to the log.
ApiResponse handler_error(const Error& error) {
    switch (error.kind) {
        case ErrorKind::invalid_input:
        case ErrorKind::not_found:
        case ErrorKind::busy:
        case ErrorKind::changed:
            return error_response(error);
        case ErrorKind::io:
        case ErrorKind::version:
            return with_log_note(error_response(kIndexUnavailable), error.describe());
        case ErrorKind::internal:
            break;
    }
    return with_log_note(error_response(kInternal), error.describe());
}

// A partial answer (shards down, RemoteOptions::answer_without_missing) says so: in a header
// whatever its format, and in a JSON object's `partial` and `missing_shards`.
void flag_partial(ApiResponse& response, const std::vector<std::string>& missing) {
    std::string names;
    for (const auto& name : missing) names.append(names.empty() ? "" : ", ").append(name);
    response.headers.emplace_back("X-Cohesio-Partial", names);
    if (response.content_type.rfind("application/json", 0) != 0) return;
    nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object()) return;
    body["partial"] = true;
    body["missing_shards"] = missing;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A handler's result as the client gets it, with the headers that name the index answering.
ApiResponse answered(const Route& route, Result<ApiResponse> response,
                     const SearcherPool::Lease& lease) {
    const auto& missing = lease.searcher().missing_shards();
    if (!response && response.error().kind == ErrorKind::not_found && !missing.empty()) {
        // Not found among the shards that answered: perhaps on one that did not.
        return with_log_note(error_response(kIndexUnavailable),
                             response.error().describe() + " (shards down)");
    }
    if (!response) return handler_error(response.error());
    if (!missing.empty()) flag_partial(*response, missing);
    const std::string& generation = lease.generation();
    response->headers.emplace_back("X-Cohesio-Index", generation);
    // The answer to a GET changes only with the index: its generation and, within it, the
    // commit of the last update, and whether shards were missing. Weak: equal answers, not
    // equal bytes (took_ms).
    if (route.method == "GET") {
        const std::string partial = missing.empty() ? "" : ".partial";
        response->headers.emplace_back(
            "ETag", "W/\"" + generation + "." + lease.searcher().revision() + partial + "\"");
    }
    return std::move(response).value();
}

}  // namespace

const std::vector<Route>& api_routes() {
    // Path parts: an id is a slug, matched loosely here and checked by the handler, so a bad
    // id is a clear 404 rather than an unrouted request.
    static const std::vector<Route> kRoutes = {
        {"GET",
         R"(/api/v1/search)",
         "/api/v1/search",
         {"q", "country", "domain", "category", "article", "source", "lang", "page", "per_page",
          "sort", "format", "as_typed", "article_match", "bom", "all_rows"},
         get_search},
        {"GET", R"(/api/v1/practices/([^/]+))", "/api/v1/practices/{id}", {}, get_practice},
        {"GET",
         R"(/api/v1/practices/([^/]+)/similar)",
         "/api/v1/practices/{id}/similar",
         {"k", "same_country", "same_article", "all_countries"},
         get_practice_similar},
        {"POST", R"(/api/v1/similar)", "/api/v1/similar", {"k", "all_countries"}, post_similar},
        {"GET", R"(/api/v1/suggest)", "/api/v1/suggest", {"q", "limit", "ui_lang"}, get_suggest},
        {"GET", R"(/api/v1/facets)", "/api/v1/facets", {}, get_facets},
        {"GET", R"(/api/v1/articles)", "/api/v1/articles", {}, get_articles},
        {"GET", R"(/readyz)", "/readyz", {}, get_readiness},
    };
    return kRoutes;
}

const std::vector<AdminRoute>& admin_routes() {
    static const std::vector<AdminRoute> kRoutes = {
        {"PUT", R"(/api/v1/practices/([^/]+))", "/api/v1/practices/{id}", put_practice},
        {"DELETE", R"(/api/v1/practices/([^/]+))", "/api/v1/practices/{id}", delete_practice},
        {"POST", R"(/api/v1/reindex)", "/api/v1/reindex", post_reindex},
        {"GET", R"(/api/v1/reindex)", "/api/v1/reindex", get_reindex},
    };
    return kRoutes;
}

ApiResponse dispatch_admin(const AdminRoute& route, Editor& editor, std::string_view token,
                           std::string_view authorization, const ApiRequest& request) {
    if (!bearer_matches(token, authorization)) return unauthorized();
    if (!request.params.empty()) {
        const std::string& name = request.params.begin()->first;
        return error_response(
            {ErrorKind::invalid_input, name, "unknown parameter " + quote_input(name)});
    }
    try {
        return route.handler(editor, request);
    } catch (const std::exception& e) {
        return with_log_note(error_response(kInternal), e.what());
    } catch (const Xapian::Error& e) {
        return with_log_note(error_response(kInternal), e.get_description());
    }
}

ApiResponse dispatch(const Route& route, SearcherPool& pool, const ApiRequest& request) {
    // curl's default for -d: the body would be read as form fields (unknown parameters).
    if (route.method == "POST" &&
        request.content_type.starts_with("application/x-www-form-urlencoded")) {
        return error_response({ErrorKind::invalid_input, "Content-Type",
                               "send the body as application/json or text/plain, not as a form"});
    }
    for (const auto& [name, value] : request.params) {
        if (std::find(route.params.begin(), route.params.end(), name) == route.params.end()) {
            return error_response(
                {ErrorKind::invalid_input, name, "unknown parameter " + quote_input(name)});
        }
        std::size_t bad = 0;
        if (!is_valid_utf8(value, bad)) {
            return error_response({ErrorKind::invalid_input, name, "is not valid UTF-8"});
        }
    }
    for (const auto& capture : request.captures) {
        std::size_t bad = 0;
        if (!is_valid_utf8(capture, bad))
            return error_response({ErrorKind::invalid_input, "id", "is not valid UTF-8"});
    }
    // A second try only when an update committed twice under a search (its revision was
    // overwritten): the reopened Searcher then sees the latest one.
    for (int attempt = 0;; ++attempt) {
        auto lease = pool.acquire();
        if (!lease) {
            if (lease.error().kind == ErrorKind::busy) return error_response(lease.error());
            // A missing, outdated or unreadable index: the details (paths, the rebuild command)
            // are the operator's, not the client's.
            return with_log_note(error_response(kIndexUnavailable), lease.error().describe());
        }
        try {
            HandlerContext context{lease->searcher(), lease->generation()};
            auto response = route.handler(context, request);
            if (!response && response.error().kind == ErrorKind::changed && attempt == 0) {
                lease->discard();
                continue;
            }
            return answered(route, std::move(response), *lease);
        } catch (const Xapian::DatabaseModifiedError& e) {
            lease->discard();
            if (attempt == 0) continue;
            return handler_error(index_read_error(e));
        } catch (const Xapian::DatabaseError& e) {
            // Damage found while reading: this Searcher is reopened for the next request.
            lease->discard();
            return with_log_note(error_response(kIndexUnavailable), e.get_description());
        } catch (const Xapian::NetworkError& e) {
            // A shard server down, or slower than the remote timeout: reopened (and probed)
            // for the next request.
            lease->discard();
            return with_log_note(error_response(kIndexUnavailable), e.get_description());
        } catch (const Xapian::Error& e) {
            return with_log_note(error_response(kInternal), e.get_description());
        } catch (const std::exception& e) {
            // A bug, not the user's mistake: say so without the details.
            return with_log_note(error_response(kInternal), e.what());
        }
    }
}

}  // namespace cohesio
