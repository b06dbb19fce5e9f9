// A result set as CSV (for a spreadsheet) and as an Atom feed (to follow new practices that
// match a search).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/searcher.h"

namespace cohesio {

// The CSV's first line: the UTF-8 byte order mark when `bom` (spreadsheets that otherwise
// read the file in a legacy code page want it), then the column names.
std::string csv_header(bool bom);

// One RFC 4180 line per hit. A text cell that a spreadsheet would read as a formula (it starts
// with = + - @, tab or CR) gets a leading ' inside its quotes: OWASP's CSV injection guard.
void append_csv_rows(std::string& csv, const std::vector<Hit>& hits);

// What a feed links to besides its entries: the search it follows (the request's parameters,
// all known to the route) and where this page stands among the pages of results.
struct FeedRequest {
    std::string query;
    std::map<std::string, std::vector<std::string>> filters;
    std::multimap<std::string, std::string> params;
    unsigned page = 1;
    unsigned per_page = 10;
    unsigned max_page = 1;  // the last page the API serves
    bool as_typed = false;  // the as_typed flag, however params spell it
};

// Valid XML 1.0 whatever the query and records hold. Links are absolute-path references,
// resolved against the feed's own URL (RFC 4287 4.2.7.1): the service never writes a host
// name a client sent into its answers.
std::string to_atom(const SearchResponse& response, const FeedRequest& request);

}  // namespace cohesio
