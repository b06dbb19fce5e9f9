#include "search/situation.h"

#include <gtest/gtest.h>

#include "search/concepts.h"

namespace cohesio {
namespace {

std::vector<std::string> terms_of(const std::vector<SituationPart>& parts) {
    std::vector<std::string> terms;
    for (const auto& part : parts) terms.push_back(*part.query.get_terms_begin());
    return terms;
}

TEST(Situation, ReadingsMergeIntoPartsCountedOncePerReading) {
    const Xapian::Query banque("Zbanqu", 1, 1), aliment("Zaliment", 1, 2),
        food("Zalimentair", 1, 2);
    const Xapian::Query french(Xapian::Query::OP_OR, banque, food);
    const Xapian::Query english(Xapian::Query::OP_OR, banque, aliment);
    const auto parts = merge_readings({french, english, Xapian::Query()});
    EXPECT_EQ(terms_of(parts), (std::vector<std::string>{"Zbanqu", "Zalimentair", "Zaliment"}));
    const std::vector<double> readings = {parts[0].readings, parts[1].readings, parts[2].readings};
    EXPECT_EQ(readings, (std::vector<double>{2, 1, 1}));
    // A one-word reading is a part by itself.
    EXPECT_EQ(merge_readings({banque, banque}).size(), 1u);
    EXPECT_EQ(merge_readings({banque, banque})[0].readings, 2);
}

TEST(Situation, MostTellingKeepsTheRarestWithinTheLimits) {
    struct Case {
        std::vector<Xapian::doccount> frequencies;  // of parts "t0", "t1", ...
        TellingLimits limits;
        std::vector<std::string> kept;
    };
    const Case cases[] = {
        {{25, 5, 20}, {}, {"t1", "t2", "t0"}},   // rarest first
        {{50, 5, 20, 31}, {}, {"t1", "t2"}},     // more than 30 of 100: dropped
        {{90, 60}, {}, {"t1"}},                  // all common: the rarest stays
        {{1, 2, 3, 4}, {2, 0.3}, {"t0", "t1"}},  // at most max_parts
        {{80, 10}, {10, 0.9}, {"t1", "t0"}},     // a wider share keeps more
        {{}, {}, {}},
    };
    for (const auto& c : cases) {
        std::vector<SituationPart> parts;
        for (std::size_t k = 0; k < c.frequencies.size(); ++k)
            parts.push_back({Xapian::Query("t" + std::to_string(k)), 1, c.frequencies[k]});
        EXPECT_EQ(terms_of(most_telling(parts, 100, c.limits)), c.kept)
            << "first frequency: " << (c.frequencies.empty() ? 0 : c.frequencies[0]);
    }
}

TEST(Situation, AConceptOfMoreThanATenthOfManyPracticesIsTooCommonToTell) {
    struct Case {
        Xapian::doccount frequency, practices;
        bool too_common;
    };
    const Case cases[] = {
        {11, 100, true},   // more than a tenth
        {10, 100, false},  // a tenth
        {11, 200, false},  // under a tenth
        {10, 12, false},   // ten practices or fewer always count
        {11, 12, true},    // in a small collection, beyond ten
        {1000, 100000, false}, {10001, 100000, true}, {0, 0, false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(too_common_to_tell(c.frequency, c.practices), c.too_common)
            << c.frequency << " of " << c.practices;
    }
}

TEST(Situation, PartsReadTwiceWeighTwice) {
    const std::vector<SituationPart> parts = {{Xapian::Query("a"), 2, 1},
                                              {Xapian::Query("b"), 1, 1}};
    EXPECT_EQ(any_part(parts).get_description(), "Query((2 * a OR b))");
}

}  // namespace
}  // namespace cohesio
