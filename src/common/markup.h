#pragma once

#include <string>
#include <string_view>

namespace cohesio {

// Escapes & < > " for HTML and XML text and attribute values.
std::string escape_markup(std::string_view text);

// `text` as XML 1.0 character data, for text and attribute values alike: escaped as
// escape_markup does, and every character XML 1.0 does not allow (C0 controls but tab, LF and
// CR; U+FFFE, U+FFFF; lone surrogates) and every byte that is not UTF-8 replaced by U+FFFD,
// so no input can make the document ill-formed; tab, LF and CR as character references.
std::string xml_text(std::string_view text);

// The application/x-www-form-urlencoded serialisation of URLSearchParams (spaces as '+', all
// but alphanumerics and *-._ percent-encoded): also an IRI's query part.
std::string form_encode(std::string_view text);

}  // namespace cohesio
