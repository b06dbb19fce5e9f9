// The text pipeline shared by indexing and querying: ICU word breaks, NFKC case folding,
// accent folding (Latin-ASCII, so œ becomes oe), French elision stripping, then Snowball
// stemming of the folded word. Folding happens before stemming on both sides because the
// French stemmer stems accented and unaccented spellings differently (réfugiés -> réfugi,
// refugies -> refug).
//
// A Normaliser owns ICU objects that are not thread-safe: give each thread its own.
#pragma once

#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"

U_NAMESPACE_BEGIN
class BreakIterator;
class Normalizer2;
class Transliterator;
U_NAMESPACE_END

namespace cohesio {

enum class Language { fr, en };

// A word of a text as `Normaliser::words` gives it, with how the text writes it.
struct SpelledWord {
    std::string folded;    // "hebergement"
    std::string spelling;  // as written, less elided articles: "Hébergement" in "l’Hébergement"
    std::size_t offset = 0;  // where `spelling` starts in the text, in bytes (if valid UTF-8)
};

std::string_view language_code(Language language);
// Parses "fr" / "en".
bool parse_language(std::string_view code, Language& language);

class Normaliser {
public:
    static Result<std::unique_ptr<Normaliser>> create();
    ~Normaliser();
    Normaliser(const Normaliser&) = delete;
    Normaliser& operator=(const Normaliser&) = delete;

    // NFKC case fold, then strip accents and turn typographic signs into ASCII.
    std::string fold(std::string_view text);

    // The words of `text`, folded and without elided articles, in order: what gets indexed.
    std::vector<std::string> words(std::string_view text);

    // The same words as `words`, in the same order, each with its spelling in `text`: what
    // lets a match on folded words be shown in the text's own words.
    std::vector<SpelledWord> spelled_words(std::string_view text);

    // Folds a single word as `words` would, e.g. "L’Hébergement" -> "hebergement".
    std::string fold_word(std::string_view word);

    // Folds the words of a user's query but keeps its syntax (quotes, parentheses, +/-,
    // field:value and the operators AND OR NOT XOR NEAR ADJ) so Xapian's QueryParser
    // can still read it.
    std::string fold_query(std::string_view query);

private:
    Normaliser() = default;
    template <class Visit>
    void for_each_segment(std::string_view text, Visit&& visit);
    // Calls visit(segment, folded word, segment's byte offset) for each word `words` keeps:
    // the one path of `words` and `spelled_words`, so the two cannot drift apart.
    template <class Visit>
    void for_each_word(std::string_view text, Visit&& visit);
    // The part of a word's segment its folded word comes from (without elided articles).
    std::string spelling_of(const std::string& segment, const std::string& folded);

    // fold_word's results for non-ASCII words: vocabulary repeats heavily, and ICU's
    // transliterator is the slowest step of indexing. Cleared when it reaches kWordCacheLimit.
    std::unordered_map<std::string, std::string> folded_words_;
    // spelling_of's results for non-ASCII words it had to fold again (those with an apostrophe
    // or another sign): the bytes their elided articles take. Bounded as folded_words_ is.
    std::unordered_map<std::string, std::size_t> elided_bytes_;

    const icu::Normalizer2* casefold_ = nullptr;
    std::unique_ptr<icu::Transliterator> to_ascii_;
    std::unique_ptr<icu::BreakIterator> word_breaks_;
    // The text word_breaks_ is set on: the iterator keeps a reference to it.
    icu::UnicodeString breaking_;
};

// Removes a leading French elision ("l'", "qu'", "jusqu'", ...) from a folded word.
std::string strip_elision(std::string word);

// A folded query's hyphenated compounds as their words, "sans-abri" -> "sans abri": texts are
// indexed word by word and people write a compound with or without its hyphens, so both must
// find the same practices. A signed compound stays one thing, bracketed ("-sans-abri" ->
// -(sans abri)); a hyphen that starts a word is the exclusion sign and stays, and field:value
// tokens are left to the query parser.
std::string compounds_as_words(std::string_view folded_query);

}  // namespace cohesio
