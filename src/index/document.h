// Turns a practice into a Xapian document: terms (schema.h prefixes), values and data.
#pragma once

#include <xapian.h>

#include "corpus/practice.h"
#include "normalise/normaliser.h"

namespace cohesio {

Xapian::Document make_document(const Practice& practice, Normaliser& normaliser);

// Splits a list value slot (schema::kListSeparator) into its values.
std::vector<std::string> split_list_value(const std::string& value);

}  // namespace cohesio
