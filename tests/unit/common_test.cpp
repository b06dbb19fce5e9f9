#include <gtest/gtest.h>

#include <sstream>

#include "common/files.h"
#include "common/markup.h"
#include "main/args.h"
#include "main/terminal.h"

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

// Every byte XML 1.0 forbids, and every byte that is not UTF-8, becomes U+FFFD; the markup
// characters are escaped, tab, LF and CR as references; all of Unicode's characters stay.
TEST(XmlText, KeepsOnlyXmlCharactersAndEscapes) {
    const std::string kBad = "\xEF\xBF\xBD";
    const std::pair<std::string, std::string> cases[] = {
        {"réfugiés œuvre ’ \xF0\x9F\x98\x80", "réfugiés œuvre ’ \xF0\x9F\x98\x80"},
        {"a]]>b", "a]]&gt;b"},
        {"<a href=\"x\">&'", "&lt;a href=&quot;x&quot;&gt;&amp;'"},
        {"\t\n\r", "&#9;&#10;&#13;"},
        {std::string("a\0b", 3), "a" + kBad + "b"},
        {"\x01\x08\x0B\x0C\x1F", kBad + kBad + kBad + kBad + kBad},
        {"\x7F\xC2\x85", "\x7F\xC2\x85"},           // DEL and NEL are XML 1.0 characters
        {"\xEF\xBF\xBE\xEF\xBF\xBF", kBad + kBad},  // U+FFFE, U+FFFF
        {"\xC3\x28", kBad + "("},
        {"\xC0\xAF", kBad + kBad},             // overlong '/'
        {"\xED\xA0\x80", kBad + kBad + kBad},  // a surrogate
        {"\xF4\x90\x80\x80", kBad + kBad + kBad + kBad},
        {"\xE2\x82", kBad + kBad},  // truncated at the end
    };
    for (const auto& [input, expected] : cases) {
        EXPECT_EQ(xml_text(input), expected) << ::testing::PrintToString(input);
    }
}

TEST(FormEncode, EncodesAllButUnreservedAndSpaces) {
    EXPECT_EQ(form_encode("a&b c=d/é"), "a%26b+c%3Dd%2F%C3%A9");
    EXPECT_EQ(form_encode("A-z_0.9*"), "A-z_0.9*");
}

TEST(Terminal, ColourOnlyOnATerminalAndUnlessRefused) {
    struct Case {
        bool terminal;
        const char* no_color;
        const char* term;
        bool colour;
    };
    const Case cases[] = {
        {true, nullptr, "xterm-256color", true},
        {true, nullptr, nullptr, true},
        {true, "", "xterm", true},  // set but empty: no-color.org says colour
        {true, "1", "xterm", false},
        {true, "0", "xterm", false},  // any value refuses
        {true, nullptr, "dumb", false},
        {false, nullptr, "xterm", false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(colour_wanted(c.terminal, c.no_color, c.term), c.colour)
            << c.terminal << " " << (c.no_color ? c.no_color : "unset") << " "
            << (c.term ? c.term : "unset");
    }
}

TEST(Terminal, ReadsAnArgumentFromAStream) {
    std::istringstream query("integration des réfugiés\n\n");
    EXPECT_EQ(*read_argument(query, "QUERY"), "integration des réfugiés");
    std::istringstream empty("");
    EXPECT_EQ(*read_argument(empty, "QUERY"), "");
    std::istringstream huge(std::string((1 << 20) + 1, 'a'));
    auto refused = read_argument(huge, "--text");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().where, "--text");
}

}  // namespace
}  // namespace cohesio
