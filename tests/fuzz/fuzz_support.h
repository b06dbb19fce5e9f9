// What the fuzz targets share: the source tree's paths and the fixture index they search.
// A fuzz target has no test framework to report a broken setup, so setup failures print the
// error and abort: a harness that silently fuzzed nothing would look like a clean run.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "common/result.h"
#include "corpus/loader.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio::fuzz {

inline const std::filesystem::path kSourceDir = COHESIO_SOURCE_DIR;
inline const std::filesystem::path kReferenceDir = kSourceDir / "corpus/reference";
inline const std::filesystem::path kFixtureCorpus = kSourceDir / "tests/fixtures/corpus";

[[noreturn]] inline void setup_failed(const std::string& what) {
    std::fprintf(stderr, "fuzz setup failed: %s\n", what.c_str());
    std::abort();
}

template <class T>
T take(Result<T> result) {
    if (!result.ok()) setup_failed(result.error().describe());
    return std::move(result).value();
}

inline Reference load_reference() { return take(Reference::load(kReferenceDir)); }

// Indexes tests/fixtures/corpus into `root` afresh (removing what an earlier run left there) and
// returns `root`. Each target has its own root, so ctest can replay targets in parallel.
inline std::filesystem::path build_fixture_index(const std::filesystem::path& root) {
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    const Reference reference = load_reference();
    CorpusLoad load = load_corpus(kFixtureCorpus / "practices", reference);
    if (!load.errors.empty()) setup_failed(load.errors.front().describe());
    auto normaliser = take(Normaliser::create());
    auto vocabulary = take(Vocabulary::load(kReferenceDir, *normaliser));
    take(build_index(load.practices, root, *normaliser, vocabulary));
    return root;
}

}  // namespace cohesio::fuzz
