#pragma once

#include <xapian.h>

namespace cohesio {

// French and English stopwords, folded like indexed words (accents removed).
void add_stopwords(Xapian::SimpleStopper& stopper);

// The same, on the heap and released for a QueryParser to own.
Xapian::Stopper* make_stopper();

}  // namespace cohesio
