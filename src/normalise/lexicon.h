// The real words of French and English, to tell a typo from a word the index lacks: a query
// word that no practice contains but that is in the lexicon ("ventre", "never") is not
// "corrected" into a neighbour the index has ("centre", "lever").
//
// Read from plain word lists, one word per line (Debian's wfrench, wbritish and wamerican:
// about 420,000 distinct folded words, 5 MiB), on first use, since most queries never ask.
// Words are folded as the Normaliser folds them: case folded, accents removed, œ and æ spelt
// out. Thread-safe: one Lexicon is shared by every Searcher of a process.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cohesio {

class Lexicon {
public:
    explicit Lexicon(std::vector<std::filesystem::path> lists);

    // Whether `folded_word` (as Normaliser::fold_word gives it) is in one of the lists.
    bool contains(std::string_view folded_word) const;
    // The number of distinct folded words, and the lists that could not be read.
    std::size_t size() const;
    std::vector<std::filesystem::path> unreadable() const;

private:
    void load() const;
    std::string_view word(std::size_t at) const;

    std::vector<std::filesystem::path> lists_;
    mutable std::once_flag loaded_;
    mutable std::string words_;                  // the folded words, sorted, '\n' after each
    mutable std::vector<std::uint32_t> starts_;  // where each word starts in words_
    mutable std::vector<std::filesystem::path> unreadable_;
};

// Debian's French, British and American English word lists (/usr/share/dict).
std::vector<std::filesystem::path> default_word_lists();

// `text` folded as Normaliser::fold_word folds a word, for whole lists at once: ICU's
// Latin-ASCII transliterator would take some 20 s over the lists, case folding and
// decomposition then dropping the accents take half a second. The two agree on the letters of
// French and English words (see the unit tests).
std::string fold_word_list(std::string_view text);

}  // namespace cohesio
