// build_index over streams longer than a batch, which are written in shards (one per core) and
// merged: a repeated id keeps only its last record whichever shards its records went to,
// spelling frequencies are those of the whole stream, and a failed build leaves nothing behind.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "index/schema.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using testing::TempDir;

class BuildIndex : public ::testing::Test {
protected:
    void SetUp() override {
        const Reference reference = testing::load_reference();
        CorpusLoad load = load_corpus(testing::kFixtureCorpus / "practices", reference);
        ASSERT_TRUE(load.errors.empty());
        fixture_ = std::move(load.practices);
        ASSERT_FALSE(fixture_.empty());
        auto normaliser = Normaliser::create();
        ASSERT_TRUE(normaliser.ok());
        normaliser_ = std::move(normaliser).value();
        auto vocabulary = Vocabulary::load(testing::kReferenceDir, *normaliser_);
        ASSERT_TRUE(vocabulary.ok()) << vocabulary.error().describe();
        vocabulary_ = std::move(vocabulary).value();
    }

    // Record i of a long stream: fixture record i % size, with id `id` and its position in
    // the stream in its data, to tell which record of a repeated id survived.
    Practice record(std::size_t i, const std::string& id) const {
        Practice practice = fixture_[i % fixture_.size()];
        practice.id = id;
        practice.raw["id"] = id;
        practice.raw["position"] = i;
        return practice;
    }

    std::vector<Practice> fixture_;
    std::unique_ptr<Normaliser> normaliser_;
    Vocabulary vocabulary_;
    TempDir root_;
};

// Stream positions of repeated ids; with batches of 256 on two cores, 0-255 and 512-599 go to
// shard 0 and 256-511 to shard 1.
const std::map<std::size_t, std::string> kRepeats = {
    {5, "dup-a"},   {300, "dup-a"},                  // shard 0, then 1
    {301, "dup-b"}, {550, "dup-b"},                  // shard 1, then 0
    {10, "dup-c"},  {310, "dup-c"}, {560, "dup-c"},  // 0, 1, 0
    {20, "dup-d"},  {30, "dup-d"},                   // the same shard
};
constexpr std::size_t kStreamSize = 600;

TEST_F(BuildIndex, RepeatedIdKeepsOnlyItsLastRecordAcrossShards) {
    std::vector<Practice> stream;
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < kStreamSize; ++i) {
        const auto repeat = kRepeats.find(i);
        const std::string id = repeat != kRepeats.end() ? repeat->second : "p-" + std::to_string(i);
        stream.push_back(record(i, id));
        last[id] = i;
    }
    auto built = build_index(stream, root_.path(), *normaliser_, vocabulary_);
    ASSERT_TRUE(built.ok()) << built.error().describe();
    EXPECT_EQ(built->documents, kStreamSize);
    auto db = open_index(root_.path());
    ASSERT_TRUE(db.ok()) << db.error().describe();
    EXPECT_EQ(db->get_doccount(), last.size());
    for (const auto& [id, position] : last) {
        const std::string term = std::string(schema::prefix::id) + id;
        ASSERT_EQ(db->get_termfreq(term), 1u) << id;
        const auto data =
            nlohmann::json::parse(db->get_document(*db->postlist_begin(term)).get_data());
        EXPECT_EQ(data.at("position").get<std::size_t>(), position) << id;
    }
}

TEST_F(BuildIndex, SpellingFrequenciesCountTheWholeStream) {
    TempDir small_root;
    ASSERT_TRUE(build_index(fixture_, small_root.path(), *normaliser_, vocabulary_).ok());
    auto small = open_index(small_root.path());
    ASSERT_TRUE(small.ok());
    // A short stream is written in stream order: document k is fixture record k - 1.
    std::vector<std::set<std::string>> words(fixture_.size());
    for (std::size_t k = 0; k < fixture_.size(); ++k) {
        const auto docid = static_cast<Xapian::docid>(k + 1);
        EXPECT_EQ(small->get_document(docid).get_value(schema::id), fixture_[k].id);
        for (auto term = small->termlist_begin(docid); term != small->termlist_end(docid); ++term)
            if (std::islower(static_cast<unsigned char>((*term)[0]))) words[k].insert(*term);
    }
    std::vector<Practice> stream;
    for (std::size_t i = 0; i < kStreamSize; ++i)
        stream.push_back(record(i, "p-" + std::to_string(i)));
    ASSERT_TRUE(build_index(stream, root_.path(), *normaliser_, vocabulary_).ok());
    auto big = open_index(root_.path());
    ASSERT_TRUE(big.ok());
    std::map<std::string, Xapian::doccount> got;
    for (auto word = big->spellings_begin(); word != big->spellings_end(); ++word)
        got[*word] = word.get_termfreq();
    for (auto word = small->spellings_begin(); word != small->spellings_end(); ++word) {
        // Frequency = records containing the word + the thesaurus' count, in both builds.
        std::size_t in_small = 0, in_big = 0;
        for (std::size_t k = 0; k < fixture_.size(); ++k) in_small += words[k].count(*word);
        for (std::size_t i = 0; i < kStreamSize; ++i)
            in_big += words[i % fixture_.size()].count(*word);
        const std::size_t expected = word.get_termfreq() - in_small + in_big;
        ASSERT_EQ(got[*word], expected) << *word;
    }
}

TEST_F(BuildIndex, FailedStreamLeavesNothingBehind) {
    std::size_t read = 0;
    const PracticeStream failing = [&]() -> std::optional<Practice> {
        if (read == 300) throw std::runtime_error("stream broke");
        ++read;
        return record(read, "p-" + std::to_string(read));
    };
    auto built = build_index(failing, 0, root_.path(), *normaliser_, vocabulary_);
    ASSERT_FALSE(built.ok());
    EXPECT_NE(built.error().describe().find("stream broke"), std::string::npos);
    for (const auto& entry : std::filesystem::directory_iterator(root_.path())) {
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(name == ".lock") << "left behind: " << name;
    }
}

// The same when a shard's thread fails: Xapian refuses a term over 245 bytes (the id term) in
// the second batch, which goes to shard 1 on two cores.
TEST_F(BuildIndex, FailedShardLeavesNothingBehind) {
    std::vector<Practice> stream;
    for (std::size_t i = 0; i < 300; ++i) stream.push_back(record(i, "p-" + std::to_string(i)));
    stream[280] = record(280, std::string(300, 'x'));
    auto built = build_index(stream, root_.path(), *normaliser_, vocabulary_);
    ASSERT_FALSE(built.ok());
    EXPECT_NE(built.error().describe().find("too long"), std::string::npos)
        << built.error().describe();
    for (const auto& entry : std::filesystem::directory_iterator(root_.path())) {
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(name == ".lock") << "left behind: " << name;
    }
}

// A built generation passes Xapian's check; the same with bytes overwritten in its posting
// table is refused with the directory named, and no exception escapes.
TEST_F(BuildIndex, DamagedDatabaseFailsTheCheck) {
    auto built = build_index(fixture_, root_.path(), *normaliser_, vocabulary_);
    ASSERT_TRUE(built.ok()) << built.error().describe();
    EXPECT_TRUE(check_database(built->generation).ok());
    const std::filesystem::path damaged = root_.path() / "damaged";
    std::filesystem::copy(built->generation, damaged);
    const std::filesystem::path postlist = damaged / "postlist.glass";
    const auto size = std::filesystem::file_size(postlist);
    ASSERT_GT(size, 8192U);
    {
        std::fstream file(postlist, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(size / 2));
        const std::string garbage(2048, '\x5a');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    const Status checked = check_database(damaged);
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.error().describe().find("damaged index"), std::string::npos);
    EXPECT_EQ(checked.error().where, damaged.string());
}

}  // namespace
}  // namespace cohesio
