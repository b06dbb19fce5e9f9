// The lexicon of real words: folded as the Normaliser folds, read once from plain word lists.
#include "normalise/lexicon.h"

#include <gtest/gtest.h>

#include <fstream>

#include "normalise/normaliser.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

TEST(Lexicon, ListsFoldAsTheNormaliserFoldsAWord) {
    auto normaliser = Normaliser::create();
    ASSERT_TRUE(normaliser.ok());
    // The letters of French and English word lists: accents, ligatures, capitals, apostrophes.
    for (const char* word :
         {"ménages", "Œuvre", "cœur", "Æsop", "naïve", "façade", "élève", "Straße", "aujourd'hui",
          "Noël", "ÉTÉ", "refugee", "hôpital", "Zürich", "où", "à"}) {
        EXPECT_EQ(fold_word_list(word), (*normaliser)->fold_word(word)) << word;
    }
    EXPECT_EQ(fold_word_list("Été\ncœur\n"), "ete\ncoeur\n");
}

TEST(Lexicon, HoldsTheFoldedWordsOfEveryReadableList) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "fr") << "ventre\nMénages\ncœur\n\nvide\n";
    std::ofstream(dir.path() / "en") << "never\nvide\n";
    const Lexicon lexicon({dir.path() / "fr", dir.path() / "missing", dir.path() / "en"});
    for (const char* word : {"ventre", "menages", "coeur", "vide", "never"})
        EXPECT_TRUE(lexicon.contains(word)) << word;
    for (const char* word : {"Ménages", "ménages", "centre", "neve", "", "ventres"})
        EXPECT_FALSE(lexicon.contains(word)) << word;
    EXPECT_EQ(lexicon.size(), 5u);
    ASSERT_EQ(lexicon.unreadable().size(), 1u);
    EXPECT_EQ(lexicon.unreadable()[0], dir.path() / "missing");
}

TEST(Lexicon, NoListsMeansNoWords) {
    const Lexicon lexicon({});
    EXPECT_FALSE(lexicon.contains("ventre"));
    EXPECT_EQ(lexicon.size(), 0u);
}

}  // namespace
}  // namespace cohesio
