#include "common/files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cohesio {

Result<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int reason = errno;
        return Error{reason == ENOENT ? ErrorKind::not_found : ErrorKind::io, path.string(),
                     std::string("cannot open file: ") + std::strerror(reason)};
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return Error{ErrorKind::io, path.string(), "read failed"};
    return content.str();
}

Result<nlohmann::json> read_json_file(const std::filesystem::path& path) {
    auto bytes = read_file(path);
    if (!bytes) return bytes.error();
    try {
        return nlohmann::json::parse(*bytes);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
        return Error{ErrorKind::invalid_input, path.string(), e.what()};
    }
}

bool is_valid_utf8(const std::string& bytes, std::size_t& bad_offset) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char lead = s[i];
        std::size_t length = 0;
        unsigned int min_code = 0;
        unsigned int code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2, min_code = 0x80, code = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3, min_code = 0x800, code = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4, min_code = 0x10000, code = lead & 0x07u;
        } else {
            bad_offset = i;
            return false;
        }
        if (i + length > n) {
            bad_offset = i;
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) {
                bad_offset = i;
                return false;
            }
            code = (code << 6) | (s[i + k] & 0x3Fu);
        }
        if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            bad_offset = i;
            return false;
        }
        i += length;
    }
    return true;
}

}  // namespace cohesio
