#include "search/response_json.h"

namespace cohesio {

using nlohmann::json;

json summary_json(const json& record) {
    json summary = {{"id", record.at("id")}};
    if (!record.value("title", "").empty()) summary["title"] = record["title"];
    const json ours = record.value("ours", json::object());
    if (!summary.contains("title") && ours.contains("title")) {
        summary["title"] = ours["title"];
        summary["title_is_ours"] = true;
    }
    // Ours, beside the document's wording: the English interface shows them (issue 11).
    for (const char* key : {"title_en", "region_en", "city_en"}) {
        if (ours.contains(key)) summary[key] = ours[key];
    }
    for (const char* key : {"language", "countries", "region", "city", "priority_domains",
                            "categories", "charter_articles"}) {
        if (record.contains(key)) summary[key] = record[key];
    }
    return summary;
}

json to_json(const SearchResponse& response) {
    json hits = json::array();
    for (const auto& hit : response.hits) {
        json item = summary_json(*hit.record);
        item["score"] = hit.score;
        item["snippet"] = hit.snippet;
        hits.push_back(std::move(item));
    }
    json facets = json::object();
    for (const auto& [name, values] : response.facets) {
        json counts = json::array();
        for (const auto& value : values)
            counts.push_back({{"value", value.value}, {"count", value.count}});
        facets[name] = std::move(counts);
    }
    json out = {{"total", response.total},
                {"degraded_query", response.degraded_query},
            {"matching", response.matching == WordMatch::all ? "all_words" : "any_word"},
            {"did_you_mean", response.corrected_query},
            {"auto_corrected", response.auto_corrected},
            {"warnings", response.warnings},
            {"filters", response.filters},
            {"hits", std::move(hits)},
            {"facets", std::move(facets)}};
    if (!response.missing_shards.empty()) {
        out["partial"] = true;
        out["missing_shards"] = response.missing_shards;
    }
    return out;
}

}  // namespace cohesio
