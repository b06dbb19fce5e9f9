#include "search/folding_stem.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace cohesio {

std::string FoldingStem::operator()(const std::string& word) {
    if (word.empty() || word.size() > kInline) return fold_and_stem(word);
    if (slots_.empty()) slots_.resize(kSlots);
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(word));
    const Slot& slot = find(word, hash);
    if (slot.word_size != 0) return std::string(slot.stem, slot.stem_size);
    std::string stem = fold_and_stem(word);
    if (stem.size() <= kInline) remember(word, hash, stem);
    return stem;
}

FoldingStem::Slot& FoldingStem::find(const std::string& word, std::uint32_t hash) {
    for (std::size_t at = hash & (kSlots - 1);; at = (at + 1) & (kSlots - 1)) {
        Slot& slot = slots_[at];
        if (slot.word_size == 0) return slot;
        if (slot.hash == hash && slot.word_size == word.size() &&
            std::memcmp(slot.word, word.data(), word.size()) == 0)
            return slot;
    }
}

void FoldingStem::remember(const std::string& word, std::uint32_t hash, const std::string& stem) {
    if (remembered_ >= kMaxRemembered) {
        std::fill(slots_.begin(), slots_.end(), Slot{});
        remembered_ = 0;
    }
    Slot& slot = find(word, hash);
    slot.hash = hash;
    slot.word_size = static_cast<std::uint8_t>(word.size());
    slot.stem_size = static_cast<std::uint8_t>(stem.size());
    std::memcpy(slot.word, word.data(), word.size());
    std::memcpy(slot.stem, stem.data(), stem.size());
    ++remembered_;
}

}  // namespace cohesio
