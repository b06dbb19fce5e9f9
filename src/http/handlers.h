// Thin handlers: read parameters, call search / recommend, shape the answer. Named verb_noun
// like the route table. Errors come back as values; api.cpp turns them into statuses.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "search/searcher.h"

namespace cohesio {

struct HandlerContext {
    Searcher& searcher;
    const std::string& generation;  // the name of the index generation answering
};

// The index's labels of facet values: {facet: {value: {"fr": …, "en": …}}}.
nlohmann::json facet_labels(Searcher& searcher);

Result<ApiResponse> get_search(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_practice(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_practice_similar(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> post_similar(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_suggest(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_facets(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_articles(HandlerContext& context, const ApiRequest& request);
Result<ApiResponse> get_readiness(HandlerContext& context, const ApiRequest& request);

}  // namespace cohesio
