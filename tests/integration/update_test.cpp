// Live updates in place: practices added, replaced and deleted in the served generation, all
// or nothing, one writer at a time; spellings follow; a SearcherPool sees each commit on its
// next lease.
#include "index/update.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpus/loader.h"
#include "http/searcher_pool.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using testing::write_practice_variant;

class Update : public ::testing::Test {
protected:
    void SetUp() override {
        testing::build_fixture_index(testing::kFixtureCorpus, root_.path());
        auto normaliser = Normaliser::create();
        ASSERT_TRUE(normaliser.ok());
        normaliser_ = std::move(normaliser).value();
        auto vocabulary = Vocabulary::load(testing::kReferenceDir, *normaliser_);
        ASSERT_TRUE(vocabulary.ok());
        vocabulary_ = std::make_unique<Vocabulary>(std::move(vocabulary).value());
        reference_ = testing::load_reference();
        documents_ = open_index(root_.path())->get_doccount();
    }

    std::vector<Practice> read(const std::vector<fs::path>& files) {
        CorpusReader reader(files, reference_);
        std::vector<Practice> practices;
        while (auto practice = reader.next()) practices.push_back(*practice);
        EXPECT_TRUE(reader.errors().empty());
        return practices;
    }

    Result<UpdateSummary> update(const std::vector<Practice>& upserts,
                                 const std::vector<std::string>& deletions = {}) {
        return update_index(root_.path(), upserts, deletions, *normaliser_, *vocabulary_);
    }

    // Practices whose words include `word`, as a reader opened now sees them.
    Xapian::doccount having(const std::string& word) {
        return open_index(root_.path())->get_termfreq(word);
    }

    testing::TempDir root_;
    testing::TempDir records_;
    std::unique_ptr<Normaliser> normaliser_;
    std::unique_ptr<Vocabulary> vocabulary_;
    Reference reference_;
    Xapian::doccount documents_ = 0;
};

TEST_F(Update, AddsReplacesAndDeletesInPlaceWithSpellingsInStep) {
    const fs::path generation = *resolve_index(root_.path());
    const auto added = read({write_practice_variant(records_.path(), "bg-food-bank-model",
                                                    "xx-new-practice", "zorglub")});
    auto first = update(added);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(first->added, 1U);
    EXPECT_EQ(first->generation, generation);  // in place, no new generation
    EXPECT_EQ(*resolve_index(root_.path()), generation);
    EXPECT_EQ(having("zorglub"), 1U);
    auto db = open_index(root_.path());
    EXPECT_EQ(db->get_doccount(), documents_ + 1);
    EXPECT_EQ(db->get_spelling_suggestion("zorglubb"), "zorglub");
    EXPECT_FALSE(db->get_metadata("cohesio.updated_at").empty());

    // Replacing: the old words go (with their spellings), the new ones come.
    const auto replaced = read({write_practice_variant(records_.path(), "bg-food-bank-model",
                                                       "xx-new-practice", "quokka")});
    auto second = update(replaced);
    ASSERT_TRUE(second.ok()) << second.error().describe();
    EXPECT_EQ(second->replaced, 1U);
    EXPECT_EQ(having("zorglub"), 0U);
    EXPECT_EQ(having("quokka"), 1U);
    EXPECT_EQ(open_index(root_.path())->get_doccount(), documents_ + 1);
    EXPECT_EQ(open_index(root_.path())->get_spelling_suggestion("zorglubb"), "");

    auto third = update({}, {"xx-new-practice"});
    ASSERT_TRUE(third.ok()) << third.error().describe();
    EXPECT_EQ(third->deleted, 1U);
    EXPECT_EQ(having("quokka"), 0U);
    EXPECT_EQ(open_index(root_.path())->get_doccount(), documents_);
    EXPECT_EQ(open_index(root_.path())->get_spelling_suggestion("quokkaa"), "");
    EXPECT_TRUE(check_database(generation).ok());
}

TEST_F(Update, NothingChangesUnlessEverythingCan) {
    const auto added = read({write_practice_variant(records_.path(), "bg-food-bank-model",
                                                    "xx-new-practice", "zorglub")});
    const Xapian::rev revision = open_index(root_.path())->get_revision();
    struct Case {
        const char* name;
        std::vector<std::string> deletions;
        ErrorKind kind;
    };
    const Case cases[] = {
        {"an id to delete that is not indexed",
         {"am-national-food-bank", "no-such-id"},
         ErrorKind::not_found},
        {"an id both added and deleted", {"xx-new-practice"}, ErrorKind::invalid_input},
    };
    for (const Case& c : cases) {
        auto refused = update(added, c.deletions);
        ASSERT_FALSE(refused.ok()) << c.name;
        EXPECT_EQ(refused.error().kind, c.kind) << c.name;
        EXPECT_NE(refused.error().message.find("nothing was changed"), std::string::npos);
    }
    EXPECT_EQ(open_index(root_.path())->get_revision(), revision);
    EXPECT_EQ(having("zorglub"), 0U);
    EXPECT_EQ(having("Qam-national-food-bank"), 1U);
}

TEST_F(Update, ASecondWriterWaitsThenIsToldTheIndexIsBusy) {
    auto held = IndexLock::acquire(root_.path(), std::chrono::milliseconds(0));
    ASSERT_TRUE(held.ok());
    const auto started = std::chrono::steady_clock::now();
    auto refused = update_index(root_.path(), {}, {"am-national-food-bank"}, *normaliser_,
                                *vocabulary_, std::chrono::milliseconds(200));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::busy);
    EXPECT_NE(refused.error().message.find("index busy"), std::string::npos);
    EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(200));
    EXPECT_EQ(having("Qam-national-food-bank"), 1U);
}

TEST_F(Update, ASearcherPoolSeesEachCommitOnItsNextLease) {
    SearcherPool pool(root_.path(), 1, std::chrono::milliseconds(1000));
    const auto hits = [&pool](const std::string& words) {
        return testing::total_found(pool, words);
    };
    EXPECT_EQ(hits("zorglub"), 0U);
    ASSERT_TRUE(update(read({write_practice_variant(records_.path(), "bg-food-bank-model",
                                                    "xx-new-practice", "zorglub")}))
                    .ok());
    EXPECT_EQ(hits("zorglub"), 1U);
    // Facet counts come from the new state too: the practice counts under its country.
    auto lease = pool.acquire();
    ASSERT_TRUE(lease.ok());
    SearchRequest bulgaria;
    bulgaria.filters["country"] = {"BG"};
    auto found = lease->searcher().search(bulgaria);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->total, 2U);
}

}  // namespace
}  // namespace cohesio
