// The bilingual thesaurus (corpus/reference/thesaurus.json): concepts with English and French
// surface forms. Indexing adds a concept term (schema prefix::concept) wherever one of its
// forms occurs, and the index's synonym table maps every form to that term, so Xapian's
// QueryParser expands "food bank" to the concept and finds "banque alimentaire". A concept may
// name broader concepts (SKOS-style `broader`): the synonym table also maps each concept's term
// to its narrower concepts' terms, so search can reach from a goal the user names ("accès aux
// droits") to the mechanisms practices name ("guichet unique").
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "index/phrase_matcher.h"
#include "normalise/normaliser.h"

namespace cohesio {

class Thesaurus {
public:
    static Result<Thesaurus> load(const std::filesystem::path& file, Normaliser& normaliser);

    // Concept ids found in `words` (folded), once per occurrence.
    std::vector<std::string> concepts_in(const std::vector<std::string>& words) const;

    // (folded form with single spaces, concept id) for the index's synonym table.
    const std::vector<std::pair<std::string, std::string>>& forms() const { return forms_; }

    // Folded form -> the languages the thesaurus lists it under ("en", "fr" or "en fr"), for
    // type-ahead in the interface's language.
    const std::map<std::string, std::string>& form_languages() const { return form_languages_; }

    // (broader concept id, narrower concept id), for the index's synonym table.
    const std::vector<std::pair<std::string, std::string>>& narrower() const { return narrower_; }

private:
    PhraseMatcher matcher_;
    std::vector<std::pair<std::string, std::string>> forms_;
    std::vector<std::pair<std::string, std::string>> narrower_;
    std::map<std::string, std::string> form_languages_;
};

}  // namespace cohesio
