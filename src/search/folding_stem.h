// A Xapian stemmer that folds a word before stemming it, so that MSet::snippet() can find the
// query's (folded) stems in a practice's original, accented text and highlight them there.
//
// A snippet stems every word of a hit's text (about 2,000 words a search), and ICU folding is
// the costly part; a practice's words repeat across hits and requests, so results are
// remembered (bounded: the memory is dropped when it fills up).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "normalise/normaliser.h"

namespace cohesio {

class FoldingStem : public Xapian::StemImplementation {
public:
    FoldingStem(Normaliser& normaliser, Language language)
        : normaliser_(normaliser), stem_(std::string(language_code(language))) {}

    std::string operator()(const std::string& word) override;
    std::string get_description() const override { return "cohesio.FoldingStem"; }

private:
    // Longer words (rare) are folded and stemmed each time.
    static constexpr std::size_t kInline = 29;
    // One remembered word and its stem in one 64-byte cache line, in an open-addressed table:
    // a lookup reads one line, where std::unordered_map read three (bucket, node before, node)
    // and most of a snippet's time went to those cache misses.
    struct Slot {
        std::uint32_t hash = 0;
        std::uint8_t word_size = 0;  // 0: an empty slot
        std::uint8_t stem_size = 0;
        char word[kInline] = {};
        char stem[kInline] = {};
    };
    static constexpr std::size_t kSlots = std::size_t{1} << 16;  // 4 MiB
    static constexpr std::size_t kMaxRemembered = kSlots / 4 * 3;

    std::string fold_and_stem(const std::string& word) {
        return stem_(normaliser_.fold_word(word));
    }
    // The slot holding `word`, or the empty slot where it belongs.
    Slot& find(const std::string& word, std::uint32_t hash);
    void remember(const std::string& word, std::uint32_t hash, const std::string& stem);

    Normaliser& normaliser_;
    Xapian::Stem stem_;
    std::vector<Slot> slots_;  // allocated at the first word
    std::size_t remembered_ = 0;
};

}  // namespace cohesio
