#include "common/numbers.h"

#include <charconv>

namespace cohesio {

Result<unsigned long> parse_whole_number(const std::string& where, const std::string& text,
                                         unsigned long min, unsigned long max) {
    unsigned long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return Error{ErrorKind::invalid_input, where,
                     quote_input(text) + " is not a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max)};
    }
    return value;
}

}  // namespace cohesio
