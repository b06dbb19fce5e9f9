// Where a user's query text becomes a Xapian::Query.
//
// Filters written in the text (country:AM, article:31, domain:, category:, source:, lang:) are
// taken out first and handled like filter options. The rest is folded by normalise/ (keeping
// its syntax) and parsed by Xapian's QueryParser twice, with the French and with the English
// stemmer, because a query's language is unknown; the two readings are OR-ed (every document
// carries both languages' stems, so NOT and AND mean the same in both). Field prefixes
// (title:, goal:, target:, transferability:, place:) work, phrases in them included. A query that
// QueryParser rejects is read again as plain words rather than failing.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "normalise/lexicon.h"
#include "normalise/normaliser.h"
#include "search/concepts.h"
#include "search/situation.h"

namespace cohesio {

// How a query's words must match. A practice that has all the words is what a user means by
// "results for these words"; any-word matching is the fallback when too few have them all.
enum class WordMatch { all, any };

struct ParsedQuery {
    Xapian::Query query;    // ranks: `match` plus closeness and concept bonuses; empty: no words
    Xapian::Query match;    // the set that matches, without the bonuses (cheap to count over)
    bool degraded = false;  // the syntax was malformed and the words were used instead
    bool empty = true;      // no search words (filters alone may still apply)
    std::map<std::string, std::vector<std::string>> filters;  // written in the text
    std::string corrected;  // a spelling suggestion from the index's words, or empty
};

class QueryBuilder {
public:
    // `lexicon`: the real words, never corrected even when no practice has them.
    QueryBuilder(Xapian::Database db, Normaliser& normaliser, const Lexicon& lexicon);

    ParsedQuery parse(const std::string& text, WordMatch words = WordMatch::all);

    // The thesaurus's links between the index's concepts.
    const ConceptLinks& concept_links();

    // Free text read as its words only (no operators, no filters), e.g. a description of a
    // situation; thesaurus forms still expand to their concepts. Only its most telling words
    // and concepts are kept (see situation.h).
    Xapian::Query parse_words(const std::string& text, const TellingLimits& limits = {});

private:
    // The folded query with each word that neither the index nor the lexicon knows replaced by
    // the index's closest spelling, or empty when there is nothing to correct.
    std::string spelling_correction(const std::string& folded);
    // The correction of one word, or empty when it is known or has none (remembered: the
    // index of a QueryBuilder never changes, and a search parses its words up to four times).
    const std::string& word_correction(const std::string& word);
    // The thesaurus concepts the folded text names (its longest forms first).
    std::vector<std::string> concepts_in(const std::string& folded) const;
    // The concepts narrower than `concepts` (children, then grandchildren: the thesaurus's
    // `broader` links read downwards), each level at a lower weight, as one query (empty if
    // none): so a goal the user names ("accès aux droits") reaches the mechanisms practices
    // name ("guichet unique").
    Xapian::Query narrower_than(const std::vector<std::string>& concepts);
    // The concepts one level broader than `concepts`, neither among them nor too common to
    // tell practices apart (concepts.h).
    std::vector<std::string> broader_than(const std::vector<std::string>& concepts);
    // `query` ranked higher where a practice has these thesaurus concepts, and less so where
    // it has the `broader` ones.
    static Xapian::Query with_concepts(const Xapian::Query& query,
                                       const std::vector<std::string>& concepts,
                                       const std::vector<std::string>& broader = {});
    // `query` plus a bonus for practices where the folded query's words stand close together.
    Xapian::Query with_proximity(const Xapian::Query& query, const std::string& folded) const;

    Xapian::Database db_;
    Normaliser& normaliser_;
    const Lexicon& lexicon_;
    Xapian::QueryParser french_;
    Xapian::QueryParser english_;
    Xapian::SimpleStopper stopwords_;
    std::unordered_map<std::string, std::string> corrections_;  // word -> word_correction()
    std::optional<ConceptLinks> concept_links_;                 // read at first use
};

// The index keeps no positions for the field copies of words (schema.h), so a phrase in a
// field, title:"banque alimentaire" or title:food-bank, is rewritten as the phrase anywhere and
// each of its words (stopwords aside) in the field:
// (title:banque AND title:alimentaire AND "banque alimentaire"). The rest stays as written.
std::string field_phrases_as_words(const std::string& folded, const Xapian::Stopper& stopwords);

// Splits filters (facet:value outside quotes) from the rest of a query.
std::string extract_filters(const std::string& text,
                            std::map<std::string, std::vector<std::string>>& filters);

}  // namespace cohesio
