// The CSV and Atom exports of GET /api/v1/search, through dispatch() on the fixture index;
// feeds are read back with libxml2, a real XML parser, not with string searches.
#include "http/export.h"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "http/routes.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;
using Params = std::multimap<std::string, std::string>;

// A parsed XML document, or null when the text is not well-formed XML.
struct XmlDeleter {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDeleter>;

XmlDocument parse_xml(const std::string& text) {
    return XmlDocument(xmlReadMemory(text.data(), static_cast<int>(text.size()), "feed.xml",
                                     nullptr,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

// The string values of what `xpath` selects (a: is the Atom namespace).
std::vector<std::string> select(xmlDoc* doc, const std::string& xpath) {
    std::vector<std::string> values;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> context(
        xmlXPathNewContext(doc), xmlXPathFreeContext);
    xmlXPathRegisterNs(context.get(), BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
    std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> result(
        xmlXPathEvalExpression(BAD_CAST xpath.c_str(), context.get()), xmlXPathFreeObject);
    if (!result || !result->nodesetval) return values;
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
        xmlChar* text = xmlNodeGetContent(result->nodesetval->nodeTab[i]);
        values.emplace_back(reinterpret_cast<const char*>(text));
        xmlFree(text);
    }
    return values;
}

std::string only(xmlDoc* doc, const std::string& xpath) {
    const auto values = select(doc, xpath);
    EXPECT_EQ(values.size(), 1u) << xpath;
    return values.empty() ? "" : values[0];
}

std::string header(const ApiResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "";
}

class Export : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kFixtureCorpus, dir_->path());
        pool_ = new SearcherPool(dir_->path(), 1, std::chrono::seconds(10));
    }
    static void TearDownTestSuite() {
        delete pool_;
        delete dir_;
    }

    static ApiResponse search(Params params, SearcherPool* pool = pool_) {
        const Route& route = api_routes().front();  // GET /api/v1/search
        EXPECT_EQ(route.name, "/api/v1/search");
        return dispatch(route, *pool,
                        ApiRequest{"GET", "/api/v1/search", std::move(params), {}, "", ""});
    }

    static TempDir* dir_;
    static SearcherPool* pool_;
};

TempDir* Export::dir_ = nullptr;
SearcherPool* Export::pool_ = nullptr;

TEST_F(Export, AtomIsWellFormedWhateverTheQuery) {
    std::vector<std::string> queries = {"]]>", "\"quoted\" & 'single' <b>", "a]]>b<!--c-->",
                                        "réfugiés\xEF\xBF\xBE\xEF\xBF\xBF", "&amp; &#0; &#x1;"};
    for (int byte = 0x00; byte < 0x20; ++byte)
        queries.push_back("refugies " + std::string(1, static_cast<char>(byte)) + " x");
    for (const auto& query : queries) {
        const ApiResponse response = search({{"q", query}, {"country", "AM"}, {"format", "atom"}});
        ASSERT_EQ(response.status, 200) << response.body;
        const XmlDocument feed = parse_xml(response.body);
        ASSERT_TRUE(feed) << "not well-formed for " << ::testing::PrintToString(query) << ":\n"
                          << response.body;
        EXPECT_NE(only(feed.get(), "/a:feed/a:title").find("Cohesio: \""), std::string::npos);
    }
}

// Records are checked as UTF-8 when loaded, but a feed must not depend on it.
TEST(AtomFeed, HostileRecordTextsStayWellFormed) {
    std::string hostile = "x]]><y a=\"1\">&'\xC3\x28\xFF\xED\xA0\x80";
    for (int byte = 0x00; byte < 0x20; ++byte) hostile += static_cast<char>(byte);
    SearchResponse response;
    response.total = 1;
    response.hits.push_back(
        {"a-b", 1.0, 100, "",
         std::make_shared<const json>(json{{"id", "a-b"},
                                           {"title", hostile},
                                           {"language", "fr\x01"},
                                           {"updated", hostile},
                                           {"ours", {{"summary_en", hostile}}}})});
    const FeedRequest request{hostile, {{"country", {hostile}}}, {{"q", hostile}}, 1, 10, 1000};
    const std::string feed = to_atom(response, request);
    const XmlDocument parsed = parse_xml(feed);
    ASSERT_TRUE(parsed) << feed;
    const std::string title = only(parsed.get(), "/a:feed/a:entry/a:title");
    EXPECT_EQ(title.substr(0, 12), "x]]><y a=\"1\"");
    for (const char allowed : {'\t', '\n', '\r'})  // the three controls XML has, kept as such
        EXPECT_NE(title.find(allowed), std::string::npos) << int{allowed};
    EXPECT_NE(title.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST_F(Export, AtomLinksToItselfItsPagesAndTheHtmlPages) {
    const Params second = {
        {"country", "AM"}, {"country", "BG"}, {"format", "atom"}, {"per_page", "1"}, {"page", "2"}};
    const ApiResponse response = search(second);
    ASSERT_EQ(response.status, 200) << response.body;
    const XmlDocument feed = parse_xml(response.body);
    ASSERT_TRUE(feed) << response.body;
    const std::string base = "/api/v1/search?country=AM&country=BG&format=atom&per_page=1";
    const auto link = [&](const std::string& rel) {
        return select(feed.get(), "/a:feed/a:link[@rel='" + rel + "']/@href");
    };
    EXPECT_EQ(link("self"), std::vector<std::string>{base + "&page=2"});
    EXPECT_EQ(link("first"), std::vector<std::string>{base});
    EXPECT_EQ(link("previous"), std::vector<std::string>{base});
    EXPECT_EQ(link("next"), std::vector<std::string>{base + "&page=3"});
    EXPECT_EQ(link("last"), std::vector<std::string>{base + "&page=3"});
    EXPECT_EQ(link("alternate"), std::vector<std::string>{"/?country=AM&country=BG"});
    EXPECT_EQ(only(feed.get(), "/a:feed/a:link[@rel='self']/@type"), "application/atom+xml");
    const std::string id = only(feed.get(), "/a:feed/a:id");
    EXPECT_EQ(id, "tag:cohesio,2026:search?country=AM&country=BG");

    const ApiResponse last = search({{"country", "AM"},
                                     {"country", "BG"},
                                     {"format", "atom"},
                                     {"per_page", "1"},
                                     {"page", "3"}});
    const XmlDocument last_feed = parse_xml(last.body);
    ASSERT_TRUE(last_feed);
    EXPECT_TRUE(select(last_feed.get(), "/a:feed/a:link[@rel='next']").empty());
    EXPECT_EQ(only(last_feed.get(), "/a:feed/a:id"), id);  // one feed, whichever page

    const ApiResponse one_page = search({{"q", "a&b c=d"}, {"country", "AM"}, {"format", "atom"}});
    const XmlDocument single = parse_xml(one_page.body);
    ASSERT_TRUE(single) << one_page.body;
    EXPECT_EQ(only(single.get(), "/a:feed/a:link[@rel='self']/@href"),
              "/api/v1/search?country=AM&format=atom&q=a%26b+c%3Dd");
    EXPECT_TRUE(select(single.get(), "/a:feed/a:link[@rel='next' or @rel='previous']").empty());
}

// One search, one feed id, whatever the order of a filter's values; the link to the HTML page
// spells the as_typed flag as the page (state.js) reads it, true, however the request spelled it.
TEST_F(Export, AtomIdIgnoresValueOrderAndAlternateSaysAsTypedTrue) {
    const auto feed_link = [](const ApiResponse& response, const std::string& xpath) {
        EXPECT_EQ(response.status, 200) << response.body;
        const XmlDocument feed = parse_xml(response.body);
        return feed ? only(feed.get(), xpath) : std::string();
    };
    const std::string id = "/a:feed/a:id";
    EXPECT_EQ(feed_link(search({{"country", "BG"}, {"country", "AM"}, {"format", "atom"}}), id),
              "tag:cohesio,2026:search?country=AM&country=BG");
    EXPECT_EQ(feed_link(search({{"country", "AM"}, {"country", "BG"}, {"format", "atom"}}), id),
              "tag:cohesio,2026:search?country=AM&country=BG");

    const std::string alternate = "/a:feed/a:link[@rel='alternate']/@href";
    for (const char* flag : {"1", "true"}) {
        EXPECT_EQ(feed_link(search({{"q", "refugies"}, {"as_typed", flag}, {"format", "atom"}}),
                            alternate),
                  "/?as_typed=true&q=refugies")
            << flag;
    }
    for (const char* flag : {"0", "false"}) {
        EXPECT_EQ(feed_link(search({{"q", "refugies"}, {"as_typed", flag}, {"format", "atom"}}),
                            alternate),
                  "/?q=refugies")
            << flag;
    }
}

TEST_F(Export, AtomEntriesLinkToPracticePagesInTheirLanguage) {
    const ApiResponse response = search({{"q", "housing first"}, {"format", "atom"}});
    ASSERT_EQ(response.status, 200) << response.body;
    const XmlDocument feed = parse_xml(response.body);
    ASSERT_TRUE(feed) << response.body;
    EXPECT_EQ(only(feed.get(), "/a:feed/@xml:lang"), "en");
    const auto ids = select(feed.get(), "/a:feed/a:entry/a:id");
    ASSERT_FALSE(ids.empty());
    bool english = false;
    for (std::size_t i = 1; i <= ids.size(); ++i) {
        const std::string entry = "/a:feed/a:entry[" + std::to_string(i) + "]";
        const std::string id = ids[i - 1].substr(sizeof("urn:cohesio:practice:") - 1);
        EXPECT_EQ(only(feed.get(), entry + "/a:link[@type='text/html']/@href"), "/?practice=" + id);
        EXPECT_EQ(only(feed.get(), entry + "/a:link[@type='application/json']/@href"),
                  "/api/v1/practices/" + id);
        const std::string lang = only(feed.get(), entry + "/@xml:lang");
        EXPECT_EQ(lang, id == "fixture-en-housing-first" ? "en" : "fr") << id;
        english = english || lang == "en";
        EXPECT_EQ(only(feed.get(), entry + "/a:summary/@xml:lang"), "en");
    }
    EXPECT_TRUE(english);
}

TEST_F(Export, CsvIsAnAttachmentWithOptionalBom) {
    for (const bool bom : {false, true}) {
        Params params = {{"country", "AM"}, {"format", "csv"}};
        if (bom) params.emplace("bom", "1");
        const ApiResponse response = search(params);
        ASSERT_EQ(response.status, 200) << response.body;
        EXPECT_EQ(header(response, "Content-Disposition"),
                  "attachment; filename=\"cohesio-practices.csv\"");
        const std::string start = bom ? "\xEF\xBB\xBFid,title," : "id,title,";
        EXPECT_EQ(response.body.substr(0, start.size()), start);
        EXPECT_EQ(std::count(response.body.begin(), response.body.end(), '\n'), 3);
    }
}

TEST(Csv, FormulaLikeCellsAreGuarded) {
    const std::pair<std::string, std::string> cases[] = {
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"+1", "\"'+1\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"\rx", "\"'\rx\""},
        {"Banque = alimentaire", "\"Banque = alimentaire\""},
        {"", "\"\""},
    };
    for (const auto& [title, cell] : cases) {
        std::vector<Hit> hits = {
            {"a-b", 2.5, 100, "",
             std::make_shared<const json>(json{{"id", "a-b"}, {"title", title}})}};
        std::string csv;
        append_csv_rows(csv, hits);
        const std::string start = "\"a-b\"," + cell + ",\"\",";  // then title_en, empty
        EXPECT_EQ(csv.substr(0, start.size()), start) << title;
    }
}

TEST_F(Export, CsvOptionsAreCheckedAndNamed) {
    const std::pair<Params, const char*> cases[] = {
        {{{"country", "AM"}, {"bom", "1"}}, "bom"},
        {{{"country", "AM"}, {"format", "atom"}, {"all_rows", "true"}}, "all_rows"},
        {{{"country", "AM"}, {"format", "csv"}, {"bom", "yes"}}, "bom"},
        {{{"country", "AM"}, {"format", "csv"}, {"all_rows", "all"}}, "all_rows"},
        {{{"country", "AM"}, {"format", "csv"}, {"all_rows", "1"}, {"page", "2"}}, "all_rows"},
        {{{"country", "AM"}, {"format", "csv"}, {"all_rows", "1"}, {"per_page", "5"}}, "all_rows"},
        {{{"country", "AM"}, {"all_rows", "1"}, {"page", "1"}}, "all_rows"},
    };
    for (const auto& [params, parameter] : cases) {
        const ApiResponse response = search(params);
        EXPECT_EQ(response.status, 400) << response.body;
        EXPECT_EQ(json::parse(response.body)["error"]["parameter"], parameter) << response.body;
    }
}

// The shipped corpus has more practices than a page holds: all_rows exports every one, as CSV
// and as JSON.
class AllRows : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        testing::build_fixture_index(testing::kSourceDir / "corpus", dir_->path());
        pool_ = new SearcherPool(dir_->path(), 1, std::chrono::seconds(10));
    }
    static void TearDownTestSuite() {
        delete pool_;
        delete dir_;
    }

    // Browsing everything (both languages), with `format` (json: none) and all_rows.
    static ApiResponse everything(const std::string& format) {
        Params params = {{"q", ""}, {"lang", "fr"}, {"lang", "en"}, {"all_rows", "true"}};
        if (!format.empty()) params.emplace("format", format);
        return dispatch(api_routes().front(), *pool_,
                        ApiRequest{"GET", "/api/v1/search", params, {}, "", ""});
    }

    static Xapian::doccount documents() {
        auto searcher = Searcher::open(dir_->path());
        EXPECT_TRUE(searcher.ok());
        return searcher.ok() ? (*searcher)->database().get_doccount() : 0;
    }

    static TempDir* dir_;
    static SearcherPool* pool_;
};

TempDir* AllRows::dir_ = nullptr;
SearcherPool* AllRows::pool_ = nullptr;

TEST_F(AllRows, CsvGoesPastOnePage) {
    const ApiResponse response = everything("csv");
    ASSERT_EQ(response.status, 200) << response.body;
    long lines = 0;
    for (auto at = response.body.find("\r\n"); at != std::string::npos;
         at = response.body.find("\r\n", at + 2))
        ++lines;
    EXPECT_GT(documents(), 100u);
    EXPECT_EQ(lines, static_cast<long>(documents()) + 1);
}

TEST_F(AllRows, JsonGoesPastOnePage) {
    for (const char* format : {"", "json"}) {
        const ApiResponse response = everything(format);
        ASSERT_EQ(response.status, 200) << response.body;
        const json body = json::parse(response.body);
        EXPECT_GT(documents(), 100u);
        EXPECT_EQ(body["total"], documents()) << format;
        ASSERT_EQ(body["hits"].size(), documents()) << format;
        std::set<std::string> ids;
        for (const auto& hit : body["hits"]) ids.insert(hit["id"].get<std::string>());
        EXPECT_EQ(ids.size(), documents()) << "each practice once";
        EXPECT_EQ(body["hits"][0]["snippet"], "");
        EXPECT_EQ(body["page"], 1);
        EXPECT_EQ(body["per_page"], 10000);
        EXPECT_FALSE(body["facets"]["country"].empty());
    }
}

}  // namespace
}  // namespace cohesio
