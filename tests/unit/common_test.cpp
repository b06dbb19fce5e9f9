#include <gtest/gtest.h>

#include "common/files.h"
#include "main/args.h"

namespace cohesio {
namespace {

TEST(Utf8, ValidAndInvalidSequences) {
    const std::pair<std::string, bool> cases[] = {
        {"", true},
        {"plain ascii", true},
        {"réfugiés œuvre ’ €", true},
        {"\xF0\x9F\x98\x80", true},   // 4-byte emoji
        {"\xC3", false},              // truncated
        {"\xC3\x28", false},          // bad continuation
        {"\xC0\xAF", false},          // overlong '/'
        {"\xED\xA0\x80", false},      // surrogate
        {"\xF4\x90\x80\x80", false},  // above U+10FFFF
        {"\xFF", false},
    };
    for (const auto& [bytes, valid] : cases) {
        std::size_t offset = 0;
        EXPECT_EQ(is_valid_utf8(bytes, offset), valid) << "case of " << bytes.size() << " bytes";
    }
}

TEST(Args, ParsesFlagsValuesAndPositionals) {
    auto args = Args::parse({"food", "--country", "AM", "--country=BG", "--json", "--limit", "5"},
                            {{"json"}, {"limit"}, {"country"}});
    ASSERT_TRUE(args.ok()) << args.error().describe();
    EXPECT_EQ(args->positional, std::vector<std::string>{"food"});
    EXPECT_TRUE(args->has("json"));
    EXPECT_EQ(args->values["country"], (std::vector<std::string>{"AM", "BG"}));
    EXPECT_EQ(args->value_or("limit", "10"), "5");
    EXPECT_EQ(args->value_or("offset", "0"), "0");
}

TEST(Args, DoubleDashEndsOptions) {
    auto args = Args::parse({"--json", "--", "-banque", "--limit"}, {{"json"}, {"limit"}, {}});
    ASSERT_TRUE(args.ok());
    EXPECT_EQ(args->positional, (std::vector<std::string>{"-banque", "--limit"}));
    EXPECT_TRUE(args->has("json"));
}

TEST(QuoteInput, CutsAndHidesControlBytes) {
    EXPECT_EQ(quote_input("abc"), "'abc'");
    EXPECT_EQ(quote_input("a\nb\x01"), "'a?b?'");
    EXPECT_EQ(quote_input(std::string(100, 'x')), "'" + std::string(80, 'x') + "…'");
}

TEST(Args, ErrorsNameTheOption) {
    const OptionSpec spec{{"json"}, {"limit"}, {}};
    const std::pair<std::vector<std::string>, const char*> cases[] = {
        {{"--colour"}, "--colour"},
        {{"--limit"}, "--limit"},
        {{"--limit", "1", "--limit", "2"}, "--limit"},
        {{"--json=yes"}, "--json"},
    };
    for (const auto& [argv, where] : cases) {
        auto args = Args::parse(argv, spec);
        ASSERT_FALSE(args.ok()) << where;
        EXPECT_EQ(args.error().where, where);
    }
}

TEST(ParseCount, AcceptsOnlyWholeNumbersInRange) {
    EXPECT_EQ(*parse_count("--limit", "5", 1, 10), 5u);
    for (const char* bad : {"0", "11", "-1", "five", "5x", "", "99999999999999999999"}) {
        auto count = parse_count("--limit", bad, 1, 10);
        ASSERT_FALSE(count.ok()) << bad;
        EXPECT_EQ(count.error().where, "--limit");
    }
}

}  // namespace
}  // namespace cohesio
