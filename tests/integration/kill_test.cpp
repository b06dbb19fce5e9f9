// `kill -9` of `cohesio index` at random points of a build: the index that was current stays
// current and intact, and the next build succeeds and cleans up what the killed ones left.
// The same for an update in place: all of it or none of it is there, never a damaged index.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "index/store.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kKillPoints = 8;

// Starts `cohesio index --index root --reference … <arguments>`, its output discarded.
pid_t start_indexer(const fs::path& root, std::vector<std::string> arguments) {
    const std::string binary = COHESIO_BINARY;
    arguments.insert(arguments.begin(), {binary, "index", "--index", root.string(), "--reference",
                                         testing::kReferenceDir.string()});
    std::vector<char*> argv;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    return child;
}

// A full build of the fixture corpus into `root`.
pid_t start_build(const fs::path& root) {
    return start_indexer(root, {"--corpus", testing::kFixtureCorpus.string()});
}

int wait_for(pid_t child) {
    int status = 0;
    ::waitpid(child, &status, 0);
    return status;
}

// The generation `current` names: opens, has every fixture practice and passes Xapian's check.
fs::path expect_served_intact(const fs::path& root, Xapian::doccount documents) {
    auto directory = resolve_index(root);
    EXPECT_TRUE(directory.ok()) << directory.error().describe();
    if (!directory) return {};
    auto db = open_index(root);
    EXPECT_TRUE(db.ok()) << db.error().describe();
    if (db) {
        EXPECT_EQ(db->get_doccount(), documents);
    }
    EXPECT_TRUE(check_database(*directory).ok());
    return *directory;
}

TEST(KilledIndexer, LeavesTheCurrentIndexServedAndTheNextBuildWorks) {
    testing::TempDir root;
    const auto started = Clock::now();
    const int first = wait_for(start_build(root.path()));
    ASSERT_TRUE(WIFEXITED(first) && WEXITSTATUS(first) == 0) << "the first build failed";
    const auto build_time = Clock::now() - started;
    auto db = open_index(root.path());
    ASSERT_TRUE(db.ok());
    const Xapian::doccount documents = db->get_doccount();

    std::random_device device;
    const unsigned seed = device();
    std::mt19937 random(seed);
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::uniform_int_distribution<long> when(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(build_time).count());
    for (int point = 0; point < kKillPoints; ++point) {
        const fs::path before = expect_served_intact(root.path(), documents);
        const auto delay = std::chrono::milliseconds(when(random));
        const pid_t child = start_build(root.path());
        std::this_thread::sleep_for(delay);
        ::kill(child, SIGKILL);
        const int status = wait_for(child);
        SCOPED_TRACE("killed after " + std::to_string(delay.count()) + " ms");
        const fs::path after = expect_served_intact(root.path(), documents);
        // Killed before its swap, `current` is unchanged; after it, it names the new build.
        if (WIFSIGNALED(status)) {
            EXPECT_FALSE(after.empty());
        }
        if (after != before) {
            EXPECT_TRUE(fs::exists(after / "iamglass"));
        }
    }
    const int last = wait_for(start_build(root.path()));
    ASSERT_TRUE(WIFEXITED(last) && WEXITSTATUS(last) == 0) << "the build after the kills failed";
    expect_served_intact(root.path(), documents);
    // Only `current`, the generation before it and the lock remain: the killed builds' half-
    // written directories are gone.
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(root.path()))
        left.push_back(entry.path().filename().string());
    EXPECT_LE(left.size(), 4U) << ::testing::PrintToString(left);
    for (const auto& name : left) {
        EXPECT_FALSE(name.ends_with(".building") || name.ends_with(".unmerged")) << name;
    }
}

bool succeeded(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

TEST(KilledUpdate, LeavesAllOfItOrNoneAndTheNextUpdateWorks) {
    testing::TempDir root;
    ASSERT_TRUE(succeeded(wait_for(start_build(root.path()))));
    const Xapian::doccount documents = open_index(root.path())->get_doccount();
    // Every fixture practice again under a new id, each with a planted word.
    testing::TempDir records;
    std::vector<std::string> ids;
    for (const auto& entry : fs::directory_iterator(testing::kFixtureCorpus / "practices")) {
        const std::string from = entry.path().stem().string();
        ids.push_back("zz-" + from);
        testing::write_practice_variant(records.path(), from, ids.back(), "kilroy");
    }
    const std::vector<std::string> update = {"--update", records.path().string()};
    std::vector<std::string> removal = {"--delete"};
    removal.insert(removal.end(), ids.begin(), ids.end());
    const auto started = Clock::now();
    ASSERT_TRUE(succeeded(wait_for(start_indexer(root.path(), update))));
    const auto update_time = Clock::now() - started;
    ASSERT_TRUE(succeeded(wait_for(start_indexer(root.path(), removal))));

    std::random_device device;
    const unsigned seed = device();
    std::mt19937 random(seed);
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::uniform_int_distribution<long> when(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(update_time).count());
    for (int point = 0; point < kKillPoints; ++point) {
        const auto delay = std::chrono::milliseconds(when(random));
        const pid_t child = start_indexer(root.path(), update);
        std::this_thread::sleep_for(delay);
        ::kill(child, SIGKILL);
        wait_for(child);
        SCOPED_TRACE("killed after " + std::to_string(delay.count()) + " ms");
        auto db = open_index(root.path());
        ASSERT_TRUE(db.ok()) << db.error().describe();
        const Xapian::doccount planted = db->get_termfreq("kilroy");
        EXPECT_TRUE(planted == 0 || planted == ids.size()) << planted << " of " << ids.size();
        EXPECT_EQ(db->get_doccount(), documents + planted);
        EXPECT_TRUE(check_database(*resolve_index(root.path())).ok());
        // Back to the state before, for the next kill; the lock of the killed one is free.
        if (planted != 0) {
            ASSERT_TRUE(succeeded(wait_for(start_indexer(root.path(), removal))));
        }
    }
    ASSERT_TRUE(succeeded(wait_for(start_indexer(root.path(), update))));
    EXPECT_EQ(open_index(root.path())->get_termfreq("kilroy"), ids.size());
}

}  // namespace
}  // namespace cohesio
