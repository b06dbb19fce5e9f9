// A Xapian stemmer that folds a word before stemming it, so that MSet::snippet() can find the
// query's (folded) stems in a practice's original, accented text and highlight them there.
#pragma once

#include <xapian.h>

#include "normalise/normaliser.h"

namespace cohesio {

class FoldingStem : public Xapian::StemImplementation {
public:
    FoldingStem(Normaliser& normaliser, Language language)
        : normaliser_(normaliser), stem_(std::string(language_code(language))) {}

    std::string operator()(const std::string& word) override {
        return stem_(normaliser_.fold_word(word));
    }
    std::string get_description() const override { return "cohesio.FoldingStem"; }

private:
    Normaliser& normaliser_;
    Xapian::Stem stem_;
};

}  // namespace cohesio
