// The API without a socket: dispatch() over the route table on the fixture index.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "http/config.h"
#include "http/routes.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;
using ApiRequestParams = std::multimap<std::string, std::string>;

class Api : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        testing::build_fixture_index(testing::kFixtureCorpus, dir_->path());
        pool_ = new SearcherPool(dir_->path(), 2, std::chrono::seconds(10));
    }
    static void TearDownTestSuite() {
        delete pool_;
        delete dir_;
    }

    static const Route& route(std::string_view name, std::string_view method = "GET") {
        for (const auto& candidate : api_routes()) {
            if (candidate.name == name && candidate.method == method) return candidate;
        }
        throw std::logic_error("no route " + std::string(name));
    }

    static ApiResponse call(std::string_view name, std::multimap<std::string, std::string> params,
                            std::vector<std::string> captures = {}, std::string body = "",
                            std::string method = "GET") {
        ApiRequest request{
            method,          std::string(name), std::move(params), std::move(captures),
            std::move(body), "application/json"};
        return dispatch(route(name, method), *pool_, request);
    }

    static TempDir* dir_;
    static SearcherPool* pool_;
};

TempDir* Api::dir_ = nullptr;
SearcherPool* Api::pool_ = nullptr;

TEST_F(Api, SearchReturnsHitsFacetsAndPaging) {
    const ApiResponse response =
        call("/api/v1/search", {{"q", "banque alimentaire"}, {"per_page", "1"}});
    ASSERT_EQ(response.status, 200) << response.body;
    const json body = json::parse(response.body);
    EXPECT_EQ(body["total"], 2);
    ASSERT_EQ(body["hits"].size(), 1u);
    EXPECT_TRUE(body["hits"][0].contains("snippet"));
    EXPECT_TRUE(body["facets"].contains("country"));
    EXPECT_EQ(body["per_page"], 1);
    EXPECT_TRUE(body.contains("took_ms"));

    const json second = json::parse(
        call("/api/v1/search", {{"q", "banque alimentaire"}, {"per_page", "1"}, {"page", "2"}})
            .body);
    ASSERT_EQ(second["hits"].size(), 1u);
    EXPECT_NE(second["hits"][0]["id"], body["hits"][0]["id"]);
}

TEST_F(Api, AnUnknownWordIsCorrectedUnlessAsTyped) {
    const json corrected = json::parse(call("/api/v1/search", {{"q", "banqe alimentaire"}}).body);
    EXPECT_EQ(corrected["auto_corrected"], true);
    EXPECT_EQ(corrected["did_you_mean"], "banque alimentaire");
    EXPECT_EQ(corrected["total"], 2);
    const json typed = json::parse(
        call("/api/v1/search", {{"q", "banqe alimentaire"}, {"as_typed", "true"}}).body);
    EXPECT_EQ(typed["auto_corrected"], false);
    EXPECT_EQ(typed["did_you_mean"], "banque alimentaire");
    EXPECT_EQ(corrected["matching"], "all_words");
    EXPECT_EQ(typed["matching"], "any_word");  // no practice has "banqe"
}

TEST_F(Api, FiltersRepeatAsOrAndCombineAsAnd) {
    const json either =
        json::parse(call("/api/v1/search", {{"country", "AM"}, {"country", "BG"}}).body);
    EXPECT_EQ(either["total"], 3);
    const json both = json::parse(
        call("/api/v1/search", {{"country", "AM"}, {"country", "BG"}, {"category", "6"}}).body);
    EXPECT_EQ(both["total"], 1);
}

// article_match=all: practices that concern every chosen article (the intersection), any (the
// default): at least one (the union).
TEST_F(Api, ArticlesMatchAllOrAny) {
    const auto search = [](ApiRequestParams params) {
        const ApiResponse response = call("/api/v1/search", std::move(params));
        EXPECT_EQ(response.status, 200) << response.body;
        const json body = json::parse(response.body);
        std::set<std::string> ids;
        for (const auto& hit : body["hits"]) ids.insert(hit["id"]);
        EXPECT_EQ(ids.size(), body["total"].get<std::size_t>());
        return std::pair{ids, body["article_match"].get<std::string>()};
    };
    const auto [a, a_match] = search({{"article", "31"}, {"per_page", "100"}});
    const auto [b, b_match] = search({{"article", "19"}, {"per_page", "100"}});
    const auto [any, any_match] =
        search({{"article", "31"}, {"article", "19"}, {"per_page", "100"}});
    const auto [all, all_match] = search(
        {{"article", "31"}, {"article", "19"}, {"article_match", "all"}, {"per_page", "100"}});
    std::set<std::string> both, either = a;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(both, both.end()));
    either.insert(b.begin(), b.end());
    EXPECT_EQ(any, either);
    EXPECT_EQ(all, both);
    EXPECT_FALSE(both.empty());
    EXPECT_LT(both.size(), either.size());
    EXPECT_EQ(any_match, "any");
    EXPECT_EQ(all_match, "all");
}

TEST_F(Api, HostileParametersAreFourHundreds) {
    struct Case {
        std::multimap<std::string, std::string> params;
        int status;
        const char* parameter;
    };
    const Case cases[] = {
        {{{"q", "\xC3\x28"}}, 400, "q"},
        {{{"q", std::string(5000, 'a')}}, 400, "q"},
        {{{"q", "food"}, {"page", "-1"}}, 400, "page"},
        {{{"q", "food"}, {"page", "99999999999"}}, 400, "page"},
        {{{"q", "food"}, {"per_page", "0"}}, 400, "per_page"},
        {{{"q", "food"}, {"per_page", "1000"}}, 400, "per_page"},
        {{{"q", "food"}, {"sort", "random"}}, 400, "sort"},
        {{{"q", "food"}, {"format", "xml"}}, 400, "format"},
        {{{"q", "food"}, {"as_typed", "maybe"}}, 400, "as_typed"},
        {{{"q", "food"}, {"article_match", "both"}}, 400, "article_match"},
        {{{"q", "food"}, {"article_match", "ALL"}}, 400, "article_match"},
        {{{"q", "food"}, {"article_match", "all"}, {"article_match", "any"}}, 400, "article_match"},
        {{{"q", "food"}, {"contry", "AM"}}, 400, "contry"},
        {{{"q", "a"}, {"q", "b"}}, 400, "q"},
        {{}, 400, "q"},
        {{{"q", "\"banque"}}, 200, nullptr},                 // unbalanced quote
        {{{"q", "food"}, {"country", "ZZ"}}, 400, "country"},  // not a country we know
        {{{"q", "food"}, {"country", "MT"}}, 200, nullptr},    // one no practice has: a warning
        {{{"q", "food"}, {"page", "1000"}}, 200, nullptr},   // past the end: no hits
    };
    for (const auto& c : cases) {
        const ApiResponse response = call("/api/v1/search", c.params);
        EXPECT_EQ(response.status, c.status) << response.body;
        const json body = json::parse(response.body);
        if (c.parameter) {
            EXPECT_EQ(body["error"]["parameter"], c.parameter) << response.body;
        }
    }
}

TEST_F(Api, PracticesAndSimilar) {
    EXPECT_EQ(call("/api/v1/practices/{id}", {}, {"lu-new-parental-leave"}).status, 200);
    const ApiResponse missing = call("/api/v1/practices/{id}", {}, {"no-such-id"});
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(json::parse(missing.body)["error"]["code"], "not_found");
    // An id is matched alike on every route: case does not matter on any of them.
    const ApiResponse upper = call("/api/v1/practices/{id}", {}, {"LU-New-Parental-Leave"});
    ASSERT_EQ(upper.status, 200);
    EXPECT_EQ(json::parse(upper.body)["id"], "lu-new-parental-leave");
    EXPECT_EQ(call("/api/v1/practices/{id}/similar", {}, {"LU-New-Parental-Leave"}).status, 200);

    const ApiResponse similar =
        call("/api/v1/practices/{id}/similar", {{"k", "2"}}, {"am-national-food-bank"});
    ASSERT_EQ(similar.status, 200);
    const json suggestions = json::parse(similar.body)["suggestions"];
    ASSERT_FALSE(suggestions.empty());
    EXPECT_EQ(suggestions[0]["id"], "bg-food-bank-model");
    EXPECT_TRUE(suggestions[0]["why"].contains("shared_concepts"));
    EXPECT_EQ(
        call("/api/v1/practices/{id}/similar", {{"k", "0"}}, {"am-national-food-bank"}).status,
        400);

    const ApiResponse text =
        call("/api/v1/similar", {}, {}, R"({"text": "a food bank against hunger"})", "POST");
    ASSERT_EQ(text.status, 200) << text.body;
    EXPECT_EQ(call("/api/v1/similar", {}, {}, "{not json", "POST").status, 400);
    EXPECT_EQ(call("/api/v1/similar", {}, {}, R"({"txt": "x"})", "POST").status, 400);
}

TEST_F(Api, SuggestFacetsArticlesHealth) {
    const json suggest = json::parse(call("/api/v1/suggest", {{"q", "banq"}}).body);
    ASSERT_FALSE(suggest["titles"].empty());
    ASSERT_FALSE(suggest["vocabulary"].empty());

    const json facets = json::parse(call("/api/v1/facets", {}).body);
    bool armenia = false;
    for (const auto& value : facets["facets"]["country"]) {
        if (value["value"] == "AM") {
            armenia = true;
            EXPECT_EQ(value["count"], 2);
            EXPECT_EQ(value["label"]["en"], "Armenia");
        }
    }
    EXPECT_TRUE(armenia);
    // A source document's label names its publisher too, for citations.
    bool report = false;
    for (const auto& value : facets["facets"]["source"]) {
        if (value["value"] == "coe-report") {
            report = true;
            EXPECT_EQ(value["label"]["publisher"]["en"],
                      "Council of Europe – European Social Cohesion Platform (PECS)");
        }
    }
    EXPECT_TRUE(report);

    const json articles = json::parse(call("/api/v1/articles", {}).body)["articles"];
    ASSERT_GE(articles.size(), 31u);
    EXPECT_EQ(articles[0]["id"], "1");
    for (const auto& article : articles) {
        if (article["id"] == "27") {
            EXPECT_GE(article["practices"], 1);
        }
    }
    const json health = json::parse(call("/readyz", {}).body);
    EXPECT_EQ(health["documents"], 13);
}

// Type-ahead titles in the interface language (issue 11): matched by their words in either
// language, given in ui_lang, our English title marked as our translation.
TEST_F(Api, SuggestGivesTitlesInTheInterfaceLanguage) {
    struct Case {
        const char* typed;
        const char* ui_lang;  // nullptr: not given
        const char* id;
        const char* title;
        const char* language;
        bool our_translation, title_is_ours;
    };
    const Case cases[] = {
        {"banq", nullptr, "am-national-food-bank",
         "Banque alimentaire nationale de la République d’Arménie", "fr", false, false},
        {"banq", "fr", "am-national-food-bank",
         "Banque alimentaire nationale de la République d’Arménie", "fr", false, false},
        {"banq", "en", "am-national-food-bank", "National food bank of the Republic of Armenia",
         "en", true, false},
        // English words typed in the French interface find the practice, shown in French.
        {"national food", "fr", "am-national-food-bank",
         "Banque alimentaire nationale de la République d’Arménie", "fr", false, false},
        {"pilot", "fr", "gr-athens-young-refugees-pilot",
         "Programme pilote pour l’intégration des jeunes réfugiés (Athènes)", "fr", false, true},
        {"pilot", "en", "gr-athens-young-refugees-pilot",
         "Pilot programme for the integration of young refugees (Athens)", "en", true, false},
        // An English practice has no French title: its own, in both interfaces.
        {"housing fir", "fr", "fixture-en-housing-first", "Housing first for homeless families",
         "en", false, false},
        {"housing fir", "en", "fixture-en-housing-first", "Housing first for homeless families",
         "en", false, false},
    };
    for (const auto& c : cases) {
        ApiRequestParams params = {{"q", c.typed}};
        if (c.ui_lang) params.emplace("ui_lang", c.ui_lang);
        const ApiResponse response = call("/api/v1/suggest", params);
        ASSERT_EQ(response.status, 200) << c.typed << ": " << response.body;
        const json titles = json::parse(response.body)["titles"];
        const auto found = std::find_if(titles.begin(), titles.end(),
                                        [&](const json& t) { return t["id"] == c.id; });
        ASSERT_NE(found, titles.end())
            << c.typed << " " << (c.ui_lang ? c.ui_lang : "") << ": " << titles.dump();
        EXPECT_EQ((*found)["title"], c.title) << c.typed;
        EXPECT_EQ((*found)["language"], c.language) << c.typed;
        EXPECT_EQ(found->value("our_translation", false), c.our_translation) << c.typed;
        EXPECT_EQ(found->value("title_is_ours", false), c.title_is_ours) << c.typed;
    }
    // `lang` is the search's text-language filter, not this; an unknown language is refused.
    for (const auto& [name, value] : {std::pair{"ui_lang", "de"}, std::pair{"lang", "en"}}) {
        const ApiResponse refused = call("/api/v1/suggest", {{"q", "banq"}, {name, value}});
        EXPECT_EQ(refused.status, 400) << name;
        EXPECT_EQ(json::parse(refused.body)["error"]["parameter"], name) << refused.body;
    }
}

// Type-ahead vocabulary in the interface language: "ban" starts English forms (bank account)
// and French ones (banque alimentaire); a prefix only one language has still gets its forms.
TEST_F(Api, SuggestGivesVocabularyInTheInterfaceLanguage) {
    struct Case {
        const char* typed;
        const char* ui_lang;
        const char* offered;      // a form that must be offered
        const char* not_offered;  // one of the other language that must not
    };
    const Case cases[] = {
        {"ban", "fr", "banque alimentaire", "bank account"},
        {"ban", "en", "bank account", "banque alimentaire"},
        {"emp", "fr", "emploi", "employability"},
        {"emp", "en", "employability", "emploi"},
        {"banque", "en", "banque alimentaire", ""},  // typed in French: its own forms
        {"food b", "fr", "food bank", ""},
    };
    for (const auto& c : cases) {
        const ApiResponse response =
            call("/api/v1/suggest", {{"q", c.typed}, {"ui_lang", c.ui_lang}, {"limit", "20"}});
        ASSERT_EQ(response.status, 200) << response.body;
        const json vocabulary = json::parse(response.body)["vocabulary"];
        const auto has = [&](const std::string& form) {
            return std::find(vocabulary.begin(), vocabulary.end(), form) != vocabulary.end();
        };
        EXPECT_TRUE(has(c.offered)) << c.typed << " " << c.ui_lang << ": " << vocabulary.dump();
        if (*c.not_offered) {
            EXPECT_FALSE(has(c.not_offered)) << c.typed << " " << c.ui_lang << ": " << vocabulary;
        }
    }
}

TEST_F(Api, ExportsCsvAndAtom) {
    const ApiResponse csv = call("/api/v1/search", {{"country", "AM"}, {"format", "csv"}});
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.content_type.rfind("text/csv", 0), 0u);
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);  // header + 2 practices
    const ApiResponse atom = call("/api/v1/search", {{"q", "refugies"}, {"format", "atom"}});
    ASSERT_EQ(atom.status, 200);
    EXPECT_NE(atom.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\""), std::string::npos);
    EXPECT_NE(atom.body.find("urn:cohesio:practice:"), std::string::npos);
}

// Every route and each of its parameters is in the OpenAPI document, and every documented
// API path is a route: the document cannot drift from the implementation.
TEST(OpenApi, DocumentMatchesTheRouteTable) {
    const json document = json::parse(openapi_document());
    const json& paths = document.at("paths");
    const json& shared = document.at("components").at("parameters");
    std::set<std::string> routed;
    for (const auto& route : api_routes()) {
        const std::string path(route.name);
        std::string method(route.method);
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        routed.insert(path);
        ASSERT_TRUE(paths.contains(path)) << path;
        ASSERT_TRUE(paths[path].contains(method)) << path << " " << method;
        std::set<std::string> documented;
        for (const auto& parameter : paths[path][method].value("parameters", json::array())) {
            const json& resolved = parameter.contains("$ref")
                                       ? shared.at(parameter["$ref"].get<std::string>().substr(
                                             sizeof("#/components/parameters/") - 1))
                                       : parameter;
            if (resolved["in"] == "query") documented.insert(resolved["name"]);
        }
        const std::set<std::string> accepted(route.params.begin(), route.params.end());
        EXPECT_EQ(documented, accepted) << path;
    }
    for (const auto& route : admin_routes()) {
        std::string method(route.method);
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        routed.insert(std::string(route.name));
        ASSERT_TRUE(paths.contains(std::string(route.name))) << route.name;
        const json& operation = paths[std::string(route.name)][method];
        ASSERT_FALSE(operation.is_null()) << route.name << " " << method;
        EXPECT_EQ(operation["security"], json::parse(R"([{"adminToken": []}])")) << route.name;
    }
    for (const auto& [path, item] : paths.items()) {
        if (path == "/api/v1/openapi.json" || path == "/metrics" || path == "/healthz")
            continue;  // served by the server itself
        EXPECT_TRUE(routed.contains(path)) << path << " is documented but not routed";
    }
}

// What the contract test (tests/browser/contract.mjs) cannot see from responses alone, checked
// at every build: each operation has a unique operationId, documents its errors, and gives
// each response body a schema; every $ref resolves.
TEST(OpenApi, EveryOperationIsNamedAndDocumentsItsErrorsAndBodies) {
    const json document = json::parse(openapi_document());
    const auto resolved = [&document](const json& node) {
        if (!node.contains("$ref")) return node;
        return document.at(json::json_pointer(node["$ref"].get<std::string>().substr(1)));
    };
    std::set<std::string> ids;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto& [method, operation] : item.items()) {
            const std::string where = method + " " + path;
            ASSERT_TRUE(operation.contains("operationId")) << where;
            EXPECT_TRUE(ids.insert(operation["operationId"].get<std::string>()).second) << where;
            bool errors = path == "/healthz" || path == "/metrics";  // answered without a failure
            for (const auto& [status, reference] : operation.at("responses").items()) {
                if (status[0] == '4' || status[0] == '5') errors = true;
                const json content = resolved(reference).value("content", json::object());
                for (const auto& [type, media] : content.items())
                    EXPECT_TRUE(media.contains("schema")) << where << " " << status << " " << type;
            }
            EXPECT_TRUE(errors) << where << " documents no error response";
        }
    }
    // $refs anywhere in the document point at something.
    std::vector<const json*> pending = {&document};
    while (!pending.empty()) {
        const json& node = *pending.back();
        pending.pop_back();
        if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
            const std::string ref = node["$ref"];
            EXPECT_TRUE(document.contains(json::json_pointer(ref.substr(1)))) << ref;
        }
        if (node.is_structured()) {
            for (const auto& child : node) pending.push_back(&child);
        }
    }
}

TEST_F(Api, AllSearchersBusyIs503WithRetryAfter) {
    SearcherPool pool(dir_->path(), 2, std::chrono::milliseconds(0));
    const ApiRequest search{"GET", "/api/v1/search", {{"q", "refugies"}}, {}, "", ""};
    {
        auto first = pool.acquire();
        auto second = pool.acquire();
        ASSERT_TRUE(first.ok()) << first.error().describe();
        ASSERT_TRUE(second.ok()) << second.error().describe();
        EXPECT_NE(&first->searcher(), &second->searcher());
        auto third = pool.acquire();
        ASSERT_FALSE(third.ok());
        EXPECT_EQ(third.error().kind, ErrorKind::busy);

        const ApiResponse busy = dispatch(route("/api/v1/search"), pool, search);
        EXPECT_EQ(busy.status, 503);
        EXPECT_EQ(json::parse(busy.body)["error"]["code"], "busy");
        const std::pair<std::string, std::string> retry{"Retry-After", "1"};
        EXPECT_NE(std::find(busy.headers.begin(), busy.headers.end(), retry), busy.headers.end());
    }
    // The leases went back with their scope.
    EXPECT_EQ(dispatch(route("/api/v1/search"), pool, search).status, 200);
}

TEST_F(Api, LeasedSearcherIsKeptOpenAndReturned) {
    SearcherPool pool(dir_->path(), 1, std::chrono::milliseconds(0));
    const Searcher* first = nullptr;
    {
        auto lease = pool.acquire();
        ASSERT_TRUE(lease.ok()) << lease.error().describe();
        first = &lease->searcher();
        auto moved = std::move(lease).value();  // the moved-from lease gives nothing back
        EXPECT_FALSE(pool.acquire().ok());
    }
    // Same generation: the same Searcher, not a reopened one.
    auto again = pool.acquire();
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_EQ(&again->searcher(), first);
}

TEST_F(Api, WaitingAcquireGetsTheReturnedSearcher) {
    // The bound is a safety net only: the waiter is released by the lease coming back.
    SearcherPool pool(dir_->path(), 1, std::chrono::seconds(60));
    auto held = std::make_optional(pool.acquire());
    ASSERT_TRUE(held->ok()) << (*held).error().describe();
    bool waited_ok = false;
    std::thread waiter([&] { waited_ok = pool.acquire().ok(); });
    held.reset();
    waiter.join();
    EXPECT_TRUE(waited_ok);
}

TEST_F(Api, BadBodiesAreFourHundredsWithoutLibraryText) {
    struct Case {
        const char* body;
        const char* content_type;
        const char* parameter;
        const char* message;
    };
    const Case cases[] = {
        {R"({"text":"a","n":1e999999})", "application/json", "body", "number out of range"},
        {R"({"text":)", "application/json", "body", "is not valid JSON"},
        {R"({"text": 3})", "application/json", "text", "string \"text\""},
        {R"({"text":"a"})", "application/x-www-form-urlencoded", "Content-Type", "not as a form"},
    };
    for (const auto& c : cases) {
        const ApiRequest request{"POST", "/api/v1/similar", {}, {}, c.body, c.content_type};
        const ApiResponse response = dispatch(route("/api/v1/similar", "POST"), *pool_, request);
        EXPECT_EQ(response.status, 400) << c.body << ": " << response.body;
        const json body = json::parse(response.body);
        EXPECT_EQ(body["error"]["parameter"], c.parameter) << c.body;
        EXPECT_NE(body["error"]["message"].get<std::string>().find(c.message), std::string::npos)
            << response.body;
    }
}

// A missing index: 503 without the server's path or the rebuild command, which go to the log.
TEST_F(Api, MissingIndexIs503WithoutServerPaths) {
    TempDir empty;
    SearcherPool pool(empty.path(), 1, std::chrono::milliseconds(0));
    for (const auto& [name, params] : std::vector<std::pair<const char*, ApiRequestParams>>{
             {"/api/v1/search", {{"q", "x"}}}, {"/readyz", {}}}) {
        const ApiRequest request{"GET", name, params, {}, "", ""};
        const ApiResponse response = dispatch(route(name), pool, request);
        EXPECT_EQ(response.status, 503) << response.body;
        EXPECT_EQ(json::parse(response.body)["error"]["code"], "unavailable");
        EXPECT_EQ(response.body.find(empty.path().string()), std::string::npos) << response.body;
        EXPECT_EQ(response.body.find("cohesio index"), std::string::npos) << response.body;
        EXPECT_NE(response.log_note.find(empty.path().string()), std::string::npos);
    }
}

// A new generation that cannot be opened: the Searchers keep the one they have.
TEST_F(Api, AnUnreadableNewGenerationLeavesTheOpenOneServing) {
    TempDir root;
    testing::build_fixture_index(testing::kFixtureCorpus, root.path());
    SearcherPool pool(root.path(), 1, std::chrono::milliseconds(0));
    const ApiRequest search{"GET", "/api/v1/search", {{"q", "refugies"}}, {}, "", ""};
    ASSERT_EQ(dispatch(route("/api/v1/search"), pool, search).status, 200);
    const std::filesystem::path broken = root.path() / "db-broken";
    std::filesystem::create_directory(broken);
    std::filesystem::remove(root.path() / "current");
    std::filesystem::create_directory_symlink(broken.filename(), root.path() / "current");
    const ApiResponse answer = dispatch(route("/api/v1/search"), pool, search);
    EXPECT_EQ(answer.status, 200) << answer.body;
    // A Searcher that has never opened one has nothing to fall back on.
    SearcherPool fresh(root.path(), 1, std::chrono::milliseconds(0));
    EXPECT_EQ(dispatch(route("/api/v1/search"), fresh, search).status, 503);
}

TEST(ServeConfig, ValidatesAndLayersEnvironmentUnderFlags) {
    const auto no_env = [](const char*) -> std::optional<std::string> { return std::nullopt; };
    auto defaults = ServeConfig::load(no_env, {});
    ASSERT_TRUE(defaults.ok());
    EXPECT_EQ(defaults->bind, "127.0.0.1");
    EXPECT_GE(defaults->threads, 64u) << "fewer connection threads than slow clients to survive";
    EXPECT_GE(defaults->searchers, 1u);
    const auto env = [](const char* name) -> std::optional<std::string> {
        if (std::string(name) == "COHESIO_PORT") return "9000";
        if (std::string(name) == "COHESIO_CORS_ORIGINS")
            return "https://a.example,http://b.example:8000";
        return std::nullopt;
    };
    auto layered = ServeConfig::load(
        env, {{"port", {"9100"}}, {"searchers", {"3"}}, {"searcher-wait", {"0"}}});
    ASSERT_TRUE(layered.ok());
    EXPECT_EQ(layered->port, 9100);
    EXPECT_EQ(layered->searchers, 3u);
    EXPECT_EQ(layered->searcher_wait_ms, 0u);
    EXPECT_EQ(layered->cors_origins,
              (std::vector<std::string>{"https://a.example", "http://b.example:8000"}));
    const std::pair<std::map<std::string, std::vector<std::string>>, const char*> bad[] = {
        {{{"port", {"70000"}}}, "--port"},
        {{{"threads", {"0"}}}, "--threads"},
        {{{"threads", {"5000"}}}, "--threads"},
        {{{"searchers", {"0"}}}, "--searchers"},
        {{{"searcher-wait", {"-1"}}}, "--searcher-wait"},
        {{{"keep-alive", {"0"}}}, "--keep-alive"},
        {{{"timeout", {"x"}}}, "--timeout"},
        {{{"cors-origin", {"example.org"}}}, "--cors-origin"},
        {{{"cors-origin", {"https://example.org/"}}}, "--cors-origin"},
        {{{"index", {""}}}, "--index"},
    };
    for (const auto& [flags, where] : bad) {
        auto config = ServeConfig::load(no_env, flags);
        ASSERT_FALSE(config.ok()) << where;
        EXPECT_EQ(config.error().where, where);
    }
    const auto bad_env = [](const char* name) -> std::optional<std::string> {
        return std::string(name) == "COHESIO_PORT" ? std::optional<std::string>("http")
                                                   : std::nullopt;
    };
    auto from_env = ServeConfig::load(bad_env, {});
    ASSERT_FALSE(from_env.ok());
    EXPECT_EQ(from_env.error().where, "COHESIO_PORT");
}

}  // namespace
}  // namespace cohesio
