// Fuzzes the Normaliser on any bytes. The index side only sees UTF-8 the loader checked, but
// `cohesio search` hands its argument to Normaliser::fold_query unchecked, so invalid UTF-8
// is a real input here, and so are NUL bytes (%00 in a URL decodes to valid UTF-8).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "fuzz_support.h"

namespace {

// libFuzzer calls LLVMFuzzerTestOneInput with no user state, so the one Normaliser (ICU
// objects that take milliseconds to build) lives in this function-local static, built once.
cohesio::Normaliser& normaliser() {
    static const std::unique_ptr<cohesio::Normaliser> instance =
        cohesio::fuzz::take(cohesio::Normaliser::create());
    return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    cohesio::Normaliser& n = normaliser();
    (void)n.fold_query(text);
    for (const auto& word : n.words(text)) {
        // A folded word must fold to itself: snippets and stems fold again what the query
        // folded already (FoldingStem), and must land on the indexed term.
        if (n.fold_word(word) != word) {
            std::fprintf(stderr, "fold_word changes a folded word: '%s'\n", word.c_str());
            std::abort();
        }
    }
    return 0;
}
