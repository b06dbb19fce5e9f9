#include "common/markup.h"

#include <cctype>
#include <string>
#include <utility>

namespace cohesio {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The code point of the UTF-8 sequence at text[at] and its length, or length 0 when the bytes
// there are not UTF-8 (overlong forms, surrogates, beyond U+10FFFF, truncated).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || at + length > text.size()) return {0, 0};
    char32_t code = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return {0, 0};
        code = (code << 6) | (byte(i) & 0x3F);
    }
    const char32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (code < smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {0, 0};
    return {code, length};
}

// XML 1.0 production [2] Char.
bool is_xml_char(char32_t code) {
    return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || code >= 0x10000;
}

}  // namespace

std::string escape_markup(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string xml_text(std::string_view text) {
    std::string allowed;
    allowed.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const auto [code, length] = decode_utf8(text, at);
        if (length == 0) {
            allowed += kReplacement;
            ++at;
            continue;
        }
        if (is_xml_char(code))
            allowed.append(text.substr(at, length));
        else
            allowed += kReplacement;
        at += length;
    }
    // As character references, tab, LF and CR survive a parser's normalisation: of line ends
    // to LF in text, of all three to spaces in attribute values.
    std::string escaped;
    escaped.reserve(allowed.size());
    for (const char c : escape_markup(allowed)) {
        if (c == '\t' || c == '\n' || c == '\r')
            escaped.append("&#").append(std::to_string(static_cast<int>(c))).append(";");
        else
            escaped += c;
    }
    return escaped;
}

std::string form_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '*' || c == '-' || c == '.' || c == '_') {
            out += c;
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

}  // namespace cohesio
