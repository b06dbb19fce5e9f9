#pragma once

#include <string>

#include "common/result.h"

namespace cohesio {

// A whole number in [min, max] written in decimal, nothing else; the error names `where`.
Result<unsigned long> parse_whole_number(const std::string& where, const std::string& text,
                                         unsigned long min, unsigned long max);

}  // namespace cohesio
