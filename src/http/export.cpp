#include "http/export.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "common/markup.h"
#include "http/page.h"
#include "search/response_json.h"

namespace cohesio {

namespace {

using nlohmann::json;
using Params = std::multimap<std::string, std::string>;

// A spreadsheet reads a cell starting with one of these as a formula (tab and CR too, as some
// strip them first); a leading ' makes it text, and the quote shows, which is the point.
bool looks_like_formula(const std::string& value) {
    constexpr std::string_view kFormulaStarts = "=+-@\t\r";
    return !value.empty() && kFormulaStarts.find(value.front()) != std::string_view::npos;
}

// RFC 4180: quote every field, double the quotes inside.
std::string csv_field(const std::string& value) {
    std::string quoted = looks_like_formula(value) ? "\"'" : "\"";
    for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string joined(const json& list, const char* key = nullptr) {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += "; ";
        out += key ? item.value(key, "") : item.get<std::string>();
    }
    return out;
}

std::string atom_date(const std::string& day) {
    return (day.empty() ? "1970-01-01" : day) + "T00:00:00Z";
}

// `params` as a query string, in their order; `page` replaces any page given (1: none).
std::string query_string(const Params& params, unsigned page) {
    std::string query;
    const auto add = [&query](std::string_view name, std::string_view value) {
        query.append(query.empty() ? "?" : "&").append(form_encode(name)).append("=");
        query.append(form_encode(value));
    };
    for (const auto& [name, value] : params) {
        if (name != "page") add(name, value);
    }
    if (page > 1) add("page", std::to_string(page));
    return query;
}

// What defines the feed's entries: its id stays the same across its pages and page sizes, and
// whatever the order of a filter's values (OR-ed: country=AM&country=PL is country=PL&country=AM).
std::string feed_id(const Params& params) {
    std::vector<std::pair<std::string, std::string>> kept;
    for (const auto& [name, value] : params) {
        if (name != "page" && name != "per_page" && name != "format" && name != "sort")
            kept.emplace_back(name, value);
    }
    std::sort(kept.begin(), kept.end());
    const Params defining(kept.begin(), kept.end());  // equal names keep their sorted order
    // tag: (RFC 4151) needs no host: the id is the same whichever name the service is
    // reached by, and no Host header sent by a client ends up in it.
    return "tag:cohesio,2026:search" + query_string(defining, 1);
}

// The search page showing the same results, in its own order: its URL parameters are state.js's,
// where the language filter is "language" ("lang" is the page's own language) and the as_typed
// flag is "true" alone (the API also takes 1).
std::string results_page(const FeedRequest& request) {
    Params page;
    const auto copy = [&](std::string_view api_name, std::string_view page_name) {
        const auto [begin, end] = request.params.equal_range(std::string(api_name));
        for (auto it = begin; it != end; ++it) page.emplace(page_name, it->second);
    };
    copy("q", "q");
    if (request.as_typed) page.emplace("as_typed", "true");
    for (const auto& [facet, page_name] : kPageFacets) copy(facet, page_name);
    copy("article_match", "article_match");
    // The page has no date order (its records share one date): its own default order.
    std::string path = "/";
    return path.append(query_string(page, 1));
}

std::string link(std::string_view rel, std::string_view type, const std::string& href) {
    std::string element = "  <link rel=\"";
    return element.append(rel)
        .append("\" type=\"")
        .append(type)
        .append("\" href=\"")
        .append(xml_text(href))
        .append("\"/>\n");
}

// RFC 5005 paging: first and last always, previous and next where there are such pages.
std::string feed_links(const SearchResponse& response, const FeedRequest& request) {
    constexpr std::string_view kAtom = "application/atom+xml";
    const std::string search = "/api/v1/search";
    const auto pages = static_cast<unsigned>(
        std::max<Xapian::doccount>(1, (response.total + request.per_page - 1) / request.per_page));
    const unsigned last = std::min(pages, request.max_page);
    std::string links = link("self", kAtom, search + query_string(request.params, request.page));
    links += link("alternate", "text/html", results_page(request));
    links += link("first", kAtom, search + query_string(request.params, 1));
    if (request.page > 1) {  // past the end: the previous page is the last one
        links += link("previous", kAtom,
                      search + query_string(request.params, std::min(request.page - 1, last)));
    }
    if (request.page < last)
        links += link("next", kAtom, search + query_string(request.params, request.page + 1));
    links += link("last", kAtom, search + query_string(request.params, last));
    return links;
}

std::string feed_title(const FeedRequest& request) {
    std::string description = request.query.empty() ? "all practices" : "\"" + request.query + "\"";
    for (const auto& [name, values] : request.filters) {
        for (const auto& value : values) description += " " + name + ":" + value;
    }
    return "Cohesio: " + description;
}

std::string feed_entry(const Hit& hit) {
    const json summary = summary_json(*hit.record);
    const json ours = hit.record->value("ours", json::object());
    const std::string id = form_encode(hit.id);
    // The entry's title is the record's, in its language; the summary is our English one.
    return "  <entry xml:lang=\"" + xml_text(hit.record->value("language", "fr")) +
           "\">\n"
           // Kept from the first feeds, so that readers do not show every entry again.
           "    <id>urn:cohesio:practice:" +
           id + "</id>\n    <title>" + xml_text(summary.value("title", "")) +
           "</title>\n"
           "    <link rel=\"alternate\" type=\"text/html\" href=\"/?practice=" +
           id +
           "\"/>\n"
           "    <link rel=\"alternate\" type=\"application/json\" href=\"/api/v1/practices/" +
           id + "\"/>\n    <updated>" +
           xml_text(atom_date(hit.record->value("updated", std::string()))) +
           "</updated>\n    <summary xml:lang=\"en\">" + xml_text(ours.value("summary_en", "")) +
           "</summary>\n  </entry>\n";
}

}  // namespace

std::string csv_header(bool bom) {
    return std::string(bom ? "\xEF\xBB\xBF" : "") +
           "id,title,title_en,countries,priority_domains,charter_articles,categories,score\r\n";
}

void append_csv_rows(std::string& csv, const std::vector<Hit>& hits) {
    for (const auto& hit : hits) {
        const json summary = summary_json(*hit.record);
        std::string categories;
        for (const auto& number : summary.value("categories", json::array())) {
            categories += (categories.empty() ? "" : "; ") + std::to_string(number.get<int>());
        }
        csv += csv_field(hit.id) + "," + csv_field(summary.value("title", "")) + "," +
               csv_field(summary.value("title_en", "")) + "," +
               csv_field(joined(summary.value("countries", json::array()))) + "," +
               csv_field(joined(summary.value("priority_domains", json::array()), "domain")) + "," +
               csv_field(joined(summary.value("charter_articles", json::array()), "article")) +
               "," + csv_field(categories) + "," + std::to_string(hit.score) + "\r\n";
    }
}

std::string to_atom(const SearchResponse& response, const FeedRequest& request) {
    std::string newest;
    for (const auto& hit : response.hits)
        newest = std::max(newest, hit.record->value("updated", std::string()));
    // The feed's own texts (its title, author) are English.
    std::string feed =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
        "  <title>" +
        xml_text(feed_title(request)) + "</title>\n  <id>" + xml_text(feed_id(request.params)) +
        "</id>\n  <updated>" + xml_text(atom_date(newest)) + "</updated>\n" +
        feed_links(response, request) + "  <author><name>Cohesio</name></author>\n";
    for (const auto& hit : response.hits) feed += feed_entry(hit);
    return feed + "</feed>\n";
}

}  // namespace cohesio
