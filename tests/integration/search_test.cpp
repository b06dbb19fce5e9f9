// End-to-end over the fixture corpus: index it, then search, browse, count facets, suggest.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "common/files.h"
#include "eval/baseline.h"
#include "index/schema.h"
#include "recommend/similar.h"
#include "search/query.h"
#include "search/response_json.h"
#include "search/searcher.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;

class FixtureIndex : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kFixtureCorpus, dir_->path());
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override {
        auto opened = Searcher::open(dir_->path());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        searcher = std::move(opened).value();
    }

    std::vector<std::string> ids(const SearchRequest& request) {
        auto response = searcher->search(request);
        EXPECT_TRUE(response.ok()) << response.error().describe();
        std::vector<std::string> found;
        if (response.ok()) {
            for (const auto& hit : response->hits) found.push_back(hit.id);
        }
        return found;
    }

    static TempDir* dir_;
    std::unique_ptr<Searcher> searcher;
};

TempDir* FixtureIndex::dir_ = nullptr;

std::set<std::string> as_set(const json& list) { return list.get<std::set<std::string>>(); }

TEST_F(FixtureIndex, GoldenQueries) {
    auto golden = read_file(testing::kSourceDir / "tests/golden/fixture_queries.json");
    ASSERT_TRUE(golden.ok());
    const json cases = json::parse(*golden).at("cases");
    for (const auto& c : cases) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        SearchRequest request;
        request.query = c.at("query");
        request.limit = 100;
        if (c.contains("filters")) request.filters = c["filters"].get<decltype(request.filters)>();
        auto response = searcher->search(request);
        ASSERT_TRUE(response.ok()) << response.error().describe();
        std::vector<std::string> found;
        for (const auto& hit : response->hits) found.push_back(hit.id);
        const std::set<std::string> found_set(found.begin(), found.end());

        if (c.contains("top")) {
            const auto top = as_set(c["top"]);
            ASSERT_GE(found.size(), top.size());
            EXPECT_EQ(
                std::set<std::string>(found.begin(), found.begin() + static_cast<long>(top.size())),
                top);
        }
        if (c.contains("exactly")) {
            EXPECT_EQ(found_set, as_set(c["exactly"]));
        }
        for (const auto& id : c.value("includes", json::array()))
            EXPECT_TRUE(found_set.contains(id)) << id;
        for (const auto& id : c.value("absent", json::array()))
            EXPECT_FALSE(found_set.contains(id)) << id;
        EXPECT_EQ(response->degraded_query, c.value("degraded", false));
        EXPECT_EQ(response->total, found.size());
    }
}

// The evaluation's named baseline: BM25 over the folded French stems, filters as boolean terms.
TEST_F(FixtureIndex, Bm25BaselineRanksStemsWithinFilters) {
    auto opened = Bm25Baseline::open(searcher->database());
    ASSERT_TRUE(opened.ok());
    Bm25Baseline& baseline = **opened;
    // Folded and stemmed like the index: plural, accents and case do not matter.
    auto food = baseline.rank("Banques ALIMENTAIRES", {}, 10);
    ASSERT_TRUE(food.ok());
    ASSERT_GE(food->size(), 2u);
    EXPECT_EQ(std::set<std::string>(food->begin(), food->begin() + 2),
              (std::set<std::string>{"am-national-food-bank", "bg-food-bank-model"}));
    // Within a country filter only that country's practices.
    auto armenian = baseline.rank("banque alimentaire", {{"country", {"AM"}}}, 10);
    ASSERT_TRUE(armenian.ok());
    EXPECT_EQ(*armenian, (std::vector<std::string>{"am-national-food-bank"}));
    // No words: the filtered practices.
    auto browse = baseline.rank("", {{"article", {"27"}}}, 10);
    ASSERT_TRUE(browse.ok());
    EXPECT_EQ(std::set<std::string>(browse->begin(), browse->end()),
              (std::set<std::string>{"lu-new-parental-leave", "cz-paternity-leave"}));
    EXPECT_FALSE(baseline.rank("banque", {{"colour", {"red"}}}, 10).ok());
    // Words that are all stopwords leave nothing to rank by: nothing found, not everything.
    auto stopped = baseline.rank("la", {}, 10);
    ASSERT_TRUE(stopped.ok());
    EXPECT_TRUE(stopped->empty());
}

TEST_F(FixtureIndex, Bm25BaselineWithXapiansDidYouMeanSearchesTheCorrection) {
    auto as_typed = Bm25Baseline::open(searcher->database());
    auto corrected =
        Bm25Baseline::open(searcher->database(), BaselineSpelling::xapian_did_you_mean);
    ASSERT_TRUE(as_typed.ok() && corrected.ok());
    auto misspelt = (*as_typed)->rank("alimentairre", {}, 10);
    ASSERT_TRUE(misspelt.ok());
    EXPECT_TRUE(misspelt->empty());
    auto found = (*corrected)->rank("alimentairre", {}, 10);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(std::set<std::string>(found->begin(), found->end()),
              (std::set<std::string>{"am-national-food-bank", "bg-food-bank-model"}));
}

TEST_F(FixtureIndex, FacetCountsEqualMatchingRecords) {
    for (const char* query : {"", "familles", "refugies"}) {
        SearchRequest request;
        request.query = query;
        request.limit = 100;
        if (request.query.empty()) request.filters["lang"] = {"fr", "en"};  // browse everything
        auto response = searcher->search(request);
        ASSERT_TRUE(response.ok());
        // Count each country / article / domain over the hits' own records.
        std::map<std::string, std::map<std::string, Xapian::doccount>> expected;
        for (const auto& hit : response->hits) {
            for (const auto& country : hit.record->at("countries")) ++expected["country"][country];
            for (const auto& link : hit.record->value("charter_articles", json::array())) {
                ++expected["article"][link.at("article")];
            }
            for (const auto& link : hit.record->at("priority_domains"))
                ++expected["domain"][link.at("domain")];
        }
        for (const auto& [facet, counts] : expected) {
            std::map<std::string, Xapian::doccount> actual;
            for (const auto& value : response->facets.at(facet)) actual[value.value] = value.count;
            EXPECT_EQ(actual, counts) << "facet " << facet << " for query '" << query << "'";
        }
    }
}

TEST_F(FixtureIndex, FacetCountsIgnoreTheirOwnFilter) {
    SearchRequest request;
    request.filters["country"] = {"AM"};
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->total, 2u);
    // Country counts are over the whole corpus (the country filter is this facet's own)...
    Xapian::doccount country_total = 0;
    for (const auto& value : response->facets.at("country")) country_total += value.count;
    EXPECT_GT(country_total, 2u);
    // ...while other facets count only the two Armenian practices.
    Xapian::doccount language_total = 0;
    for (const auto& value : response->facets.at("lang")) language_total += value.count;
    EXPECT_EQ(language_total, 2u);
}

// An inferred article's evidence is the terms found as the practice's text writes them (case,
// accents, hyphens and apostrophes), each once, in the order of the text, and evidence_terms
// counts them.
TEST_F(FixtureIndex, InferredArticlesShowTheirEvidenceInTheTextsOwnWords) {
    struct Case {
        const char* id;
        const char* article;
        const char* evidence;
    };
    const Case cases[] = {
        {"gr-athens-young-refugees-pilot", "19", "réfugiés, refugees"},
        {"gr-athens-young-refugees-pilot", "31", "housing, hébergement"},
        {"dk-childrens-houses", "17",
         "Foyers pour enfants, abused children, enfants victimes, mauvais traitements"},
        {"cz-paternity-leave", "27",
         "congés paternité, paternity leave, childcare, garde d'enfants"},
        {"be-wallonia-social-cohesion-plan", "30", "précarité, pauvreté, précaires, démunis"},
        {"se-malmo-yalla-trappan", "1",
         "work-integration, labour market, intégration au travail, marché du travail"},
    };
    for (const auto& c : cases) {
        auto record = searcher->record(c.id);
        ASSERT_TRUE(record.ok()) << record.error().describe();
        std::string evidence = "(no inferred article " + std::string(c.article) + ")";
        for (const auto& link : record->at("charter_articles")) {
            if (link.at("article") == c.article && link.at("provenance") == "inferred") {
                evidence = link.at("evidence");
                // How strong the inference is: the number of distinct terms listed.
                const auto listed = std::count(evidence.begin(), evidence.end(), ',') + 1;
                EXPECT_EQ(link.value("evidence_terms", 0), listed) << c.id << " " << c.article;
            }
        }
        EXPECT_EQ(evidence, c.evidence) << c.id << " article " << c.article;
    }
}

TEST_F(FixtureIndex, SnippetsHighlightTheAccentedOriginal) {
    SearchRequest request;
    request.query = "refugies";
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    ASSERT_FALSE(response->hits.empty());
    const std::string& snippet = response->hits.front().snippet;
    EXPECT_NE(snippet.find("<mark>réfugiés</mark>"), std::string::npos) << snippet;
}

TEST_F(FixtureIndex, PagingAndSorting) {
    SearchRequest request;
    request.filters["lang"] = {"fr"};
    request.limit = 3;
    const auto first = ids(request);
    request.offset = 3;
    const auto second = ids(request);
    ASSERT_EQ(first.size(), 3u);
    ASSERT_EQ(second.size(), 3u);
    for (const auto& id : second) EXPECT_EQ(std::count(first.begin(), first.end(), id), 0) << id;

    request.offset = 0;
    request.limit = 100;
    // Each order sorts by what the reader sees in that interface language: the title (ours in
    // English where the record is French), or the first country's name and then the title.
    const Reference reference = testing::load_reference();
    const auto country = [&](const json& record, bool english) {
        const auto& label = reference.countries.at(record.at("countries")[0].get<std::string>());
        return searcher->normaliser().fold(english ? label.en : label.fr);
    };
    struct Case {
        SortOrder order;
        std::function<std::string(const json&)> key;
    };
    Normaliser& fold = searcher->normaliser();
    const Case cases[] = {
        {SortOrder::title,
         [&](const json& r) { return fold.fold(r.at("title").get<std::string>()); }},
        {SortOrder::title_en,
         [&](const json& r) {
             return fold.fold(r.value("title_en", r.at("title").get<std::string>()));
         }},
        {SortOrder::country, [&](const json& r) { return country(r, false); }},
        {SortOrder::country_en, [&](const json& r) { return country(r, true); }},
    };
    for (const auto& c : cases) {
        request.sort = c.order;
        auto response = searcher->search(request);
        ASSERT_TRUE(response.ok());
        std::vector<std::string> keys;
        for (const auto& hit : response->hits) keys.push_back(c.key(summary_json(*hit.record)));
        EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end())) << static_cast<int>(c.order);
    }
}

TEST_F(FixtureIndex, BrowsingAnArticleListsTheSurestFirst) {
    // Named by the text first, then by the number of distinct evidence terms, then by title.
    const auto strength = [](const json& record, const std::string& article) {
        for (const auto& link : record.value("charter_articles", json::array())) {
            if (link.at("article") != article) continue;
            if (link.at("provenance") == "explicit") return 1000;
            return link.value("evidence_terms", 1);
        }
        return 0;
    };
    std::size_t ranked = 0;
    for (const std::string article : {"27", "19", "13", "31", "e"}) {
        SearchRequest request;
        request.filters["article"] = {article};
        request.limit = 100;
        auto response = searcher->search(request);
        ASSERT_TRUE(response.ok()) << response.error().describe();
        std::vector<std::pair<int, std::string>> order;
        for (const auto& hit : response->hits) {
            const std::string upper = article == "e" ? "E" : article;
            order.emplace_back(-strength(*hit.record, upper),
                               searcher->normaliser().fold(
                                   summary_json(*hit.record).at("title").get<std::string>()));
            EXPECT_NE(order.back().first, 0) << hit.id << " lacks article " << article;
        }
        EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << "article " << article;
        ranked += order.size();
    }
    EXPECT_GT(ranked, 5u);
}

TEST_F(FixtureIndex, HostileQueriesGetAnAnswerOrAClearError) {
    struct Case {
        std::string query;
        bool ok;
    };
    const Case cases[] = {
        {"\xC3\x28 banque", true},        // invalid UTF-8
        {std::string(2000, 'a'), false},  // over the length limit
        {"\"banque", true},               // unbalanced quote
        {"((((banque", true},
        {"AND OR NOT", false},  // operators only: no words
        {"\" ( *", false},      // syntax only
        {"-banque", true},      // pure exclusion
        {"article:", true},     // a prefix without a value is a word
        // Xapian 1.4.22's QueryParser leaks a term on these (asan_defaults.cpp): found by
        // fuzzing, they must still get an answer.
        {"-\"banque alimentaire\" NEAR/3 logement", true},
        {"-!banque a ADJ/2 logement", true},
    };
    for (const auto& c : cases) {
        SearchRequest request;
        request.query = c.query;
        auto response = searcher->search(request);
        EXPECT_EQ(response.ok(), c.ok) << c.query.substr(0, 40);
        if (!response.ok()) {
            EXPECT_EQ(response.error().kind, ErrorKind::invalid_input);
            EXPECT_EQ(response.error().where, "query");
        }
    }
}

TEST_F(FixtureIndex, PureExclusionListsEverythingElse) {
    SearchRequest request;
    request.query = "-alimentaire";
    request.limit = 100;
    const auto found = ids(request);
    EXPECT_EQ(std::count(found.begin(), found.end(), "am-national-food-bank"), 0);
    EXPECT_EQ(found.size(), searcher->database().get_doccount() - 2);
}

TEST_F(FixtureIndex, FiltersInTheQueryActLikeFilterOptions) {
    SearchRequest written, option;
    written.query = "familles country:PL";
    option.query = "familles";
    option.filters["country"] = {"PL"};
    auto a = searcher->search(written);
    auto b = searcher->search(option);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->total, b->total);
    ASSERT_EQ(a->facets.at("country").size(), b->facets.at("country").size());
    EXPECT_GT(a->facets.at("country").size(), 1u);  // counted without its own filter
}

TEST_F(FixtureIndex, AKnownFilterValueNoPracticeHasIsAWarning) {
    SearchRequest request;
    request.filters["country"] = {"MT"};  // Malta: in the reference data, not in the fixture
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->total, 0u);
    ASSERT_EQ(response->warnings.size(), 1u);
    EXPECT_NE(response->warnings[0].find("'MT'"), std::string::npos);
}

TEST_F(FixtureIndex, AFilterValueOutsideTheReferenceIsAnErrorListingTheKnownOnes) {
    struct Case {
        const char* facet;
        const char* value;
        const char* listed;  // one of the values the message must offer
    };
    const Case cases[] = {
        {"country", "ZZ", "AD, AL, AM"},
        {"domain", "gardening", "migrants_refugees"},
        {"article", "99", "31"},
        {"lang", "de", "en, fr"},
    };
    for (const Case& c : cases) {
        SearchRequest request;
        request.query = "familles";
        request.filters[c.facet] = {c.value};
        auto response = searcher->search(request);
        ASSERT_FALSE(response.ok()) << c.facet;
        EXPECT_EQ(response.error().kind, ErrorKind::invalid_input);
        EXPECT_EQ(response.error().where, c.facet);
        EXPECT_NE(response.error().message.find(std::string("unknown value '") + c.value + "'"),
                  std::string::npos)
            << response.error().message;
        EXPECT_NE(response.error().message.find(c.listed), std::string::npos)
            << response.error().message;
    }
    // Case does not matter, as in the index.
    SearchRequest lower;
    lower.filters["country"] = {"am"};
    EXPECT_TRUE(searcher->search(lower).ok());
}

TEST_F(FixtureIndex, UnknownFilterIsAnErrorNamingIt) {
    SearchRequest request;
    request.filters["colour"] = {"red"};
    auto response = searcher->search(request);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().where, "colour");
    EXPECT_EQ(response.error().kind, ErrorKind::invalid_input);
}

TEST_F(FixtureIndex, RecordsByIdAndUnknownIds) {
    auto record = searcher->record("lu-new-parental-leave");
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->at("countries"), json::array({"LU"}));
    auto missing = searcher->record("no-such-practice");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST_F(FixtureIndex, SimilarPracticesExcludeThePracticeItself) {
    auto suggestions =
        similar_practices(*searcher, SimilarRequest::for_practice("am-national-food-bank", 3));
    ASSERT_TRUE(suggestions.ok()) << suggestions.error().describe();
    ASSERT_FALSE(suggestions->empty());
    EXPECT_EQ(suggestions->front().id, "bg-food-bank-model");
    EXPECT_FALSE(suggestions->front().shared_words.empty());
    for (const auto& suggestion : *suggestions) EXPECT_NE(suggestion.id, "am-national-food-bank");

    auto missing =
        similar_practices(*searcher, SimilarRequest::for_practice("no-such-practice", 3));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST_F(FixtureIndex, SuggestionsSpanCountriesUnlessAskedOtherwise) {
    auto request = SimilarRequest::for_practice("pl-lublin-family-centre-homes", 10);
    auto diverse = similar_practices(*searcher, request);
    ASSERT_TRUE(diverse.ok()) << diverse.error().describe();
    std::map<std::string, int> per_country;
    for (const auto& suggestion : *diverse) {
        const int seen = ++per_country[suggestion.record.at("countries").at(0).get<std::string>()];
        EXPECT_LE(seen, 2) << suggestion.id;
        EXPECT_NE(suggestion.id, request.id);
    }
    request.same_country = true;
    auto same = similar_practices(*searcher, request);
    ASSERT_TRUE(same.ok());
    for (const auto& suggestion : *same) {
        const auto countries = suggestion.record.at("countries").get<std::vector<std::string>>();
        EXPECT_NE(std::find(countries.begin(), countries.end(), "PL"), countries.end())
            << suggestion.id;
        // The country filter is no shared word (it once showed as "pl").
        EXPECT_EQ(std::find(suggestion.shared_words.begin(), suggestion.shared_words.end(), "pl"),
                  suggestion.shared_words.end())
            << suggestion.id;
    }
}

TEST_F(FixtureIndex, SuggestionsExplainThemselves) {
    auto suggestions =
        similar_practices(*searcher, SimilarRequest::for_practice("am-national-food-bank", 1));
    ASSERT_TRUE(suggestions.ok());
    ASSERT_EQ(suggestions->size(), 1u);
    const Suggestion& first = suggestions->front();
    EXPECT_EQ(first.id, "bg-food-bank-model");
    EXPECT_NE(std::find(first.shared_concepts.begin(), first.shared_concepts.end(), "food_bank"),
              first.shared_concepts.end());
    EXPECT_EQ(first.shared_domains, std::vector<std::string>{"poverty_crisis"});
}

TEST_F(FixtureIndex, ReasonsAreTheSourcesOwnWordsNotItsGenericOnes) {
    // Each shared word is written as the practice (or the situation) writes it, accents and
    // all, and none is a stopword or a word any sheet uses ("mettre en place", "people").
    const std::set<std::string> unshown = {"cet", "mettre", "place", "niveau", "people", "runs"};
    std::size_t shown = 0;
    const auto check = [&](const SimilarRequest& request, const std::string& source_text) {
        auto suggestions = similar_practices(*searcher, request);
        ASSERT_TRUE(suggestions.ok()) << suggestions.error().describe();
        for (const auto& suggestion : *suggestions) {
            for (const auto& word : suggestion.shared_words) {
                EXPECT_NE(source_text.find(word), std::string::npos)
                    << suggestion.id << ": " << word;
                EXPECT_FALSE(unshown.contains(word)) << suggestion.id << ": " << word;
                ++shown;
            }
        }
    };
    for (const char* id : {"am-national-food-bank", "pl-lublin-family-centre-homes"}) {
        auto record = searcher->record(id);
        ASSERT_TRUE(record.ok());
        std::string own_text = record->value("title", "");
        for (const auto& [field, text] : record->at("text").items())
            own_text += "\n" + text.get<std::string>();
        check(SimilarRequest::for_practice(id, 5), own_text);
    }
    SimilarRequest situation;
    situation.text =
        "Des familles réfugiées doivent quitter le centre d’accueil et ne trouvent pas "
        "d’appartement à louer; les propriétaires refusent.";
    check(situation, situation.text);
    EXPECT_GT(shown, 0u);
}

TEST_F(FixtureIndex, SuggestionsFromADescribedSituation) {
    SimilarRequest request;
    request.text = "a food bank against hunger for poor families";
    auto suggestions = similar_practices(*searcher, request);
    ASSERT_TRUE(suggestions.ok()) << suggestions.error().describe();
    ASSERT_GE(suggestions->size(), 2u);
    const std::set<std::string> top = {(*suggestions)[0].id, (*suggestions)[1].id};
    EXPECT_EQ(top, (std::set<std::string>{"am-national-food-bank", "bg-food-bank-model"}));
    request.text = "  ";
    EXPECT_FALSE(similar_practices(*searcher, request).ok());
}

TEST_F(FixtureIndex, ASituationOfCommonWordsStillGetsSuggestions) {
    // Words in most practices are left out of a situation's query, but never all of them.
    SimilarRequest request;
    request.text = "social social sociale";
    auto suggestions = similar_practices(*searcher, request);
    ASSERT_TRUE(suggestions.ok()) << suggestions.error().describe();
    EXPECT_FALSE(suggestions->empty());
}

TEST_F(FixtureIndex, EnglishQueriesReachFrenchTextThroughConcepts) {
    // "homeless" is in no French record's words, but "sans-abri" / "logement" forms are
    // concepts; the Lublin homes and the English fixture both concern housing.
    SearchRequest request;
    request.query = "housing";
    request.limit = 20;
    const auto found = ids(request);
    EXPECT_NE(std::find(found.begin(), found.end(), "fixture-en-housing-first"), found.end());
    request.query = "logement";
    const auto french = ids(request);
    EXPECT_NE(std::find(french.begin(), french.end(), "fixture-en-housing-first"), french.end());
}

TEST_F(FixtureIndex, TyposAreCorrected) {
    SearchRequest request;
    request.query = "banqe alimentare";
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_TRUE(response->auto_corrected);
    EXPECT_EQ(response->corrected_query, "banque alimentaire");
    ASSERT_FALSE(response->hits.empty());
    request.query = "paternity leave";  // known words are never "corrected"
    response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_EQ(response->corrected_query, "");
}

TEST_F(FixtureIndex, AnUnknownWordIsCorrectedEvenWhenTheOthersFindSomething) {
    SearchRequest request;
    request.query = "banqe alimentaire";  // "alimentaire" alone finds practices
    request.limit = 20;
    auto response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_TRUE(response->auto_corrected);
    EXPECT_EQ(response->corrected_query, "banque alimentaire");
    EXPECT_EQ(response->matching, WordMatch::all);  // both words, as corrected
    SearchRequest corrected = request;
    corrected.query = "banque alimentaire";
    EXPECT_EQ(ids(request), ids(corrected));
    // As typed: the correction is only suggested, and the typed words are searched for (no
    // practice has "banqe", so the any-word fallback answers).
    request.as_typed = true;
    response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_FALSE(response->auto_corrected);
    EXPECT_EQ(response->corrected_query, "banque alimentaire");
    EXPECT_EQ(response->matching, WordMatch::any);
    // A word with no close spelling in the index is left alone, not rewritten into another.
    request = SearchRequest{};
    request.query = "zqxjkv alimentaire";
    response = searcher->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_FALSE(response->auto_corrected);
    EXPECT_EQ(response->corrected_query, "");
}

TEST_F(FixtureIndex, ARealWordIsNeverCorrectedEvenIfNoPracticeHasIt) {
    // "banqe" is one edit from the index's "banque": a typo, unless the lexicon lists it.
    testing::TempDir lists;
    std::ofstream(lists.path() / "words") << "banqe\n";
    auto opened = Searcher::open(dir_->path(),
                                 std::make_shared<const Lexicon>(
                                     std::vector<std::filesystem::path>{lists.path() / "words"}));
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    SearchRequest request;
    request.query = "banqe alimentaire";
    auto response = (*opened)->search(request);
    ASSERT_TRUE(response.ok());
    EXPECT_FALSE(response->auto_corrected);
    EXPECT_EQ(response->corrected_query, "");
    response = searcher->search(request);  // the default lexicon has no "banqe"
    ASSERT_TRUE(response.ok());
    EXPECT_TRUE(response->auto_corrected);
}

TEST_F(FixtureIndex, StopwordsThatStartAThesaurusFormLoseNoWord) {
    // "plus de" starts the thesaurus form "plus démunis": Xapian 1.4.22's QueryParser read
    // "plus de logement" as no query at all.
    SearchRequest request;
    request.query = "plus de logement";
    request.limit = 50;
    SearchRequest plain = request;
    plain.query = "logement";
    EXPECT_FALSE(ids(request).empty());
    EXPECT_EQ(ids(request), ids(plain));
}

TEST_F(FixtureIndex, ADescribedSituationIsReadInTheLanguageOfItsFunctionWords) {
    const Lexicon no_words({});
    QueryBuilder builder(searcher->database(), searcher->normaliser(), no_words);
    // Each case names a word whose French and English stems differ, and which readings of it
    // the query should have.
    const struct {
        std::string text, word;
        bool french, english;
    } cases[] = {
        {"logement des réfugiés", "logement", true, true},  // keywords: both readings
        {"housing for refugees", "housing", true, true},
        {"Les familles que nous recevons dans notre quartier ont de grandes difficultés à trouver "
         "un logement stable et un emploi, et leurs enfants manquent l'école.",
         "logement", true, false},
        {"The families we see in our neighbourhood struggle to find stable housing and work, and "
         "their children often miss school.",
         "housing", false, true},
    };
    for (const auto& [text, word, french, english] : cases) {
        const std::string french_stem = "Z" + Xapian::Stem("french")(word);
        const std::string english_stem = "Z" + Xapian::Stem("english")(word);
        ASSERT_NE(french_stem, english_stem) << word;
        const Xapian::Query query = builder.parse(text, WordMatch::any).match;
        const std::set<std::string> terms(query.get_unique_terms_begin(),
                                          query.get_unique_terms_end());
        EXPECT_EQ(terms.contains(french_stem), french) << text;
        EXPECT_EQ(terms.contains(english_stem), english) << text;
    }
}

TEST_F(FixtureIndex, AnyWordMatchingReachesTwoLevelsOfNarrowerConcepts) {
    // thesaurus.json: poverty <- poverty_reduction <- social_medical_assistance <- minimum_income.
    const Lexicon no_words({});
    QueryBuilder builder(searcher->database(), searcher->normaliser(), no_words);
    const auto terms_of = [](const Xapian::Query& query) {
        return std::set<std::string>(query.get_unique_terms_begin(), query.get_unique_terms_end());
    };
    const auto any = terms_of(builder.parse("pauvreté", WordMatch::any).match);
    EXPECT_TRUE(any.contains("XKpoverty"));
    EXPECT_TRUE(any.contains("XKpoverty_reduction"));
    EXPECT_TRUE(any.contains("XKsocial_medical_assistance"));
    EXPECT_FALSE(any.contains("XKminimum_income"));
    // All the words: what the user typed, nothing wider.
    const auto all = terms_of(builder.parse("pauvreté", WordMatch::all).match);
    EXPECT_FALSE(all.contains("XKpoverty_reduction"));
}

TEST(IndexStore, RebuildIsIdempotentAndSwitchesAtomically) {
    TempDir dir;
    testing::build_fixture_index(testing::kFixtureCorpus, dir.path());
    auto before = open_index(dir.path());
    ASSERT_TRUE(before.ok());
    const auto count = before->get_doccount();
    const auto first_generation = resolve_index(dir.path());
    ASSERT_TRUE(first_generation.ok());

    testing::build_fixture_index(testing::kFixtureCorpus, dir.path());
    auto after = open_index(dir.path());
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->get_doccount(), count);
    const auto second_generation = resolve_index(dir.path());
    ASSERT_TRUE(second_generation.ok());
    EXPECT_NE(*first_generation, *second_generation);
    // A reader of the first generation is not disturbed by the rebuild.
    EXPECT_TRUE(std::filesystem::exists(*first_generation));
    EXPECT_EQ(before->get_doccount(), count);
    EXPECT_FALSE(before->get_document(1).get_data().empty());
    // No build leftovers.
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().string().find(".building"), std::string::npos) << entry.path();
    }
}

TEST(IndexStore, OtherSchemaVersionAsksForARebuild) {
    TempDir dir;
    testing::build_fixture_index(testing::kFixtureCorpus, dir.path());
    {
        auto path = resolve_index(dir.path());
        ASSERT_TRUE(path.ok());
        Xapian::WritableDatabase db(path->string(), Xapian::DB_OPEN);
        db.set_metadata(std::string(schema::kSchemaVersionKey), "0");
        db.commit();
    }
    auto opened = open_index(dir.path());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().kind, ErrorKind::version);
    EXPECT_NE(opened.error().message.find("rebuild"), std::string::npos);
}

TEST(IndexStore, MissingIndexSaysHowToBuildOne) {
    TempDir dir;
    auto opened = open_index(dir.path() / "nothing-here");
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().kind, ErrorKind::not_found);
    EXPECT_NE(opened.error().message.find("cohesio index"), std::string::npos);
}

}  // namespace
}  // namespace cohesio
