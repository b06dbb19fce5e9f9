// Our reference vocabulary: the bilingual thesaurus and the Charter article rules.
#include "index/vocabulary.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "support/test_index.h"

namespace cohesio {
namespace {

class VocabularyTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = Normaliser::create();
        ASSERT_TRUE(created.ok());
        normaliser = std::move(created).value();
    }
    std::unique_ptr<Normaliser> normaliser;
};

TEST_F(VocabularyTest, ThesaurusMapsEnglishAndFrenchFormsToOneConcept) {
    auto thesaurus = Thesaurus::load(testing::kReferenceDir / "thesaurus.json", *normaliser);
    ASSERT_TRUE(thesaurus.ok()) << thesaurus.error().describe();
    const std::pair<const char*, const char*> cases[] = {
        {"banque alimentaire", "food_bank"},
        {"Food banks", "food_bank"},
        {"Banques alimentaires", "food_bank"},
        {"mineurs non accompagnés", "unaccompanied_minors"},
        {"mineurs non accompagnes", "unaccompanied_minors"},
        {"le logement", "housing"},
        {"housing", "housing"},
        {"sans-abri", "homelessness"},
        {"homelessness", "homelessness"},
        {"un guichet unique", "one_stop_shop"},
        {"one-stop shop", "one_stop_shop"},
        {"congé parental", "parental_leave"},
        {"revenu minimum", "minimum_income"},
        {"gestionnaire de cas", "case_management"},
        {"case manager", "case_management"},
    };
    for (const auto& [text, concept_id] : cases) {
        const auto found = thesaurus->concepts_in(normaliser->words(text));
        ASSERT_EQ(found.size(), 1u) << text;
        EXPECT_EQ(found[0], concept_id) << text;
    }
}

TEST_F(VocabularyTest, BroaderLinksFormNoCycle) {
    auto thesaurus = Thesaurus::load(testing::kReferenceDir / "thesaurus.json", *normaliser);
    ASSERT_TRUE(thesaurus.ok()) << thesaurus.error().describe();
    std::map<std::string, std::vector<std::string>> broader_of;
    for (const auto& [broader, narrower] : thesaurus->narrower())
        broader_of[narrower].push_back(broader);
    EXPECT_GT(broader_of.size(), 100u);
    // Following broader links upwards from any concept never comes back to it.
    for (const auto& [start, parents] : broader_of) {
        std::set<std::string> seen;
        std::vector<std::string> pending = parents;
        while (!pending.empty()) {
            const std::string current = pending.back();
            pending.pop_back();
            ASSERT_NE(current, start) << "cycle through " << start;
            if (!seen.insert(current).second) continue;
            if (const auto up = broader_of.find(current); up != broader_of.end())
                pending.insert(pending.end(), up->second.begin(), up->second.end());
        }
    }
}

TEST_F(VocabularyTest, NoFormBelongsToTwoConcepts) {
    auto thesaurus = Thesaurus::load(testing::kReferenceDir / "thesaurus.json", *normaliser);
    ASSERT_TRUE(thesaurus.ok());
    std::map<std::string, std::string> concept_of;
    for (const auto& [form, concept_id] : thesaurus->forms()) {
        auto [it, inserted] = concept_of.emplace(form, concept_id);
        if (!inserted && it->second != concept_id) {
            ADD_FAILURE() << "'" << form << "' is in " << it->second << " and " << concept_id;
        }
    }
    EXPECT_GT(concept_of.size(), 1000u);
}

// The rules are checked against the practices whose texts name their articles: with the
// explicit links removed, the rules must find those articles again.
TEST_F(VocabularyTest, RulesRecoverTheArticlesTextsNameExplicitly) {
    auto rules =
        ArticleRules::load(testing::kReferenceDir / "charter_article_rules.json", *normaliser);
    ASSERT_TRUE(rules.ok()) << rules.error().describe();
    const Reference reference = testing::load_reference();
    const CorpusLoad load = load_corpus(testing::kSourceDir / "corpus/practices", reference);
    std::size_t checked = 0;
    for (const auto& practice : load.practices) {
        if (practice.articles.empty()) continue;
        Practice without = practice;
        without.articles.clear();
        std::set<std::string> inferred;
        for (const auto& link : rules->infer(without, *normaliser)) {
            EXPECT_EQ(link.provenance, "inferred");
            EXPECT_FALSE(link.evidence.empty());
            inferred.insert(link.article);
        }
        for (const auto& link : practice.articles) {
            EXPECT_TRUE(inferred.contains(link.article))
                << practice.id << ": article " << link.article;
            ++checked;
        }
    }
    EXPECT_GE(checked, 5u);
}

TEST_F(VocabularyTest, RulesNeedTheirMinimumEvidenceAndKeepExplicitLinks) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "rules.json") << R"({"rules": [
        {"article": "31", "evidence_fr": ["logement", "sans-abri"], "evidence_en": ["housing"], "min_evidence": 2},
        {"article": "27", "evidence_fr": ["congé parental"], "min_evidence": 1}]})";
    auto rules = ArticleRules::load(dir.path() / "rules.json", *normaliser);
    ASSERT_TRUE(rules.ok()) << rules.error().describe();
    struct Case {
        std::string description;
        std::vector<std::string> articles;
    };
    const Case cases[] = {
        {"Un logement pour tous.", {}},               // one term of two
        {"Un logement pour les sans-abri.", {"31"}},  // two distinct terms
        {"Logement, logement, logement.", {}},        // distinct terms count
        {"Housing and logement.", {"31"}},            // across languages
        {"Le nouveau congé parental.", {"27"}},
        {"Le congé de maladie.", {}},  // a phrase, not its words
    };
    for (const auto& c : cases) {
        Practice practice;
        practice.text = {{"description", c.description}};
        std::vector<std::string> found;
        for (const auto& link : rules->infer(practice, *normaliser)) found.push_back(link.article);
        EXPECT_EQ(found, c.articles) << c.description;
    }
    Practice named;
    named.text = {{"description", "Le nouveau congé parental."}};
    named.articles = {{"27", "explicit", "article 27"}};
    EXPECT_TRUE(rules->infer(named, *normaliser).empty());
}

// Evidence is matched on folded words but shown as the text writes it: each distinct term
// once, where the text first has it, with its case, accents, hyphens and apostrophes.
TEST_F(VocabularyTest, EvidenceIsInTheTextsOwnWords) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "rules.json") << R"({"rules": [
        {"article": "31", "evidence_fr": ["logement", "sans-abri"], "evidence_en": ["housing"], "min_evidence": 2},
        {"article": "19", "evidence_fr": ["réfugiés", "demandeurs d'asile"], "min_evidence": 1}]})";
    auto rules = ArticleRules::load(dir.path() / "rules.json", *normaliser);
    ASSERT_TRUE(rules.ok()) << rules.error().describe();
    const std::pair<const char*, std::vector<std::string>> cases[] = {
        {"Les Sans-Abri et le logement.", {"31: Sans-Abri, logement (2)"}},
        {"Logement des sans-abri, LOGEMENT, sans abri.", {"31: Logement, sans-abri (2)"}},
        {"Housing and logement.", {"31: Housing, logement (2)"}},
        {"Des Réfugiés et des demandeurs d’asile.", {"19: Réfugiés, demandeurs d’asile (2)"}},
        {"L’accueil des demandeurs\n  d'asile; refugies.",
         {"19: demandeurs d'asile, refugies (2)"}},
    };
    for (const auto& [description, expected] : cases) {
        Practice practice;
        practice.text = {{"description", description}};
        std::vector<std::string> found;
        for (const auto& link : rules->infer(practice, *normaliser)) {
            found.push_back(link.article + ": " + link.evidence + " (" +
                            std::to_string(link.evidence_terms) + ")");
        }
        EXPECT_EQ(found, expected) << description;
    }
}

TEST_F(VocabularyTest, BrokenReferenceFilesAreErrorsNamingTheFile) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "thesaurus.json") << R"({"concepts": [{"en": ["no id"]}]})";
    auto thesaurus = Thesaurus::load(dir.path() / "thesaurus.json", *normaliser);
    ASSERT_FALSE(thesaurus.ok());
    EXPECT_NE(thesaurus.error().where.find("thesaurus.json"), std::string::npos);
    std::ofstream(dir.path() / "broader.json")
        << R"({"concepts": [{"id": "housing", "fr": ["logement"], "broader": ["shelter"]}]})";
    thesaurus = Thesaurus::load(dir.path() / "broader.json", *normaliser);
    ASSERT_FALSE(thesaurus.ok());
    EXPECT_NE(thesaurus.error().message.find("housing"), std::string::npos);
    EXPECT_NE(thesaurus.error().message.find("shelter"), std::string::npos);
    // The same form (once folded) under two concepts.
    std::ofstream(dir.path() / "twice.json") << R"({"concepts": [
        {"id": "shelter", "fr": ["hébergement"]}, {"id": "housing", "fr": ["Hebergement"]}]})";
    thesaurus = Thesaurus::load(dir.path() / "twice.json", *normaliser);
    ASSERT_FALSE(thesaurus.ok());
    EXPECT_NE(thesaurus.error().message.find("'hebergement' of concept 'housing' is already a "
                                             "form of 'shelter'"),
              std::string::npos)
        << thesaurus.error().message;
    auto missing = ArticleRules::load(dir.path() / "nope.json", *normaliser);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace cohesio
