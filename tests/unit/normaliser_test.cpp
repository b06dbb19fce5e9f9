#include "normalise/normaliser.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace cohesio {
namespace {

class NormaliserTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = Normaliser::create();
        ASSERT_TRUE(created.ok()) << created.error().describe();
        normaliser = std::move(created).value();
    }
    std::unique_ptr<Normaliser> normaliser;
};

struct WordsCase {
    const char* input;
    std::vector<std::string> words;
};

TEST_F(NormaliserTest, WordsAreFoldedAndElisionsStripped) {
    const WordsCase cases[] = {
        {"Intégration des réfugiés", {"integration", "des", "refugies"}},
        {"l’hébergement", {"hebergement"}},
        {"L'Hébergement d'urgence", {"hebergement", "urgence"}},
        {"jusqu’à lorsqu’il puisqu'elle qu’on", {"a", "il", "elle", "on"}},
        {"s’inscrire, n’est, c’est, j’ai, m’aide, t’aide",
         {"inscrire", "est", "est", "ai", "aide", "aide"}},
        {"Œuvre cœur", {"oeuvre", "coeur"}},
        {"ÉCOLES élèves", {"ecoles", "eleves"}},
        {"aujourd’hui", {"aujourd'hui"}},
        {"2014-2019 : 6 droits", {"2014", "2019", "6", "droits"}},
        {"« Foyers pour enfants »", {"foyers", "pour", "enfants"}},
        {"Straße ﬁnance", {"strasse", "finance"}},
        {"children's homes", {"children's", "homes"}},
        {"ʀɶle", {"roele"}},  // Latin-ASCII's capitals (R, OE) lowered again: found by fuzzing
        {"", {}},
        {" ... — ", {}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(normaliser->words(c.input), c.words) << "input: " << c.input;
    }
}

struct SpelledCase {
    const char* input;
    std::vector<std::pair<std::string, std::string>> words;  // (folded, spelling)
};

// spelled_words gives words() with each word as the text writes it, and where (each text twice:
// the second time, words with an apostrophe come from the cache).
TEST_F(NormaliserTest, SpelledWordsKeepTheTextsSpelling) {
    const SpelledCase cases[] = {
        {"Intégration des Réfugiés",
         {{"integration", "Intégration"}, {"des", "des"}, {"refugies", "Réfugiés"}}},
        {"l’hébergement", {{"hebergement", "hébergement"}}},
        {"L'Hébergement d'urgence", {{"hebergement", "Hébergement"}, {"urgence", "urgence"}}},
        {"L'ECOLE qu'il", {{"ecole", "ECOLE"}, {"il", "il"}}},  // ASCII, without ICU
        {"demandeurs d’asile", {{"demandeurs", "demandeurs"}, {"asile", "asile"}}},
        {"les sans-abri", {{"les", "les"}, {"sans", "sans"}, {"abri", "abri"}}},
        {"jusqu’à l’t’x", {{"a", "à"}, {"x", "x"}}},
        {"aujourd’hui", {{"aujourd'hui", "aujourd’hui"}}},  // not an elision: kept whole
        {"children’s homes", {{"children's", "children’s"}, {"homes", "homes"}}},
        {"« Œuvre » Straße", {{"oeuvre", "Œuvre"}, {"strasse", "Straße"}}},
        {"", {}},
    };
    for (const auto& c : cases) {
        for (int pass = 0; pass < 2; ++pass) {
            const std::string text = c.input;
            std::vector<std::pair<std::string, std::string>> got;
            std::vector<std::string> folded;
            for (const auto& word : normaliser->spelled_words(text)) {
                got.emplace_back(word.folded, word.spelling);
                folded.push_back(word.folded);
                EXPECT_EQ(text.substr(word.offset, word.spelling.size()), word.spelling) << text;
            }
            EXPECT_EQ(got, c.words) << "input: " << text;
            EXPECT_EQ(folded, normaliser->words(text)) << "input: " << text;
        }
    }
}

TEST_F(NormaliserTest, StemsAgreeForAccentedAndUnaccentedSpellings) {
    const Xapian::Stem french("french");
    const std::pair<const char*, const char*> pairs[] = {
        {"réfugiés", "refugies"},       {"écoles", "ecole"},      {"l’hébergement", "hebergement"},
        {"Intégration", "integration"}, {"d’accueil", "accueil"},
    };
    for (const auto& [accented, plain] : pairs) {
        EXPECT_EQ(french(normaliser->fold_word(accented)), french(normaliser->fold_word(plain)))
            << accented << " vs " << plain;
    }
}

TEST_F(NormaliserTest, QueryFoldingKeepsSyntax) {
    const std::pair<const char*, const char*> cases[] = {
        {"Intégration AND réfugiés", "integration AND refugies"},
        {"\"banque alimentaire\" NOT Arménie", "\"banque alimentaire\" NOT armenie"},
        {"+logement -urgence", "+logement -urgence"},
        {"article:31 country:AM", "article:31 country:am"},
        {"l’accès (écoles OR crèches)", "acces (ecoles OR creches)"},
        {"and or not", "and or not"},
    };
    for (const auto& [query, folded] : cases) {
        EXPECT_EQ(normaliser->fold_query(query), folded) << "query: " << query;
    }
}

// fold_word skips ICU for ASCII words and caches the others: both shortcuts must give what
// the full ICU folding gives.
TEST_F(NormaliserTest, FoldWordShortcutsAgreeWithIcuFolding) {
    std::vector<std::string> words = {"Qu'il", "L'ECOLE", "children's", "x_y", "3.5", "a-b"};
    std::string every_ascii;
    for (char c = ' '; c <= '~'; ++c) every_ascii += c;
    words.push_back(every_ascii);
    for (const char* accented : {"Réfugiés", "L’Hébergement", "ŒUVRE", "Straße", "ﬁn", "café"}) {
        words.emplace_back(accented);
        words.emplace_back(accented);  // the second time from the cache
    }
    for (const auto& word : words) {
        EXPECT_EQ(normaliser->fold_word(word), strip_elision(normaliser->fold(word))) << word;
    }
}

TEST(StripElision, OnlyLeadingElisionsAreRemoved) {
    const std::pair<const char*, const char*> cases[] = {
        {"l'ecole", "ecole"},           {"qu'il", "il"},      {"l'", "l'"},
        {"aujourd'hui", "aujourd'hui"}, {"lecole", "lecole"}, {"jusqu'ici", "ici"},
        {"l't'x", "x"},  // every leading elision, so a folded word folds to itself
    };
    for (const auto& [word, stripped] : cases) EXPECT_EQ(strip_elision(word), stripped) << word;
}

TEST(CompoundsAsWords, HyphensBetweenWordsBecomeSpaces) {
    const std::pair<const char*, const char*> cases[] = {
        {"sans-abri", "sans abri"},
        {"porte-a-porte logement", "porte a porte logement"},
        {"2014-2020", "2014 2020"},
        {"aujourd'hui sans-abri", "aujourd'hui sans abri"},
        {"banque -armenie", "banque -armenie"},        // the exclusion sign stays
        {"banque -sans-abri", "banque -(sans abri)"},  // a signed compound stays one thing
        {"+porte-a-porte", "+(porte a porte)"},
        {"\"sans-abri a paris\"", "\"sans abri a paris\""},  // inside a phrase: the same phrase
        {"title:conge-parental", "title:conge-parental"},    // a field value is the parser's
        {"-(sans-abri)", "-(sans abri)"},
        {"a - b", "a - b"},
        {"-", "-"},
        {"", ""},
        {"non--discrimination", "non--discrimination"},  // not between two word characters
        {"médico-sociaux", "médico sociaux"},            // bytes of a word not folded yet
    };
    for (const auto& [query, expected] : cases)
        EXPECT_EQ(compounds_as_words(query), expected) << query;
}

}  // namespace
}  // namespace cohesio
