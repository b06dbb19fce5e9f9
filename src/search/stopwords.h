#pragma once

#include <xapian.h>

namespace cohesio {

// French and English stopwords, folded like indexed words (accents removed).
void add_stopwords(Xapian::SimpleStopper& stopper);

// Words every practice's sheet uses whatever its subject ("mettre en place", "niveau",
// "provide", "people"): never the reason two practices are alike.
void add_generic_words(Xapian::SimpleStopper& stopper);

// The stopwords, on the heap and released for a QueryParser to own.
Xapian::Stopper* make_stopper();

}  // namespace cohesio
