#include "http/handlers.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "common/numbers.h"
#include "http/export.h"
#include "index/schema.h"
#include "recommend/similar.h"
#include "search/facet_names.h"
#include "search/response_json.h"
#include "search/suggest.h"

namespace cohesio {

namespace {

using nlohmann::json;

constexpr unsigned kMaxPage = 1000;
constexpr unsigned kMaxPerPage = 100;
constexpr unsigned kDefaultPerPage = 10;
constexpr unsigned kMaxSuggestions = 20;
// A whole-result export (all_rows) holds one of the few Searchers (one per core) for its
// duration, so it is bounded: 10,000 rows, 70 times today's corpus, ~2 MB of CSV at ~200 bytes a
// row, more than a spreadsheet user reads. Measured on the 138 practices (debug ASan build): a
// CSV of 27 KB in 60-90 ms warm, two batches. Beyond the bound, filters or paging.
constexpr unsigned kMaxExportRows = 10000;
constexpr unsigned kExportBatch = kMaxPerPage;  // read as a client would page

ApiResponse text_response(std::string content_type, std::string body, int status = 200) {
    ApiResponse response;
    response.status = status;
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    return response;
}

ApiResponse json_response(const json& body, int status = 200) {
    return text_response("application/json",
                         body.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

Result<unsigned> count_param(const ApiRequest& request, const std::string& name, unsigned fallback,
                             unsigned min, unsigned max) {
    auto text = request.one(name, std::to_string(fallback));
    if (!text) return text.error();
    auto value = parse_whole_number(name, *text, min, max);
    if (!value) return value.error();
    return static_cast<unsigned>(*value);
}

Result<bool> flag_param(const ApiRequest& request, const std::string& name) {
    auto text = request.one(name, "false");
    if (!text) return text.error();
    if (*text == "true" || *text == "1") return true;
    if (*text == "false" || *text == "0") return false;
    return Error{ErrorKind::invalid_input, name, "must be true or false"};
}

// sort= one of sort_order_named()'s names; a feed (format=atom) is always by date.
Result<SortOrder> sort_param(const ApiRequest& request, const std::string& format) {
    auto sort = request.one("sort", "relevance");
    if (!sort) return sort.error();
    const auto order = sort_order_named(*sort);
    if (!order) {
        return Error{ErrorKind::invalid_input, "sort", "must be " + std::string(kSortOrderNames)};
    }
    return format == "atom" ? SortOrder::date : *order;
}

// article_match=all asks for the practices that concern every chosen article (AND); any, the
// default, for those that concern at least one (OR), as for every other filter.
Result<bool> all_articles_param(const ApiRequest& request) {
    auto match = request.one("article_match", "any");
    if (!match) return match.error();
    if (*match != "all" && *match != "any") {
        return Error{ErrorKind::invalid_input, "article_match", "must be all or any"};
    }
    return *match == "all";
}

// Facet counts over the whole index. Filtering on both languages selects every practice, and
// being the lang facet's own filter it leaves that facet's counts whole too.
Result<SearchResponse> count_everything(Searcher& searcher) {
    SearchRequest everything;
    everything.filters["lang"] = {"fr", "en"};
    everything.limit = 0;
    return searcher.search(everything);
}

Result<std::vector<Suggestion>> suggestions_for(HandlerContext& context, SimilarRequest similar,
                                                const ApiRequest& request) {
    auto k = count_param(request, "k", 5, 1, kMaxPerPage);
    if (!k) return k.error();
    similar.limit = *k;
    for (auto [name, field] : {std::pair{"same_country", &similar.same_country},
                               std::pair{"same_article", &similar.same_article}}) {
        auto value = flag_param(request, name);
        if (!value) return value.error();
        *field = *value;
    }
    auto all_countries = flag_param(request, "all_countries");
    if (!all_countries) return all_countries.error();
    similar.diverse = !*all_countries;
    return similar_practices(context.searcher, similar);
}

// A search request as the parameters of GET /api/v1/search give it.
struct SearchParams {
    SearchRequest search;
    unsigned page = 1;
    unsigned per_page = kDefaultPerPage;
    std::string format;
    bool all_rows = false;  // every match, for format=csv or json
};

Status read_paging(const ApiRequest& request, SearchParams& params) {
    auto page = count_param(request, "page", 1, 1, kMaxPage);
    if (!page) return page.error();
    auto per_page = count_param(request, "per_page", kDefaultPerPage, 1, kMaxPerPage);
    if (!per_page) return per_page.error();
    params.page = *page;
    params.per_page = *per_page;
    params.search.offset = (*page - 1) * *per_page;
    params.search.limit = *per_page;
    return ok_status();
}

// all_rows: a whole export, which a feed is not (its pages link to each other), and which
// neither pages nor page sizes mean anything to. Read after format.
Status read_all_rows(const ApiRequest& request, SearchParams& params) {
    auto all_rows = flag_param(request, "all_rows");
    if (!all_rows) return all_rows.error();
    if (params.format == "atom" && request.params.contains("all_rows"))
        return Error{ErrorKind::invalid_input, "all_rows", "only with format=csv or json"};
    if (*all_rows && (request.params.contains("page") || request.params.contains("per_page")))
        return Error{ErrorKind::invalid_input, "all_rows", "not with page or per_page"};
    params.all_rows = *all_rows;
    return ok_status();
}

Result<SearchParams> search_params(const ApiRequest& request) {
    SearchParams params;
    auto query = request.one("q");
    if (!query) return query.error();
    params.search.query = *query;
    for (const auto& facet : kFacets) {
        auto values = request.all(std::string(facet.name));
        if (!values.empty()) params.search.filters[std::string(facet.name)] = std::move(values);
    }
    if (auto paging = read_paging(request, params); !paging) return paging.error();
    auto as_typed = flag_param(request, "as_typed");
    if (!as_typed) return as_typed.error();
    params.search.as_typed = *as_typed;
    auto all_articles = all_articles_param(request);
    if (!all_articles) return all_articles.error();
    params.search.all_articles = *all_articles;
    auto format = request.one("format", "json");
    if (!format) return format.error();
    params.format = *format;
    auto sort = sort_param(request, *format);
    if (!sort) return sort.error();
    params.search.sort = *sort;
    if (*format != "json" && *format != "csv" && *format != "atom") {
        return Error{ErrorKind::invalid_input, "format", "must be json, csv or atom"};
    }
    if (*format != "csv" && request.params.contains("bom"))
        return Error{ErrorKind::invalid_input, "bom", "only with format=csv"};
    if (auto all_rows = read_all_rows(request, params); !all_rows) return all_rows.error();
    if (params.search.query.empty() && params.search.filters.empty()) {
        return Error{ErrorKind::invalid_input, "q",
                     "give q, or a filter such as country=AM to browse"};
    }
    return params;
}

Result<SearchResponse> searched(Searcher& searcher, const SearchRequest& search) {
    auto response = searcher.search(search);
    if (!response) {
        Error error = response.error();
        if (error.where == "query") error.where = "q";
        return error;
    }
    return response;
}

// all_rows=true: every matching practice, read kExportBatch at a time, without snippets (the
// costliest part of a hit; an export shows none), so that no more than a batch of records is
// held at once; an export is at most kMaxExportRows rows. `take` is given each batch in turn.
Status for_each_batch(Searcher& searcher, SearchRequest search,
                      const std::function<void(const SearchResponse&)>& take) {
    search.offset = 0;
    search.limit = kExportBatch;
    search.snippets = false;
    for (;;) {
        auto batch = searched(searcher, search);
        if (!batch) return batch.error();
        if (batch->total > kMaxExportRows) {
            return Error{ErrorKind::invalid_input, "all_rows",
                         std::to_string(batch->total) + " practices match, more than the " +
                             std::to_string(kMaxExportRows) +
                             " rows of one export: add filters, or export page by page"};
        }
        take(*batch);
        search.offset += kExportBatch;
        if (search.offset >= batch->total) return ok_status();
    }
}

Result<ApiResponse> csv_export(Searcher& searcher, SearchParams params, const ApiRequest& request) {
    auto bom = flag_param(request, "bom");
    if (!bom) return bom.error();
    params.search.snippets = false;
    std::string csv = csv_header(*bom);
    if (params.all_rows) {
        auto all = for_each_batch(searcher, params.search, [&csv](const SearchResponse& batch) {
            append_csv_rows(csv, batch.hits);
        });
        if (!all) return all.error();
    } else {
        auto response = searched(searcher, params.search);
        if (!response) return response.error();
        append_csv_rows(csv, response->hits);
    }
    ApiResponse response = text_response("text/csv; charset=utf-8", std::move(csv));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"cohesio-practices.csv\"");
    return response;
}

// format=json: one page, or with all_rows every match as one page of kMaxExportRows: the first
// batch's answer (its total, facets and spelling are the whole search's) with every batch's hits.
Result<json> json_results(Searcher& searcher, SearchParams& params) {
    if (!params.all_rows) {
        auto response = searched(searcher, params.search);
        if (!response) return response.error();
        return to_json(*response);
    }
    params.per_page = kMaxExportRows;
    json body;
    auto all = for_each_batch(searcher, params.search, [&body](const SearchResponse& batch) {
        json part = to_json(batch);
        if (body.is_null()) {
            body = std::move(part);
            return;
        }
        for (auto& hit : part["hits"]) body["hits"].push_back(std::move(hit));
    });
    if (!all) return all.error();
    return body;
}

}  // namespace

json facet_labels(Searcher& searcher) {
    const std::string stored = searcher.database().get_metadata(std::string(schema::kLabelsKey));
    return stored.empty() ? json::object() : json::parse(stored);
}

Result<ApiResponse> get_search(HandlerContext& context, const ApiRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    auto params = search_params(request);
    if (!params) return params.error();
    if (params->format == "csv") return csv_export(context.searcher, *params, request);
    if (params->format == "atom") {
        auto response = searched(context.searcher, params->search);
        if (!response) return response.error();
        const FeedRequest feed{params->search.query,   params->search.filters, request.params,
                               params->page,           params->per_page,       kMaxPage,
                               params->search.as_typed};
        return text_response("application/atom+xml; charset=utf-8", to_atom(*response, feed));
    }
    auto results = json_results(context.searcher, *params);
    if (!results) return results.error();
    json body = std::move(*results);
    body["article_match"] = params->search.all_articles ? "all" : "any";
    body["page"] = params->page;
    body["per_page"] = params->per_page;
    body["took_ms"] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    body["index"] = context.generation;
    return json_response(body);
}

Result<ApiResponse> get_practice(HandlerContext& context, const ApiRequest& request) {
    auto record = context.searcher.record(request.captures.at(0));
    if (!record) return record.error();
    return json_response(*record);
}

Result<ApiResponse> get_practice_similar(HandlerContext& context, const ApiRequest& request) {
    SimilarRequest similar;
    similar.id = request.captures.at(0);
    auto suggestions = suggestions_for(context, similar, request);
    if (!suggestions) return suggestions.error();
    return json_response({{"id", similar.id}, {"suggestions", to_json(*suggestions)}});
}

Result<ApiResponse> post_similar(HandlerContext& context, const ApiRequest& request) {
    SimilarRequest similar;
    if (request.content_type.starts_with("application/json")) {
        try {
            const json body = json::parse(request.body);
            if (!body.is_object() || !body.contains("text") || !body["text"].is_string()) {
                return Error{ErrorKind::invalid_input, "text",
                             "the JSON body needs a string \"text\""};
            }
            similar.text = body["text"].get<std::string>();
        } catch (const json::out_of_range&) {  // 1e999: beyond a double
            return Error{ErrorKind::invalid_input, "body", "has a number out of range"};
        } catch (const json::exception&) {
            return Error{ErrorKind::invalid_input, "body", "is not valid JSON"};
        }
    } else {
        similar.text = request.body;
    }
    auto suggestions = suggestions_for(context, similar, request);
    if (!suggestions) return suggestions.error();
    return json_response({{"suggestions", to_json(*suggestions)}});
}

Result<ApiResponse> get_suggest(HandlerContext& context, const ApiRequest& request) {
    auto typed = request.one("q");
    if (!typed) return typed.error();
    constexpr std::size_t kMaxTyped = 200;
    if (typed->size() > kMaxTyped)
        return Error{ErrorKind::invalid_input, "q", "longer than 200 bytes"};
    auto limit = count_param(request, "limit", 8, 1, kMaxSuggestions);
    if (!limit) return limit.error();
    // Not `lang`: on /api/v1/search that filters by the texts' language.
    auto ui_lang = request.one("ui_lang", "fr");
    if (!ui_lang) return ui_lang.error();
    if (*ui_lang != "fr" && *ui_lang != "en")
        return Error{ErrorKind::invalid_input, "ui_lang", "must be 'fr' or 'en'"};
    const Suggestions found =
        suggest(context.searcher.database(), context.searcher.normaliser(), *typed, *limit,
                *ui_lang, context.searcher.form_languages());
    json titles = json::array();
    for (const auto& title : found.titles) {
        json item = {{"id", title.id}, {"title", title.title}, {"language", title.language}};
        if (title.our_translation) item["our_translation"] = true;
        if (title.title_is_ours) item["title_is_ours"] = true;
        titles.push_back(std::move(item));
    }
    return json_response({{"q", *typed}, {"titles", titles}, {"vocabulary", found.vocabulary}});
}

Result<ApiResponse> get_facets(HandlerContext& context, const ApiRequest&) {
    auto response = count_everything(context.searcher);
    if (!response) return response.error();
    const json labels = facet_labels(context.searcher);
    json facets = json::object();
    for (const auto& [name, values] : response->facets) {
        json items = json::array();
        for (const auto& value : values) {
            json item = {{"value", value.value}, {"count", value.count}};
            if (labels.contains(name) && labels[name].contains(value.value))
                item["label"] = labels[name][value.value];
            items.push_back(std::move(item));
        }
        facets[name] = std::move(items);
    }
    return json_response({{"total", response->total}, {"facets", facets}});
}

Result<ApiResponse> get_articles(HandlerContext& context, const ApiRequest&) {
    auto response = count_everything(context.searcher);
    if (!response) return response.error();
    std::map<std::string, Xapian::doccount> counts;
    for (const auto& value : response->facets["article"]) counts[value.value] = value.count;
    const json labels = facet_labels(context.searcher);
    const json titles = labels.value("article", json::object());
    std::vector<std::string> ids;
    for (const auto& [id, title] : titles.items()) ids.push_back(id);
    // Charter order: 1..31 numerically, then the lettered articles of Parts III-V.
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) {
        const bool a_number = std::isdigit(static_cast<unsigned char>(a[0])) != 0;
        const bool b_number = std::isdigit(static_cast<unsigned char>(b[0])) != 0;
        if (a_number != b_number) return a_number;
        return a_number ? std::stoi(a) < std::stoi(b) : a < b;
    });
    json articles = json::array();
    for (const auto& id : ids) {
        const auto count = counts.find(id);
        articles.push_back({{"id", id},
                            {"title", titles[id]},
                            {"practices", count == counts.end() ? 0 : count->second}});
    }
    return json_response({{"articles", articles}});
}

Result<ApiResponse> get_readiness(HandlerContext& context, const ApiRequest&) {
    Xapian::Database& db = context.searcher.database();
    return json_response({{"status", "ok"},
                          {"documents", db.get_doccount()},
                          {"index", context.generation},
                          {"built_at", db.get_metadata(std::string(schema::kBuiltAtKey))}});
}

}  // namespace cohesio
