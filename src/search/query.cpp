#include "search/query.h"

#include <cctype>

#include "index/schema.h"
#include "search/facet_names.h"
#include "search/stopwords.h"

namespace cohesio {

namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const char* language) {
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(make_stopper());
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.add_prefix("title", std::string(schema::prefix::title));
    parser.add_prefix("goal", std::string(schema::prefix::goal));
    parser.add_prefix("target", std::string(schema::prefix::target_groups));
    parser.add_prefix("transferability", std::string(schema::prefix::transferability));
    parser.add_prefix("place", std::string(schema::prefix::place));
    for (const auto& facet : kFacets) {
        // Each facet is its own group, so article:31 article:27 means 31 OR 27.
        parser.add_boolean_prefix(std::string(facet.name), std::string(facet.prefix));
    }
}

// What is left of a malformed query once its syntax is removed: its words.
std::string plain_words(const std::string& folded) {
    std::string words;
    for (char c : folded) {
        const auto byte = static_cast<unsigned char>(c);
        words += (std::isalnum(byte) || byte >= 0x80) ? static_cast<char>(std::tolower(byte)) : ' ';
    }
    return words;
}

}  // namespace

QueryBuilder::QueryBuilder(Xapian::Database db, Normaliser& normaliser) : normaliser_(normaliser) {
    configure(french_, db, "french");
    configure(english_, db, "english");
}

Xapian::Query QueryBuilder::parse_with(Xapian::QueryParser& parser, const std::string& folded,
                                       unsigned flags) {
    return parser.parse_query(folded, flags);
}

ParsedQuery QueryBuilder::parse(const std::string& text) {
    ParsedQuery parsed;
    const std::string folded = normaliser_.fold_query(text);
    Xapian::Query french, english;
    try {
        french = parse_with(french_, folded, kFlags);
        english = parse_with(english_, folded, kFlags);
    } catch (const Xapian::QueryParserError&) {
        parsed.degraded = true;
        const std::string words = plain_words(folded);
        french = parse_with(french_, words, 0);
        english = parse_with(english_, words, 0);
    }
    parsed.empty = french.empty() && english.empty();
    if (!parsed.empty) parsed.query = Xapian::Query(Xapian::Query::OP_OR, french, english);
    return parsed;
}

}  // namespace cohesio
