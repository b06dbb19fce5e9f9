// The search page with its first results rendered in (page.h): the page's state from its URL,
// as state.js reads it, and the result list drawn into the real index.html.
#include "http/page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/assets.h"

namespace cohesio {
namespace {

using nlohmann::json;
using Params = std::multimap<std::string, std::string>;

std::string index_html() {
    const auto& assets = web_assets();
    const auto page = std::find_if(assets.begin(), assets.end(),
                                   [](const Asset& asset) { return asset.path == "/"; });
    return page == assets.end() ? std::string() : std::string(page->body);
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

struct StateCase {
    const char* name;
    Params params;
    const char* accept_language;
    PageLang lang;
    const char* query;
    std::map<std::string, std::vector<std::string>> filters;
    SortOrder sort;
    Xapian::doccount offset;
};

TEST(PageState, ReadsTheUrlAsThePageDoes) {
    const std::vector<std::string> all_domains = {"youth_children", "migrants_refugees",
                                                  "poverty_crisis"};
    const std::vector<StateCase> cases = {
        {"words rank by relevance",
         {{"q", "refugies"}, {"lang", "fr"}},
         "",
         PageLang::fr,
         "refugies",
         {},
         SortOrder::relevance,
         0},
        {"no words, no filter: every domain by title, in the interface language",
         {},
         "",
         PageLang::en,
         "",
         {{"domain", all_domains}},
         SortOrder::title_en,
         0},
        {"the URL's language filter is the lang facet",
         {{"language", "en"}, {"country", "AM"}, {"country", "AM"}, {"country", ""}},
         "",
         PageLang::en,
         "",
         {{"lang", {"en"}}, {"country", {"AM"}}},
         SortOrder::title_en,
         0},
        {"page and sort",
         {{"q", "x"}, {"page", "3"}, {"sort", "country"}},
         "",
         PageLang::en,
         "x",
         {},
         SortOrder::country_en,
         20},
        {"a French title sort",
         {{"q", "x"}, {"sort", "title"}, {"lang", "fr"}},
         "",
         PageLang::fr,
         "x",
         {},
         SortOrder::title,
         0},
        {"date is no longer one of the page's sorts",
         {{"q", "x"}, {"sort", "date"}},
         "",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"bad page and sort are ignored",
         {{"q", "x"}, {"page", "0"}, {"sort", "best"}},
         "",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"page as parseInt reads it",
         {{"q", "x"}, {"page", " 2nd"}},
         "",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         10},
        {"a page past 1000 is the first",
         {{"q", "x"}, {"page", "1001"}},
         "",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"Accept-Language: the first of fr or en",
         {{"q", "x"}},
         "de-DE,fr;q=0.8,en;q=0.5",
         PageLang::fr,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"Accept-Language without fr or en: en",
         {{"q", "x"}},
         "de, it",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"?lang wins over Accept-Language",
         {{"q", "x"}, {"lang", "en"}},
         "fr",
         PageLang::en,
         "x",
         {},
         SortOrder::relevance,
         0},
        {"an unknown ?lang falls back to the header",
         {{"q", "x"}, {"lang", "de"}},
         "FR-be",
         PageLang::fr,
         "x",
         {},
         SortOrder::relevance,
         0},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto state = page_state(c.params, c.accept_language);
        ASSERT_TRUE(state.has_value());
        EXPECT_EQ(state->lang, c.lang);
        EXPECT_EQ(state->search.query, c.query);
        EXPECT_EQ(state->search.filters, c.filters);
        EXPECT_EQ(state->search.sort, c.sort);
        EXPECT_EQ(state->search.offset, c.offset);
        EXPECT_EQ(state->search.limit, 10U);
    }
}

// As state.js: article_match=all, and only that, AND-s the articles, and the links keep it.
TEST(PageState, ArticleMatchAllIsReadAsThePageReadsIt) {
    const std::pair<const char*, bool> cases[] = {
        {"all", true}, {"any", false}, {"ALL", false}, {"", false}};
    for (const auto& [match, all] : cases) {
        SCOPED_TRACE(match);
        const auto state =
            page_state({{"article", "31"}, {"article", "13"}, {"article_match", match}}, "");
        ASSERT_TRUE(state.has_value());
        EXPECT_EQ(state->search.all_articles, all);
        EXPECT_EQ(state->url.count("article_match"), all ? 1U : 0U);
    }
}

TEST(PageState, APracticePageHasNoSearch) {
    EXPECT_FALSE(page_state({{"practice", "am-national-food-bank"}, {"q", "x"}}, "").has_value());
    EXPECT_TRUE(page_state({{"practice", ""}, {"q", "x"}}, "").has_value());
}

json hit(const std::string& id, json fields) {
    fields["id"] = id;
    return fields;
}

const json kLabels = {
    {"country", {{"AM", {{"fr", "Arménie"}, {"en", "Armenia"}}}}},
    {"article", {{"4", {{"fr", "Droit à une rémunération équitable"}}}}},
};

TEST(RenderSearchPage, DrawsTheResultsCountAndHeading) {
    const auto state = page_state({{"q", "banque <alimentaire>"}, {"lang", "en"}}, "");
    ASSERT_TRUE(state.has_value());
    const json response = {
        {"total", 12},
        {"hits",
         {hit("am-food",
              {{"title", "Banque alimentaire"},
               {"title_en", "Food bank"},
               {"countries", {"AM", "ZZ"}},
               {"city", "Erevan"},
               {"priority_domains", {{{"domain", "poverty_crisis"}}}},
               {"snippet", "la <mark>banque</mark> &amp; l’épicerie"},
               {"charter_articles",
                {{{"article", "4"}, {"provenance", "explicit"}, {"evidence", "art. 4"}}}}}),
          hit("x-ours", {{"title", "Notre titre"},
                         {"title_is_ours", true},
                         {"snippet", "<script>alert(1)</script> <mark>x</mark>"},
                         {"charter_articles",
                          {{{"article", "31"},
                            {"provenance", "inferred"},
                            {"confidence", "high"},
                            {"evidence", "logement, loyers"}},
                           {{"article", "19"},
                            {"provenance", "inferred"},
                            {"confidence", "low"},
                            {"evidence", "migrants"}}}}})}},
    };
    const std::string page = render_search_page(index_html(), *state, response, kLabels);
    EXPECT_EQ(occurrences(page, "data-testid=\"result\""), 2U);
    EXPECT_NE(page.find("<html lang=\"en\""), std::string::npos);
    EXPECT_NE(page.find("<title>banque &lt;alimentaire&gt; · Cohesio</title>"), std::string::npos);
    EXPECT_NE(page.find("data-total=\"12\">12 practices found</p>"), std::string::npos);
    EXPECT_NE(page.find(">Results</h2>"), std::string::npos);
    // The English title is ours, so it says so and shows the original.
    EXPECT_NE(page.find(">Food bank</a><span class=\"ours-note\"> (our translation)</span>"),
              std::string::npos);
    EXPECT_NE(page.find("Original title: <span lang=\"fr\">Banque alimentaire</span>"),
              std::string::npos);
    EXPECT_NE(page.find("href=\"?q=banque+%3Calimentaire%3E&amp;practice=am-food&amp;lang=en\""),
              std::string::npos);
    EXPECT_NE(page.find(">Armenia, ZZ · Erevan<span class=\"domains\"><span class=\"tag\">"
                        "Poverty, crisis and exclusion</span>"),
              std::string::npos);
    EXPECT_NE(page.find("la <mark>banque</mark> &amp; l’épicerie"), std::string::npos);
    EXPECT_NE(page.find("Art. 4</span> <span class=\"article-title\">Droit à une rémunération "
                        "équitable</span><span class=\"reason\"> — named in the text<span "
                        "lang=\"fr\">: « art. 4 »</span>"),
              std::string::npos);
    // An inferred article says whether its evidence is strong or thin (confidence).
    EXPECT_NE(page.find("<span class=\"reason\"> — inferred from the terms<span lang=\"fr\">: "
                        "logement, loyers</span>"),
              std::string::npos);
    EXPECT_NE(page.find("<span class=\"reason\"> — inferred, on little evidence, from the "
                        "terms<span lang=\"fr\">: migrants</span>"),
              std::string::npos);
    // A snippet with another tag than <mark> is shown as text.
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; x"), std::string::npos);
    // Not translated: the title is ours in French.
    EXPECT_NE(page.find(">Notre titre</a><span class=\"ours-note\"> (title written by us)</span>"),
              std::string::npos);
}

// Place names in the interface language (issue 11), as i18n.js placeNames draws them: our
// English name of a place the document names in French, else the document's.
TEST(RenderSearchPage, PlaceNamesInTheInterfaceLanguage) {
    const json places = {{"region", "Émilie-Romagne"},
                         {"region_en", "Emilia-Romagna"},
                         {"city", "Varsovie"},
                         {"city_en", "Warsaw"}};
    struct Case {
        const char* lang;
        json fields;
        const char* meta;  // the meta line's text
    };
    const Case cases[] = {
        {"en", places, ">Armenia · Emilia-Romagna · Warsaw</p>"},
        {"fr", places, ">Arménie · Émilie-Romagne · Varsovie</p>"},
        {"en", {{"city", "Sofia"}}, ">Armenia · Sofia</p>"},
    };
    for (const auto& c : cases) {
        const auto state = page_state({{"q", "x"}, {"lang", c.lang}}, "");
        ASSERT_TRUE(state.has_value());
        json fields = c.fields;
        fields["title"] = "Titre";
        fields["countries"] = {"AM"};
        const json response = {{"total", 1}, {"hits", {hit("a", fields)}}};
        const std::string page = render_search_page(index_html(), *state, response, kLabels);
        EXPECT_NE(page.find(c.meta), std::string::npos) << c.lang << " " << c.meta;
    }
}

TEST(RenderSearchPage, FrenchCountsAndTheListOfEverything) {
    const auto state = page_state({{"lang", "fr"}}, "");
    ASSERT_TRUE(state.has_value());
    for (const auto& [total, text] :
         std::vector<std::pair<int, std::string>>{{0, "Aucune pratique trouvée"},
                                                  {1, "1 pratique trouvée"},
                                                  {138, "138 pratiques trouvées"}}) {
        const std::string page = render_search_page(
            index_html(), *state, {{"total", total}, {"hits", json::array()}}, {});
        EXPECT_NE(page.find(">" + text + "</p>"), std::string::npos) << text;
        EXPECT_NE(page.find(">Toutes les pratiques</h2>"), std::string::npos);
        EXPECT_NE(page.find("<title>Cohesio</title>"), std::string::npos);
    }
}

TEST(RenderSearchPage, LeavesATemplateWithoutItsPlacesAlone) {
    const auto state = page_state({{"q", "x"}}, "");
    ASSERT_TRUE(state.has_value());
    const std::string bare = "<html lang=\"fr\"><body><p>no list here</p></body></html>";
    EXPECT_EQ(render_search_page(bare, *state, {{"total", 1}, {"hits", json::array()}}, {}), bare);
}

}  // namespace
}  // namespace cohesio
