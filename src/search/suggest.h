// Type-ahead: practice titles and thesaurus vocabulary that complete what has been typed.
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "normalise/normaliser.h"

namespace cohesio {

struct TitleSuggestion {
    std::string id;
    std::string title;             // in the interface language where the practice has it
    std::string language;          // of `title`: "fr" or "en"
    bool our_translation = false;  // title is ours.title_en, not the document's wording
    bool title_is_ours = false;    // title is ours.title: the document gives no name
};

// The title a list shows in the interface language `ui_lang` ("fr" or "en"), as the page's
// titleParts() chooses it: our English title of a French practice in English, else its own.
TitleSuggestion title_in(const nlohmann::json& record, std::string_view ui_lang);

struct Suggestions {
    std::vector<TitleSuggestion> titles;  // practices whose title words start as typed
    std::vector<std::string> vocabulary;  // thesaurus forms starting so
};

// Folded thesaurus form -> the languages it is listed under ("en", "fr", "en fr"), as the
// index stores them (schema::kFormLanguagesKey).
using FormLanguages = std::map<std::string, std::string>;

// Titles are matched in either language (title words include our English title) and given in
// `ui_lang`; vocabulary is the thesaurus forms of `ui_lang` (by `languages`; a form it does not
// list counts as both), or the other language's when `ui_lang` has none starting so.
Suggestions suggest(Xapian::Database& db, Normaliser& normaliser, const std::string& typed,
                    Xapian::doccount limit, std::string_view ui_lang = "fr",
                    const FormLanguages& languages = {});

}  // namespace cohesio
