// The named baseline every evaluation is read against: what a user could set up in an
// afternoon. Plain BM25 (Xapian's BM25Weight with its defaults) over the index's own
// unprefixed French stems of the query's folded words, OR-ed, with the query's filters as
// boolean terms: no concepts, no field-prefixed terms, no proximity, no spelling correction
// (unless Xapian's own did-you-mean is asked for), no English reading. (The unprefixed terms carry
// the index's title and goal wdf boosts: the baseline shares the index, as the issue that asked for
// it specifies.)
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "normalise/normaliser.h"

namespace cohesio {

// What the baseline does with a misspelt word: search for it as typed, or first apply Xapian's
// own did-you-mean (QueryParser's FLAG_SPELLING_CORRECTION over the index's spelling table), as
// a user of plain Xapian would, and search for its corrected query when it has one.
enum class BaselineSpelling { as_typed, xapian_did_you_mean };

class Bm25Baseline {
public:
    static Result<std::unique_ptr<Bm25Baseline>> open(
        Xapian::Database db, BaselineSpelling spelling = BaselineSpelling::as_typed);

    // The ids of the first `depth` practices for `text` within `filters` (facet -> values: OR
    // within a facet, AND across). An empty text browses the filtered practices in index order.
    Result<std::vector<std::string>> rank(
        const std::string& text, const std::map<std::string, std::vector<std::string>>& filters,
        std::size_t depth);

private:
    Bm25Baseline(Xapian::Database db, std::unique_ptr<Normaliser> normaliser,
                 BaselineSpelling spelling);

    // The folded words of `text`, corrected by Xapian's did-you-mean when the baseline uses it.
    std::vector<std::string> words_of(const std::string& text);

    Xapian::Database db_;
    BaselineSpelling spelling_;
    std::unique_ptr<Normaliser> normaliser_;
    Xapian::Stem french_{"french"};
    Xapian::SimpleStopper stopwords_;
};

}  // namespace cohesio
