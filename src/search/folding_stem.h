// A Xapian stemmer that folds a word before stemming it, so that MSet::snippet() can find the
// query's (folded) stems in a practice's original, accented text and highlight them there.
//
// A snippet stems every word of a hit's text, and ICU folding is the costly part; a practice's
// words repeat across hits and requests, so results are remembered (bounded: the memory is
// dropped when it grows past kMaxRemembered words).
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "normalise/normaliser.h"

namespace cohesio {

class FoldingStem : public Xapian::StemImplementation {
public:
    FoldingStem(Normaliser& normaliser, Language language)
        : normaliser_(normaliser), stem_(std::string(language_code(language))) {}

    std::string operator()(const std::string& word) override {
        const auto known = remembered_.find(word);
        if (known != remembered_.end()) return known->second;
        if (remembered_.size() >= kMaxRemembered) remembered_.clear();
        return remembered_.emplace(word, stem_(normaliser_.fold_word(word))).first->second;
    }
    std::string get_description() const override { return "cohesio.FoldingStem"; }

private:
    static constexpr std::size_t kMaxRemembered = 100000;

    Normaliser& normaliser_;
    Xapian::Stem stem_;
    std::unordered_map<std::string, std::string> remembered_;
};

}  // namespace cohesio
