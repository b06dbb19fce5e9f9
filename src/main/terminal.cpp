#include "main/terminal.h"

#include <cstring>
#include <iterator>

namespace cohesio {

namespace {
// Far beyond any query or situation (the searcher refuses queries of a few KiB), small enough
// that `cohesio search - < big-file` fails at once instead of reading it all.
constexpr std::size_t kMaxArgumentBytes = 1 << 20;
}  // namespace

bool colour_wanted(bool is_terminal, const char* no_color, const char* term) {
    if (!is_terminal) return false;
    if (no_color != nullptr && *no_color != '\0') return false;
    return term == nullptr || std::strcmp(term, "dumb") != 0;
}

Result<std::string> read_argument(std::istream& in, const std::string& what) {
    std::string text;
    char buffer[4096];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxArgumentBytes) {
            return Error{ErrorKind::invalid_input, what,
                         "standard input holds more than 1 MiB; give a query or situation"};
        }
    }
    if (in.bad()) return Error{ErrorKind::io, what, "could not read standard input"};
    const auto end = text.find_last_not_of(" \t\r\n");
    text.erase(end == std::string::npos ? 0 : end + 1);
    return text;
}

}  // namespace cohesio
