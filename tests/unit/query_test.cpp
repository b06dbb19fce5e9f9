// How a query's text is rewritten before Xapian's QueryParser reads it.
#include "search/query.h"

#include <gtest/gtest.h>

#include <vector>

namespace cohesio {
namespace {

TEST(FieldPhrases, BecomeThePhraseAndItsWordsInTheField) {
    Xapian::SimpleStopper stopwords;
    for (const char* word : {"de", "d", "la"}) stopwords.add(word);
    struct Case {
        const char* folded;
        const char* expected;
    };
    const std::vector<Case> cases = {
        {R"(title:"banque alimentaire")",
         R"((title:banque AND title:alimentaire AND "banque alimentaire"))"},
        {R"(goal:"plan de cohesion" refugies)",
         R"((goal:plan AND goal:cohesion AND "plan de cohesion") refugies)"},
        {"title:food-bank", R"((title:food AND title:bank AND "food bank"))"},
        {R"(jeunes -place:"la louviere")", R"(jeunes -(place:louviere AND "la louviere"))"},
        {R"((target:"personnes agees" OR logement))",
         R"(((target:personnes AND target:agees AND "personnes agees") OR logement))"},
        // Unchanged: one word, plain phrases, unknown or embedded field names, stopwords only.
        {"title:banque", "title:banque"},
        {R"(title:"banque")", R"(title:"banque")"},
        {R"("banque alimentaire")", R"("banque alimentaire")"},
        {R"(country:am "la louviere")", R"(country:am "la louviere")"},
        {R"(subtitle:"a b")", R"(subtitle:"a b")"},
        {R"(title:"de la")", R"(title:"de la")"},
        {R"(title:"banque)", R"(title:"banque)"},
        // An unclosed quote runs to the end, as QueryParser reads it.
        {R"(title:"banque alimentaire)",
         R"((title:banque AND title:alimentaire AND "banque alimentaire"))"},
        {"title:", "title:"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(field_phrases_as_words(c.folded, stopwords), c.expected) << c.folded;
    }
}

}  // namespace
}  // namespace cohesio
