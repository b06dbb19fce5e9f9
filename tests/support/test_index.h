// Builds an index of a corpus directory into a fresh temporary directory for a test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "corpus/loader.h"
#include "http/searcher_pool.h"
#include "index/store.h"

namespace cohesio::testing {

inline const std::filesystem::path kSourceDir = COHESIO_SOURCE_DIR;
inline const std::filesystem::path kFixtureCorpus = kSourceDir / "tests/fixtures/corpus";
inline const std::filesystem::path kReferenceDir = kSourceDir / "corpus/reference";

// A directory under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("cohesio-test-" + std::to_string(random()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline Reference load_reference() {
    auto reference = Reference::load(kReferenceDir);
    EXPECT_TRUE(reference.ok()) << (reference.ok() ? "" : reference.error().describe());
    return reference.ok() ? std::move(reference).value() : Reference{};
}

// Indexes `corpus_dir`/practices into `index_root`; fails the test on any error.
inline void build_fixture_index(const std::filesystem::path& corpus_dir,
                                const std::filesystem::path& index_root) {
    const Reference reference = load_reference();
    CorpusLoad load = load_corpus(corpus_dir / "practices", reference);
    for (const auto& error : load.errors) ADD_FAILURE() << error.describe();
    auto normaliser = Normaliser::create();
    ASSERT_TRUE(normaliser.ok());
    auto vocabulary = Vocabulary::load(kReferenceDir, **normaliser);
    ASSERT_TRUE(vocabulary.ok()) << vocabulary.error().describe();
    auto built = build_index(load.practices, index_root, **normaliser, *vocabulary);
    ASSERT_TRUE(built.ok()) << built.error().describe();
}

// Writes a fixture record under another id (and file name) into `dir`, with `word` added to
// its title (or as its title), for updates; returns the file.
inline std::filesystem::path write_practice_variant(const std::filesystem::path& dir,
                                                    const std::string& from, const std::string& id,
                                                    const std::string& word) {
    std::ifstream in(kFixtureCorpus / "practices" / (from + ".json"));
    nlohmann::json record = nlohmann::json::parse(in);
    record["id"] = id;
    // Some records have no title: the word is then the title.
    const std::string title = record.value("title", std::string());
    record["title"] = title.empty() ? word : title + " " + word;
    const std::filesystem::path file = dir / (id + ".json");
    std::ofstream(file) << record.dump(2);
    return file;
}

// How many practices a search for `words` finds through a lease of `pool` (9999 when it
// fails), as a service would answer it now.
inline Xapian::doccount total_found(SearcherPool& pool, const std::string& words) {
    auto lease = pool.acquire();
    if (!lease) return 9999;
    SearchRequest request;
    request.query = words;
    auto found = lease->searcher().search(request);
    return found ? found->total : 9999;
}

}  // namespace cohesio::testing
