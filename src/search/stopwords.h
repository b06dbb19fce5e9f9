#pragma once

#include <xapian.h>

namespace cohesio {

// French and English stopwords, folded like indexed words (accents removed), released for a
// QueryParser to own.
Xapian::Stopper* make_stopper();

}  // namespace cohesio
