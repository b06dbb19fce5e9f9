#include <gtest/gtest.h>

#include "eval/evaluate.h"
#include "eval/metrics.h"
#include "index/phrase_matcher.h"

namespace cohesio {
namespace {

TEST(PhraseMatcher, FindsLongestPhrasesAndEveryKey) {
    PhraseMatcher matcher;
    matcher.add({"banque", "alimentaire"}, "food_bank");
    matcher.add({"banque"}, "bank");
    matcher.add({"logement"}, "housing");
    matcher.add({"logement"}, "article_31");
    matcher.add({"logement", "social"}, "social_housing");
    struct Case {
        std::vector<std::string> words;
        std::vector<std::string> keys;
    };
    const Case cases[] = {
        {{"une", "banque", "alimentaire"}, {"food_bank"}},
        {{"la", "banque", "mondiale"}, {"bank"}},
        {{"logement", "social", "et", "logement"}, {"social_housing", "housing", "article_31"}},
        {{"banque"}, {"bank"}},
        {{"alimentaire", "banque", "alimentaire", "banque"}, {"food_bank", "bank"}},
        {{}, {}},
    };
    for (const auto& c : cases) {
        std::vector<std::string> keys;
        for (const auto& match : matcher.find(c.words)) keys.push_back(*match.key);
        EXPECT_EQ(keys, c.keys) << "first word: " << (c.words.empty() ? "" : c.words[0]);
    }
}

TEST(Metrics, NdcgRewardsGradedOrder) {
    const Judgments judged = {{"a", 3}, {"b", 2}, {"c", 1}};
    EXPECT_DOUBLE_EQ(ndcg_at({"a", "b", "c"}, judged, 10), 1.0);
    EXPECT_LT(ndcg_at({"c", "b", "a"}, judged, 10), 1.0);
    EXPECT_GT(ndcg_at({"c", "b", "a"}, judged, 10), ndcg_at({"x", "c", "b"}, judged, 10));
    EXPECT_DOUBLE_EQ(ndcg_at({"x", "y"}, judged, 10), 0.0);
    EXPECT_DOUBLE_EQ(ndcg_at({"a"}, {}, 10), 0.0);
    // Only the first k count.
    EXPECT_DOUBLE_EQ(ndcg_at({"x", "a"}, judged, 1), 0.0);
}

TEST(Metrics, ReciprocalRankAndRecall) {
    const Judgments judged = {{"a", 1}, {"b", 2}, {"z", 0}};
    const std::pair<std::vector<std::string>, double> rr_cases[] = {
        {{"a", "b"}, 1.0}, {{"x", "b"}, 0.5}, {{"z", "x", "a"}, 1.0 / 3}, {{"x"}, 0.0}, {{}, 0.0}};
    for (const auto& [ranking, expected] : rr_cases) {
        EXPECT_DOUBLE_EQ(reciprocal_rank(ranking, judged), expected);
    }
    EXPECT_DOUBLE_EQ(recall_at({"a", "x", "b"}, judged, 20), 1.0);
    EXPECT_DOUBLE_EQ(recall_at({"a", "x", "b"}, judged, 2), 0.5);
    EXPECT_DOUBLE_EQ(recall_at({"x"}, {}, 20), 1.0);
    EXPECT_DOUBLE_EQ(precision_at({"a", "x"}, 5, [](const std::string& id) { return id == "a"; }),
                     0.2);
}

TEST(Regressions, OnlyDropsBeyondTheMarginCount) {
    const nlohmann::json baseline = {{"about", "text is ignored"},
                                     {"search", {{"ndcg@10", 0.70}, {"recall@20", 0.60}}},
                                     {"similar", {{"p@5", 0.40}}}};
    const nlohmann::json same_or_better = {{"search", {{"ndcg@10", 0.71}, {"recall@20", 0.585}}},
                                           {"similar", {{"p@5", 0.40}}}};
    EXPECT_TRUE(regressions(same_or_better, baseline, 0.02).empty());
    const nlohmann::json worse = {{"search", {{"ndcg@10", 0.65}, {"recall@20", 0.60}}}};
    const auto lines = regressions(worse, baseline, 0.02);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].rfind("search.ndcg@10", 0), 0u);
    EXPECT_EQ(lines[1], "similar.p@5: missing");
}

}  // namespace
}  // namespace cohesio
