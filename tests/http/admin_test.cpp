// The admin API through dispatch_admin: the token, puts and deletes that change what searches
// see and the corpus's record files alike, refusals that change neither, and rebuilds.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "common/files.h"
#include "http/routes.h"
#include "http/searcher_pool.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::TempDir;

constexpr std::string_view kToken = "s3cret-admin-token-0123456789";
const std::string kBearer = "Bearer " + std::string(kToken);

TEST(BearerToken, OnlyTheExactTokenPasses) {
    struct Case {
        const char* authorization;
        bool passes;
    };
    const Case cases[] = {
        {"Bearer s3cret-admin-token-0123456789", true},
        {"Bearer s3cret-admin-token-012345678", false},    // a prefix
        {"Bearer s3cret-admin-token-01234567890", false},  // longer
        {"Bearer S3cret-admin-token-0123456789", false},
        {"bearer s3cret-admin-token-0123456789", false},
        {"Basic s3cret-admin-token-0123456789", false},
        {"s3cret-admin-token-0123456789", false},
        {"Bearer ", false},
        {"", false},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(bearer_matches(kToken, c.authorization), c.passes) << c.authorization;
    }
    EXPECT_FALSE(bearer_matches("", "Bearer "));  // no token configured: nothing passes
}

// A corpus of its own (the fixture's records, the shipped reference data) and its index.
class Admin : public ::testing::Test {
protected:
    void SetUp() override {
        fs::copy(testing::kFixtureCorpus / "practices", corpus_.path() / "practices");
        fs::create_directory_symlink(testing::kReferenceDir, corpus_.path() / "reference");
        testing::build_fixture_index(corpus_.path(), index_.path());
        auto editor = Editor::open(corpus_.path(), index_.path());
        ASSERT_TRUE(editor.ok()) << editor.error().describe();
        editor_ = std::move(editor).value();
    }

    static const AdminRoute& route(std::string_view method, std::string_view name) {
        for (const AdminRoute& candidate : admin_routes()) {
            if (candidate.method == method && candidate.name == name) return candidate;
        }
        throw std::runtime_error("no admin route " + std::string(name));
    }

    ApiResponse call(std::string_view method, std::string_view name, const std::string& id = "",
                     const std::string& body = "", const std::string& authorization = kBearer) {
        ApiRequest request{std::string(method), std::string(name), {}, {}, body,
                           "application/json"};
        if (!id.empty()) request.captures = {id};
        return dispatch_admin(route(method, name), *editor_, kToken, authorization, request);
    }

    // A fixture record under `id`, with `word` in its title, as a JSON body.
    std::string variant(const std::string& id, const std::string& word) {
        const fs::path file =
            testing::write_practice_variant(scratch_.path(), "bg-food-bank-model", id, word);
        return *read_file(file);
    }

    Xapian::doccount hits(const std::string& words) {
        SearcherPool pool(index_.path(), 1, std::chrono::milliseconds(1000));
        return testing::total_found(pool, words);
    }

    fs::path record_file(const std::string& id) const {
        return corpus_.path() / "practices" / (id + ".json");
    }

    TempDir corpus_;
    TempDir index_;
    TempDir scratch_;
    std::unique_ptr<Editor> editor_;
};

TEST_F(Admin, WithoutTheTokenNothingHappens) {
    for (const char* authorization : {"", "Bearer wrong-token-of-some-length", "Basic abc"}) {
        const ApiResponse refused = call("PUT", "/api/v1/practices/{id}", "xx-new-practice",
                                         variant("xx-new-practice", "zorglub"), authorization);
        EXPECT_EQ(refused.status, 401) << authorization;
        EXPECT_EQ(json::parse(refused.body)["error"]["code"], "unauthorized");
        EXPECT_NE(std::find(refused.headers.begin(), refused.headers.end(),
                            std::pair<std::string, std::string>{"WWW-Authenticate",
                                                                "Bearer realm=\"cohesio-admin\""}),
                  refused.headers.end());
        EXPECT_EQ(refused.body.find(std::string(kToken)), std::string::npos);
    }
    EXPECT_EQ(hits("zorglub"), 0U);
    EXPECT_FALSE(fs::exists(record_file("xx-new-practice")));
}

TEST_F(Admin, PutsAndDeletesChangeTheIndexAndTheCorpusTogether) {
    const ApiResponse added = call("PUT", "/api/v1/practices/{id}", "xx-new-practice",
                                   variant("xx-new-practice", "zorglub"));
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_EQ(json::parse(added.body)["status"], "added");
    EXPECT_EQ(hits("zorglub"), 1U);
    ASSERT_TRUE(fs::exists(record_file("xx-new-practice")));
    EXPECT_NE(read_file(record_file("xx-new-practice"))->find("zorglub"), std::string::npos);

    // The id in the path is matched regardless of case, as on every route.
    const ApiResponse replaced = call("PUT", "/api/v1/practices/{id}", "XX-New-Practice",
                                      variant("xx-new-practice", "quokka"));
    ASSERT_EQ(replaced.status, 200) << replaced.body;
    EXPECT_EQ(json::parse(replaced.body)["status"], "replaced");
    EXPECT_EQ(hits("zorglub"), 0U);
    EXPECT_EQ(hits("quokka"), 1U);

    const ApiResponse deleted = call("DELETE", "/api/v1/practices/{id}", "xx-new-practice");
    ASSERT_EQ(deleted.status, 200) << deleted.body;
    EXPECT_EQ(json::parse(deleted.body)["status"], "deleted");
    EXPECT_EQ(hits("quokka"), 0U);
    EXPECT_FALSE(fs::exists(record_file("xx-new-practice")));
    EXPECT_EQ(call("DELETE", "/api/v1/practices/{id}", "xx-new-practice").status, 404);
}

TEST_F(Admin, ABadRecordChangesNeitherTheIndexNorTheCorpus) {
    const std::string original = *read_file(record_file("bg-food-bank-model"));
    json unknown_country = json::parse(variant("bg-food-bank-model", "zorglub"));
    unknown_country["countries"] = {"ZZ"};
    struct Case {
        const char* name;
        std::string id;
        std::string body;
        const char* parameter;
    };
    const Case cases[] = {
        {"not JSON", "bg-food-bank-model", "{\"id\": ", "body"},
        {"another id than the path's", "bg-food-bank-model", variant("xx-other", "zorglub"),
         "body: id"},
        {"a country outside the reference", "bg-food-bank-model", unknown_country.dump(),
         "body: countries[0]"},
    };
    for (const Case& c : cases) {
        const ApiResponse refused = call("PUT", "/api/v1/practices/{id}", c.id, c.body);
        EXPECT_EQ(refused.status, 400) << c.name << ": " << refused.body;
        EXPECT_EQ(json::parse(refused.body)["error"]["parameter"], c.parameter) << c.name;
        // No server path in what the client is told.
        EXPECT_EQ(refused.body.find(corpus_.path().string()), std::string::npos) << c.name;
    }
    EXPECT_EQ(hits("zorglub"), 0U);
    EXPECT_EQ(*read_file(record_file("bg-food-bank-model")), original);
}

TEST_F(Admin, AReindexRunsInTheBackgroundAndReportsWhenDone) {
    const std::string before = resolve_index(index_.path())->filename().string();
    const ApiResponse started = call("POST", "/api/v1/reindex");
    ASSERT_EQ(started.status, 202) << started.body;
    json state;
    for (int poll = 0; poll < 600; ++poll) {  // a safety net of 60 s, not an assertion on time
        state = json::parse(call("GET", "/api/v1/reindex").body);
        if (!state["running"].get<bool>()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_FALSE(state["running"].get<bool>());
    EXPECT_FALSE(state["failed"].get<bool>());
    EXPECT_EQ(state["documents"], 13);
    EXPECT_NE(resolve_index(index_.path())->filename().string(), before);
}

}  // namespace
}  // namespace cohesio
