#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace cohesio {

// French and English stopwords, folded like indexed words (accents removed).
void add_stopwords(Xapian::SimpleStopper& stopper);

// Words every practice's sheet uses whatever its subject ("mettre en place", "niveau",
// "provide", "people"): never the reason two practices are alike.
void add_generic_words(Xapian::SimpleStopper& stopper);

// How many of `words` (folded) are French, and how many English, function words: the language
// a text of several sentences is written in.
struct FunctionWordCounts {
    std::size_t french = 0;
    std::size_t english = 0;
};
FunctionWordCounts count_function_words(const std::vector<std::string>& words);

// The stopwords, on the heap and released for a QueryParser to own.
Xapian::Stopper* make_stopper();

}  // namespace cohesio
