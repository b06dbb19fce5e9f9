// Turns a practice into a Xapian document: terms (schema.h prefixes), values and data.
#pragma once

#include <xapian.h>

#include "corpus/practice.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

// The practice with what the vocabulary adds: inferred Charter articles (with their evidence)
// joined to the explicit ones, in the links and in the stored JSON.
Practice enrich(const Practice& practice, const Vocabulary& vocabulary, Normaliser& normaliser);

// `practice` should already be enriched.
Xapian::Document make_document(const Practice& practice, Normaliser& normaliser,
                               const Vocabulary& vocabulary);

// Splits a list value slot (schema::kListSeparator) into its values.
std::vector<std::string> split_list_value(const std::string& value);

}  // namespace cohesio
