// Suggestions over small corpora written by the test, where what makes two practices alike is
// known exactly. (Suggestions over the fixture corpus are in search_test.cpp.)
#include "recommend/similar.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "search/searcher.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;

// An English practice of the given id whose only text is `goal`.
void write_practice(const std::filesystem::path& practices, const std::string& id,
                    const std::string& country, const std::string& goal) {
    const json record = {
        {"id", id},
        {"title", "Practice " + id},
        {"language", "en"},
        {"countries", {country}},
        {"sources", {{{"document", "esn-inclusion"}, {"section", "Test"}}}},
        {"added", "2026-12-02"},
        {"updated", "2026-12-02"},
        {"priority_domains", {{{"domain", "poverty_crisis"}, {"provenance", "assigned"}}}},
        {"text", {{"goal", goal}}},
        {"ours", {{"note", "Synthetic record for the tests."}}}};
    std::ofstream(practices / (id + ".json")) << record.dump(2);
}

std::vector<std::string> suggested_ids(const std::filesystem::path& corpus, const std::string& id) {
    TempDir index;
    testing::build_fixture_index(corpus, index.path());
    auto searcher = Searcher::open(index.path());
    EXPECT_TRUE(searcher.ok()) << searcher.error().describe();
    if (!searcher.ok()) return {};
    auto suggestions = similar_practices(**searcher, SimilarRequest::for_practice(id, 5));
    EXPECT_TRUE(suggestions.ok()) << suggestions.error().describe();
    std::vector<std::string> ids;
    if (suggestions.ok())
        for (const auto& suggestion : *suggestions) ids.push_back(suggestion.id);
    return ids;
}

TEST(Suggestions, ReachThePracticesOfANeighbouringConcept) {
    // Drug use and alcoholism share no word, but the thesaurus puts both under addiction: the
    // alcohol practice comes before the one that only shares a word.
    TempDir corpus;
    const auto practices = corpus.path() / "practices";
    std::filesystem::create_directories(practices);
    write_practice(practices, "drugs", "DK", "Treatment of drug use in Aarhus.");
    write_practice(practices, "alcohol", "GR", "Peer groups against alcoholism.");
    write_practice(practices, "childcare", "LV", "Day care places in Aarhus.");
    const auto ids = suggested_ids(corpus.path(), "drugs");
    ASSERT_FALSE(ids.empty());
    EXPECT_EQ(ids.front(), "alcohol");
}

}  // namespace
}  // namespace cohesio
