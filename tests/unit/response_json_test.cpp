#include "search/response_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cohesio {
namespace {

using nlohmann::json;

// What a list shows of a practice: the document's place names, and ours in English beside them
// where the document's are French (issue 11), so the English interface need not show French.
TEST(SummaryJson, CarriesOurEnglishPlaceNamesBesideTheDocuments) {
    struct Case {
        const char* name;
        json record;
        json expected;  // the place fields of the summary
    };
    const Case cases[] = {
        {"no place", json{{"id", "a"}}, json::object()},
        {"a place named alike", json{{"id", "a"}, {"city", "Sofia"}}, json{{"city", "Sofia"}}},
        {"a French city",
         json{{"id", "a"}, {"city", "Varsovie"}, {"ours", {{"city_en", "Warsaw"}}}},
         json{{"city", "Varsovie"}, {"city_en", "Warsaw"}}},
        {"a French region and city",
         json{{"id", "a"},
              {"region", "Émilie-Romagne"},
              {"city", "Bologne"},
              {"ours", {{"region_en", "Emilia-Romagna"}, {"city_en", "Bologna"}}}},
         json{{"region", "Émilie-Romagne"},
              {"city", "Bologne"},
              {"region_en", "Emilia-Romagna"},
              {"city_en", "Bologna"}}},
    };
    for (const auto& c : cases) {
        const json summary = summary_json(c.record);
        json places = json::object();
        for (const char* key : {"region", "city", "region_en", "city_en"}) {
            if (summary.contains(key)) places[key] = summary[key];
        }
        EXPECT_EQ(places, c.expected) << c.name;
        EXPECT_FALSE(summary.contains("ours")) << c.name;
    }
}

}  // namespace
}  // namespace cohesio
