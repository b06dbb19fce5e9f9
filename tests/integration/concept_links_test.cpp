// The thesaurus's links between concepts at work, over small corpora written by the test, where
// what makes practices alike is known exactly: suggestions reach neighbouring concepts, and a
// described situation reaches the concept above its subject. (Suggestions and situations over
// the fixture corpus are in search_test.cpp.)
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "recommend/similar.h"
#include "search/searcher.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;

// A corpus of English practices, each with only a goal, indexed into a temporary directory.
class WrittenCorpus {
public:
    void add(const std::string& id, const std::string& country, const std::string& goal) {
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
        std::filesystem::create_directories(corpus_.path() / "practices");
        std::ofstream(corpus_.path() / "practices" / (id + ".json")) << record.dump(2);
    }

    std::unique_ptr<Searcher> index() {
        testing::build_fixture_index(corpus_.path(), index_.path());
        auto searcher = Searcher::open(index_.path());
        EXPECT_TRUE(searcher.ok()) << searcher.error().describe();
        return searcher.ok() ? std::move(searcher).value() : nullptr;
    }

private:
    TempDir corpus_;
    TempDir index_;
};

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(ConceptLinks, ReadTheThesaurusBroaderLinksBothWays) {
    WrittenCorpus corpus;
    corpus.add("one", "DK", "Treatment of drug use.");
    const auto searcher = corpus.index();
    ASSERT_TRUE(searcher);
    const ConceptLinks& links = searcher->concept_links();
    EXPECT_TRUE(has(links.broader("XKdrug_use"), "XKaddiction"));
    EXPECT_TRUE(has(links.narrower("XKaddiction"), "XKdrug_use"));
    EXPECT_TRUE(has(links.narrower("XKaddiction"), "XKalcoholism"));
    EXPECT_TRUE(links.broader("XKno_such_concept").empty());
    EXPECT_TRUE(links.narrower("drug use").empty());  // a form, not a concept term
}

TEST(Suggestions, ReachThePracticesOfANeighbouringConcept) {
    // Drug use and alcoholism share no word, but the thesaurus puts both under addiction: the
    // alcohol practice comes before the one that only shares a word.
    WrittenCorpus corpus;
    corpus.add("drugs", "DK", "Treatment of drug use in Aarhus.");
    corpus.add("alcohol", "GR", "Peer groups against alcoholism.");
    corpus.add("childcare", "LV", "Day care places in Aarhus.");
    const auto searcher = corpus.index();
    ASSERT_TRUE(searcher);
    auto suggestions = similar_practices(*searcher, SimilarRequest::for_practice("drugs", 5));
    ASSERT_TRUE(suggestions.ok()) << suggestions.error().describe();
    ASSERT_FALSE(suggestions->empty());
    EXPECT_EQ(suggestions->front().id, "alcohol");
}

TEST(Situations, RankBySubjectAndTheConceptAboveItNotByTheirSetting) {
    // Families are in twelve of the thirteen practices: the setting of the situation below, not
    // its subject. Its subject, drugs, is under addiction, which one practice names without any
    // word of the situation but "help".
    WrittenCorpus corpus;
    for (int k = 0; k < 12; ++k)
        corpus.add("family-" + std::to_string(k), "FI", "Help for families: single parents.");
    corpus.add("addiction", "GR", "Help with addictive behaviour.");
    const auto searcher = corpus.index();
    ASSERT_TRUE(searcher);
    SearchRequest request;
    request.query =
        "Several families in our town tell us that the father takes drugs every day; they ask "
        "us for help and do not know where to turn.";
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok()) << response.error().describe();
    ASSERT_FALSE(response->hits.empty());
    EXPECT_EQ(response->hits.front().id, "addiction");
}

}  // namespace
}  // namespace cohesio
