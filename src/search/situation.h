// A situation (a paragraph of free text) as a query of its most telling words.
//
// A situation has many words and no practice has them all, so its words are OR-ed. Read as it
// is, that query costs a pass over every word's posting list, twice (the French and the English
// reading share most stems), and the common words (in most practices) cost the most while
// telling the least: BM25 gives them almost no weight. So each distinct part of the readings
// is kept once, weighted by how many readings produced it (the same scores as OR-ing the
// readings), and only the most telling parts are searched for: the rarest, up to a limit, and
// none that too many practices have (unless nothing else is left). Concepts named by the text
// follow the same share rule.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace cohesio {

// One word of a situation as QueryParser read it: a term, or a word SYNONYM its concept.
struct SituationPart {
    Xapian::Query query;
    double readings = 1;             // how many of the languages' readings produced it
    Xapian::doccount frequency = 0;  // practices with its most frequent term (at least)
};

// A part in more than 30% of the practices weighs under a third of what BM25 gives a word in 1%
// of them, yet costs the longest posting lists; 20 parts leave room for a long paragraph's rare
// words. At 100,000 practices this brings similar --text from p99 ~105 ms to under 20 ms, with
// the judged situations' precision within one suggestion of the whole-text query's.
struct TellingLimits {
    std::size_t max_parts = 20;
    double max_share = 0.3;
};

// The distinct parts of the readings (each an OR of parts, or a single part), in order of
// first appearance, frequencies left at 0.
std::vector<SituationPart> merge_readings(const std::vector<Xapian::Query>& readings);

// The parts worth searching for (see the header comment), rarest first. `practices` is the
// size of the collection the frequencies were taken from.
std::vector<SituationPart> most_telling(std::vector<SituationPart> parts,
                                        Xapian::doccount practices, const TellingLimits& limits);

// The kept terms whose frequency is within the limit's share, e.g. the concepts of the text.
std::vector<std::string> telling_terms(const Xapian::Database& db,
                                       const std::vector<std::string>& terms,
                                       const TellingLimits& limits);

// Sets each part's frequency from the database.
void count_practices(const Xapian::Database& db, std::vector<SituationPart>& parts);

// The OR of the parts, each weighted by its readings.
Xapian::Query any_part(const std::vector<SituationPart>& parts);

}  // namespace cohesio
