// Type-ahead: practice titles and thesaurus vocabulary that complete what has been typed.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "normalise/normaliser.h"

namespace cohesio {

struct TitleSuggestion {
    std::string id;
    std::string title;
};

struct Suggestions {
    std::vector<TitleSuggestion> titles;  // practices whose title words start as typed
    std::vector<std::string> vocabulary;  // thesaurus forms (French and English) starting so
};

Suggestions suggest(Xapian::Database& db, Normaliser& normaliser, const std::string& typed,
                    Xapian::doccount limit);

}  // namespace cohesio
