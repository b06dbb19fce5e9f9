// The search page with its first results already in the HTML. A shared link (/?q=…) then shows
// results at first paint instead of after the page's modules have loaded and searched (~0.5 s
// on a 2-core machine); the modules re-render the same results and take over. Works without
// JavaScript too.
//
// The page's state comes from the URL exactly as src/web/state.js reads it, and the results are
// drawn as render-results.js draws them (tests/browser checks both give the same text).
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "search/searcher.h"

namespace cohesio {

enum class PageLang { fr, en };

// state.js FACETS, in its order (which is the order of its links' parameters), with the name
// each has in the page's URL: "lang" there is the interface language, so the filter on the
// language of the text is "language".
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kPageFacets = {{
    {"country", "country"},
    {"domain", "domain"},
    {"article", "article"},
    {"category", "category"},
    {"source", "source"},
    {"lang", "language"},
}};

// What the page shows for its URL, when that is the search view.
struct PageState {
    SearchRequest search;  // the search the page's own script would send
    PageLang lang = PageLang::fr;
    bool browsing = false;                        // no words, no filter: the list of all practices
    std::multimap<std::string, std::string> url;  // the page's parameters, for its links
};

// The search view's state from the page's URL parameters, or nothing for a practice page.
// Like the page, a bad value is ignored rather than refused. Without ?lang, the first of
// French or English in Accept-Language, else English (the page's navigator.languages rule).
std::optional<PageState> page_state(const std::multimap<std::string, std::string>& params,
                                    std::string_view accept_language);

// index.html with `response` (to_json of a SearchResponse) rendered into its result list and
// count; `labels` are the index's facet labels. The template is returned unchanged if it lacks
// the places to fill.
std::string render_search_page(std::string_view page_template, const PageState& state,
                               const nlohmann::json& response, const nlohmann::json& labels);

}  // namespace cohesio
