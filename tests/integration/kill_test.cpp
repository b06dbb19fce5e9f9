// `kill -9` of `cohesio index` at random points of a build: the index that was current stays
// current and intact, and the next build succeeds and cleans up what the killed ones left.
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

// Starts `cohesio index` over the fixture corpus into `root`, its output discarded.
pid_t start_build(const fs::path& root) {
    const std::string binary = COHESIO_BINARY;
    const std::string corpus = testing::kFixtureCorpus.string();
    const std::string reference = testing::kReferenceDir.string();
    const std::string index = root.string();
    const pid_t child = ::fork();
    if (child == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        ::execl(binary.c_str(), binary.c_str(), "index", "--corpus", corpus.c_str(), "--reference",
                reference.c_str(), "--index", index.c_str(), nullptr);
        ::_exit(127);
    }
    return child;
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

}  // namespace
}  // namespace cohesio
