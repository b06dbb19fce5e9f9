// Turns a practice into a Xapian document: terms (schema.h prefixes), values and data.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "corpus/practice.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

// The practice with what the vocabulary adds: inferred Charter articles (with their evidence)
// joined to the explicit ones, in the links and in the stored JSON.
Practice enrich(const Practice& practice, const Vocabulary& vocabulary, Normaliser& normaliser);

// The words a spelling correction may suggest: every unprefixed, unstemmed word of a
// document. (Prefixed and stemmed terms start with an upper-case letter.) A word's spelling
// frequency is the number of documents that have it, so an update takes one off for each
// document it replaces or deletes.
bool is_spelling_word(const std::string& term);

// The unique term of a practice's id, by which a document is replaced or deleted.
std::string id_term(const std::string& id);

// Makes the documents of many practices, remembering the stems of the words it has seen
// (vocabulary repeats heavily, so a build stems each distinct word about once). Like the
// Normaliser it uses, one per thread.
class DocumentMaker {
public:
    DocumentMaker(Normaliser& normaliser, const Vocabulary& vocabulary)
        : normaliser_(normaliser), vocabulary_(vocabulary) {}

    // `practice` should already be enriched.
    Xapian::Document make(const Practice& practice);

    // A folded word's stem terms: "Z" + French stem, and "Z" + English stem when it differs
    // (otherwise empty).
    struct Stems {
        std::string french;
        std::string english;
    };
    const Stems& stems(const std::string& word);

private:
    // The folded name of the practice's first country in `language` ("fr", "en"), for sorting.
    std::string country_name(const Practice& practice, const char* language);

    Normaliser& normaliser_;
    const Vocabulary& vocabulary_;
    Xapian::Stem french_{"french"};
    Xapian::Stem english_{"english"};
    std::unordered_map<std::string, Stems> stems_;  // cleared when it grows past a bound
};

// `practice` should already be enriched. (DocumentMaker, for more than one practice.)
Xapian::Document make_document(const Practice& practice, Normaliser& normaliser,
                               const Vocabulary& vocabulary);

// Splits a list value slot (schema::kListSeparator) into its values.
std::vector<std::string> split_list_value(const std::string& value);

}  // namespace cohesio
