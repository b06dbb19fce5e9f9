// Our reference vocabulary: the bilingual thesaurus and the Charter article rules.
#include "index/vocabulary.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "index/article_rules.h"
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
    // The links the rules infer for a practice described by `description`, each as
    // "article: evidence (count)".
    std::vector<std::string> inferred(const ArticleRules& rules, const std::string& description) {
        Practice practice;
        practice.text = {{"description", description}};
        std::vector<std::string> found;
        for (const auto& link : rules.infer(practice, *normaliser)) {
            found.push_back(link.article + ": " + link.evidence + " (" +
                            std::to_string(link.evidence_terms) + ")");
        }
        return found;
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
// explicit links removed, the rules must find those articles again, but for the known misses.
TEST_F(VocabularyTest, RulesRecoverTheArticlesTextsNameExplicitly) {
    // Since evidence outside the practice's subject needs one term more (2026-12-02): article
    // 13's only evidence is its title, quoted among the instruments where the text names it.
    const std::set<std::pair<std::string, std::string>> misses = {
        {"xi-fiapa-age-barrier-disability-complaint", "13"},
    };
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
            EXPECT_EQ(inferred.contains(link.article),
                      !misses.contains({practice.id, link.article}))
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

// An article is inferred when the practice's subject holds min_evidence distinct terms of its
// rule, or its whole text min_evidence + 1; high confidence when both hold, low when one does.
TEST(ArticleConfidence, SubjectOrOneMoreTermAnywhere) {
    struct Case {
        std::size_t subject, text, min_evidence;
        ArticleConfidence expected;
    };
    const Case cases[] = {
        {0, 0, 1, ArticleConfidence::none},
        {0, 1, 1, ArticleConfidence::none},  // one term, outside the subject
        {1, 1, 1, ArticleConfidence::low},   // one term, in the subject
        {0, 2, 1, ArticleConfidence::low},   // two terms, both outside it
        {1, 2, 1, ArticleConfidence::high},
        {2, 2, 1, ArticleConfidence::high},
        {1, 2, 2, ArticleConfidence::none},  // min 2: one in the subject, one elsewhere
        {2, 2, 2, ArticleConfidence::low},
        {1, 3, 2, ArticleConfidence::low},
        {0, 3, 2, ArticleConfidence::low},
        {2, 3, 2, ArticleConfidence::high},
        {3, 5, 2, ArticleConfidence::high},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(article_confidence(c.subject, c.text, c.min_evidence), c.expected)
            << c.subject << " of " << c.text << " in the subject, min " << c.min_evidence;
    }
    EXPECT_EQ(confidence_name(ArticleConfidence::high), "high");
    EXPECT_EQ(confidence_name(ArticleConfidence::low), "low");
}

// The subject is the titles, our English summary, the goal and the description; the partners,
// impact and other fields count only towards the whole text.
TEST_F(VocabularyTest, EvidenceInThePracticesSubjectCountsMore) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "rules.json") << R"({"rules": [
        {"article": "14", "evidence_fr": ["services sociaux", "travailleurs sociaux"], "min_evidence": 1},
        {"article": "31", "evidence_fr": ["logement", "sans-abri"], "evidence_en": ["housing"], "min_evidence": 2}]})";
    auto rules = ArticleRules::load(dir.path() / "rules.json", *normaliser);
    ASSERT_TRUE(rules.ok()) << rules.error().describe();
    struct Case {
        const char* name;
        std::vector<std::pair<std::string, std::string>> fields;  // text fields, title, summary_en
        std::vector<std::string> expected;                        // "article confidence"
    };
    const Case cases[] = {
        {"one term among the partners", {{"partners", "Travailleurs sociaux"}}, {}},
        {"one term in the impact", {{"impact", "Aidé par les services sociaux."}}, {}},
        {"two terms outside the subject",
         {{"partners", "Travailleurs sociaux"}, {"impact", "Les services sociaux."}},
         {"14 low"}},
        {"one term in the description", {{"description", "Des travailleurs sociaux."}}, {"14 low"}},
        {"one term in the goal", {{"goal", "Des travailleurs sociaux."}}, {"14 low"}},
        {"one in the title, one among the partners",
         {{"title", "Services sociaux de quartier"}, {"partners", "Travailleurs sociaux"}},
         {"14 high"}},
        {"one in our summary, one in the description",
         {{"summary_en", "Social services: services sociaux."},
          {"description", "Des travailleurs sociaux."}},
         {"14 high"}},
        {"min 2: one in the subject, one elsewhere",
         {{"description", "Un logement."}, {"impact", "Moins de sans-abri."}},
         {}},
        {"min 2: two in the subject",
         {{"description", "Un logement pour les sans-abri."}},
         {"31 low"}},
        {"min 2: three outside the subject",
         {{"context", "Le logement."}, {"impact", "Moins de sans-abri; housing first."}},
         {"31 low"}},
        {"min 2: two in the subject and one more",
         {{"title", "Housing first"},
          {"description", "Un logement."},
          {"remarks", "Des sans-abri."}},
         {"31 high"}},
    };
    for (const auto& c : cases) {
        Practice practice;
        for (const auto& [field, value] : c.fields) {
            if (field == "title") {
                practice.title = value;
            } else if (field == "summary_en") {
                practice.summary_en = value;
            } else {
                practice.text.emplace_back(field, value);
            }
        }
        std::vector<std::string> found;
        for (const auto& link : rules->infer(practice, *normaliser)) {
            found.push_back(link.article + " " + link.confidence);
        }
        EXPECT_EQ(found, c.expected) << c.name;
    }
}

// not_if_only: terms that count beside another evidence term but are never enough by
// themselves, wherever they are; a not_if_only term must be one of the rule's evidence terms.
TEST_F(VocabularyTest, NotIfOnlyTermsNeedAnotherTerm) {
    testing::TempDir dir;
    std::ofstream(dir.path() / "rules.json") << R"({"rules": [
        {"article": "12", "evidence_fr": ["pension", "indemnité"], "evidence_en": ["benefits"],
         "not_if_only": ["benefits", "indemnité"], "min_evidence": 1}]})";
    auto rules = ArticleRules::load(dir.path() / "rules.json", *normaliser);
    ASSERT_TRUE(rules.ok()) << rules.error().describe();
    const std::pair<const char*, std::vector<std::string>> cases[] = {
        {"The benefits of volunteering.", {}},
        {"Les benefits et une indemnite.", {}},  // two terms, both not enough alone
        {"Benefits and a pension.", {"12: Benefits, pension (2)"}},
        {"Une pension.", {"12: pension (1)"}},
    };
    for (const auto& [description, expected] : cases)
        EXPECT_EQ(inferred(*rules, description), expected) << description;
    std::ofstream(dir.path() / "typo.json") << R"({"rules": [
        {"article": "12", "evidence_fr": ["pension"], "not_if_only": ["pensoin"]}]})";
    auto typo = ArticleRules::load(dir.path() / "typo.json", *normaliser);
    ASSERT_FALSE(typo.ok());
    EXPECT_NE(typo.error().message.find("pensoin"), std::string::npos);
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
    for (const auto& [description, expected] : cases)
        EXPECT_EQ(inferred(*rules, description), expected) << description;
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
