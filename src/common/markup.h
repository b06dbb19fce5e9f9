#pragma once

#include <string>
#include <string_view>

namespace cohesio {

// Escapes & < > " for HTML and XML text and attribute values.
std::string escape_markup(std::string_view text);

}  // namespace cohesio
