// What the command line takes from its surroundings: whether to colour, and "-" arguments
// read from standard input.
#pragma once

#include <istream>
#include <string>

#include "common/result.h"

namespace cohesio {

// ANSI styles only on a terminal that shows them and for a user who has not opted out: not
// when NO_COLOR is set to anything but the empty string (https://no-color.org), nor when
// TERM is dumb. `no_color` and `term` are the variables' values, null when unset.
bool colour_wanted(bool is_terminal, const char* no_color, const char* term);

// The whole of `in` for the argument `what` given as "-", without its trailing blank lines and
// spaces (echo's newline); an error naming `what` beyond a bound no query or situation needs.
Result<std::string> read_argument(std::istream& in, const std::string& what);

}  // namespace cohesio
