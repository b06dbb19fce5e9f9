// Facet counts against a brute-force count over the full shipped corpus: for every case, each
// facet must equal the values of the practices that match the words and every filter but that
// facet's own (every filter, for articles AND-ed with all_articles), read one document at a time
// from the value slots. Counts come from bitsets,
// phrases included (matched by Xapian once, then cached); the page shown must be the ranking
// query's own top hits.
#include <gtest/gtest.h>

#include <map>

#include "index/document.h"
#include "search/facet_names.h"
#include "search/searcher.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using testing::TempDir;
using Filters = std::map<std::string, std::vector<std::string>>;
using Counts = std::map<std::string, Xapian::doccount>;

class FacetCounts : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kSourceDir / "corpus", dir_->path());
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static TempDir* dir_;
};
TempDir* FacetCounts::dir_ = nullptr;

// `filters` but `except`'s, OR within a facet but AND within articles when `all_articles`.
Xapian::Query filter_query(const Filters& filters, std::string_view except, bool all_articles) {
    std::vector<Xapian::Query> all;
    for (const auto& [name, values] : filters) {
        if (name == except || values.empty()) continue;
        std::vector<Xapian::Query> terms;
        for (const auto& value : values) {
            terms.emplace_back(schema::boolean_term(find_facet(name)->prefix, value));
        }
        const bool every = all_articles && name == "article";
        all.emplace_back(every ? Xapian::Query::OP_AND : Xapian::Query::OP_OR, terms.begin(),
                         terms.end());
    }
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

// Every match of `words` within `filters`, counted by the values of `slot`.
Counts brute_force(Xapian::Database& db, const Xapian::Query& words, const Xapian::Query& filters,
                   Xapian::valueno slot, Xapian::doccount& total) {
    Xapian::Enquire enquire(db);
    enquire.set_query(filters.empty() ? words
                                      : Xapian::Query(Xapian::Query::OP_FILTER, words, filters));
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    total = all.size();
    Counts counts;
    for (auto it = all.begin(); it != all.end(); ++it) {
        for (const auto& value : split_list_value(it.get_document().get_value(slot))) {
            ++counts[value];
        }
    }
    return counts;
}

// The ids of the first `limit` hits of `ranked`, sorted as Searcher sorts.
std::vector<std::string> top_hits(Xapian::Database& db, const Xapian::Query& ranked,
                                  const SearchRequest& request) {
    Xapian::Enquire enquire(db);
    enquire.set_query(ranked);
    // Browsing by article ranks by the articles' strengths, then titles; other browsing by title.
    const bool by_article = request.query.empty() && request.filters.contains("article");
    enquire.set_weighting_scheme(by_article ? article_strength_weight() : ranking_weight());
    if (request.sort == SortOrder::date) {
        enquire.set_sort_by_value_then_relevance(schema::updated, true);
    } else if (request.sort == SortOrder::title || (request.query.empty() && !by_article)) {
        enquire.set_sort_by_value_then_relevance(schema::title_sort, false);
    } else if (by_article) {
        enquire.set_sort_by_relevance_then_value(schema::title_sort, false);
    }
    const Xapian::MSet page = enquire.get_mset(request.offset, request.limit);
    std::vector<std::string> ids;
    for (auto it = page.begin(); it != page.end(); ++it) {
        ids.push_back(it.get_document().get_value(schema::id));
    }
    return ids;
}

TEST_F(FacetCounts, EqualABruteForceCountOfEveryFacet) {
    struct Case {
        std::string query;
        Filters filters;
        SortOrder sort = SortOrder::relevance;
        bool all_articles = false;
    };
    const Case cases[] = {
        {"refugies", {}},
        {"logement des refugies", {}},
        {"enfants", {{"country", {"PL"}}}},
        {"integration", {{"country", {"PL", "IT"}}, {"domain", {"migrants_refugees"}}}},
        {"", {{"article", {"31"}}, {"country", {"FI", "PL"}}, {"lang", {"fr"}}}},
        {"pauvrete article:13", {{"domain", {"poverty_crisis", "youth_children"}}}},
        {"food bank", {{"country", {"MT"}}}},  // a value no practice has
        {"", {{"category", {"1", "2"}}, {"source", {"coe-report"}}}},
        {"\"des refugies\"", {}},
        {"\"aide sociale\" logement",
         {{"country", {"PL", "IT", "FR"}}, {"lang", {"fr", "en"}}, {"article", {"30", "31"}}}},
        {"logement -refugies", {{"lang", {"en"}}, {"domain", {"migrants_refugees"}}}},
        {"-logement", {{"country", {"PL"}}}},
        {"emploi OR formation", {{"article", {"1", "30"}}, {"lang", {"fr"}}, {"country", {"IT"}}}},
        {"banque alimentaire zebrure", {}},  // too few have every word: any word
        {"integraton", {}},                  // nothing as typed: the correction
        {"jeunes", {{"domain", {"youth_children"}}}, SortOrder::date},
        {"", {{"country", {"PL", "IT"}}}, SortOrder::date},
        {"", {{"article", {"30", "31"}}}, SortOrder::relevance, true},
        {"logement", {{"article", {"13", "31"}}, {"lang", {"fr"}}}, SortOrder::relevance, true},
        {"enfants article:17",
         {{"article", {"16"}}, {"country", {"PL", "IT"}}},
         SortOrder::relevance,
         true},
        {"", {{"article", {"1", "30", "31"}}}, SortOrder::title, true},
    };
    auto searcher = Searcher::open(dir_->path());
    ASSERT_TRUE(searcher.ok()) << searcher.error().describe();
    Xapian::Database& db = (*searcher)->database();
    for (const auto& [query, filters, sort, all_articles] : cases) {
        SCOPED_TRACE("query '" + query + "'" + (all_articles ? " with all articles" : ""));
        SearchRequest request;
        request.query = query;
        request.filters = filters;
        request.sort = sort;
        request.all_articles = all_articles;
        request.limit = 20;
        auto response = (*searcher)->search(request);
        ASSERT_TRUE(response.ok()) << response.error().describe();
        const Xapian::Query ranked = *(*searcher)->ranking_query(request);
        // The ranking query is OP_FILTER(words, filters) whenever there are filters.
        const Xapian::Query words = query.empty() ? Xapian::Query::MatchAll
                                    : ranked.get_type() == Xapian::Query::OP_FILTER
                                        ? ranked.get_subquery(0)
                                        : ranked;
        Xapian::doccount total = 0;
        brute_force(db, words, filter_query(response->filters, "", all_articles), schema::id,
                    total);
        EXPECT_EQ(response->total, total);
        std::vector<std::string> hits;
        for (const auto& hit : response->hits) hits.push_back(hit.id);
        EXPECT_EQ(hits, top_hits(db, ranked, request));
        for (const auto& facet : kFacets) {
            Xapian::doccount ignored = 0;
            // AND-ed articles narrow: their facet is counted within its own filter.
            const std::string_view own = all_articles && facet.name == "article" ? "" : facet.name;
            const Counts expected = brute_force(
                db, words, filter_query(response->filters, own, all_articles), facet.slot, ignored);
            Counts actual;
            for (const auto& value : response->facets.at(std::string(facet.name))) {
                actual[value.value] = value.count;
            }
            EXPECT_EQ(actual, expected) << "facet " << facet.name;
        }
    }
}

}  // namespace
}  // namespace cohesio
