// Where a user's query text becomes a Xapian::Query.
//
// The text is folded by normalise/ (keeping its syntax), then parsed by Xapian's QueryParser
// twice, with the French and with the English stemmer, because a query's language is unknown;
// the two readings are OR-ed. Field prefixes (title:, goal:) and filters written in the query
// (article:31, country:AM, domain:, category:, source:, lang:) are understood. A query that
// QueryParser rejects is read again as plain words rather than failing.
#pragma once

#include <xapian.h>

#include <string>

#include "normalise/normaliser.h"

namespace cohesio {

struct ParsedQuery {
    Xapian::Query query;    // MatchNothing when the text has no words
    bool degraded = false;  // the syntax was malformed and the words were used instead
    bool empty = true;      // no search words (filters alone may still apply)
};

class QueryBuilder {
public:
    QueryBuilder(Xapian::Database db, Normaliser& normaliser);

    ParsedQuery parse(const std::string& text);

private:
    Xapian::Query parse_with(Xapian::QueryParser& parser, const std::string& folded,
                             unsigned flags);

    Normaliser& normaliser_;
    Xapian::QueryParser french_;
    Xapian::QueryParser english_;
};

}  // namespace cohesio
