#include "http/export.h"

#include <nlohmann/json.hpp>

#include "common/markup.h"
#include "search/response_json.h"

namespace cohesio {

namespace {

using nlohmann::json;

// RFC 4180: quote every field, double the quotes inside.
std::string csv_field(const std::string& value) {
    std::string quoted = "\"";
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

}  // namespace

std::string to_csv(const SearchResponse& response) {
    std::string csv =
        "id,title,title_en,countries,priority_domains,charter_articles,categories,score\r\n";
    for (const auto& hit : response.hits) {
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
    return csv;
}

std::string to_atom(const SearchResponse& response, const std::string& query,
                    const std::map<std::string, std::vector<std::string>>& filters) {
    std::string description = query.empty() ? "all practices" : "\"" + query + "\"";
    for (const auto& [name, values] : filters) {
        for (const auto& value : values) description += " " + name + ":" + value;
    }
    std::string newest;
    for (const auto& hit : response.hits)
        newest = std::max(newest, hit.record->value("updated", std::string()));
    std::string feed =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "  <title>Cohesio: " +
        escape_markup(description) +
        "</title>\n"
        "  <id>urn:cohesio:search:" +
        escape_markup(description) +
        "</id>\n"
        "  <updated>" +
        atom_date(newest) +
        "</updated>\n"
        "  <author><name>Cohesio</name></author>\n";
    for (const auto& hit : response.hits) {
        const json summary = summary_json(*hit.record);
        const json ours = hit.record->value("ours", json::object());
        feed +=
            "  <entry>\n"
            "    <id>urn:cohesio:practice:" +
            escape_markup(hit.id) +
            "</id>\n"
            "    <title>" +
            escape_markup(summary.value("title", "")) +
            "</title>\n"
            "    <link href=\"/api/v1/practices/" +
            escape_markup(hit.id) +
            "\"/>\n"
            "    <updated>" +
            atom_date(hit.record->value("updated", std::string())) +
            "</updated>\n"
            "    <summary>" +
            escape_markup(ours.value("summary_en", "")) +
            "</summary>\n"
            "  </entry>\n";
    }
    return feed + "</feed>\n";
}

}  // namespace cohesio
