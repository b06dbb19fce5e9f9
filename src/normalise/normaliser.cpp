#include "normalise/normaliser.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace cohesio {

namespace {

constexpr std::array<std::string_view, 12> kElisions = {
    "jusqu'", "lorsqu'", "puisqu'", "qu'", "l'", "d'", "s'", "n'", "c'", "j'", "m'", "t'"};

constexpr std::array<std::string_view, 6> kQueryOperators = {"AND", "OR",   "NOT",
                                                             "XOR", "NEAR", "ADJ"};

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

// Bounds the fold_word cache (a few tens of MB at most).
constexpr std::size_t kWordCacheLimit = 100000;

// NFKC_Casefold maps ASCII to ASCII by lower-casing letters, and Latin-ASCII leaves ASCII
// alone, so an ASCII word folds without ICU (the unit tests check both paths agree).
bool fold_ascii(std::string_view word, std::string& folded) {
    folded.assign(word);
    for (char& c : folded) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) return false;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return true;
}

bool is_query_operator(std::string_view word) {
    for (auto op : kQueryOperators) {
        if (word == op) return true;
    }
    return false;
}

}  // namespace

std::string_view language_code(Language language) { return language == Language::fr ? "fr" : "en"; }

bool parse_language(std::string_view code, Language& language) {
    if (code == "fr") {
        language = Language::fr;
        return true;
    }
    if (code == "en") {
        language = Language::en;
        return true;
    }
    return false;
}

// Strips every leading elision, not only the first, so that folding a folded word changes
// nothing: "l't'x" would otherwise fold to "t'x", and that to "x".
std::string strip_elision(std::string word) {
    for (bool stripped = true; stripped;) {
        stripped = false;
        for (auto elision : kElisions) {
            if (word.size() > elision.size() && word.starts_with(elision)) {
                word.erase(0, elision.size());
                stripped = true;
                break;
            }
        }
    }
    return word;
}

std::string compounds_as_words(std::string_view folded_query) {
    const auto word_byte = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return std::isalnum(byte) || byte >= 0x80;
    };
    std::string out;
    bool in_quotes = false;
    std::size_t at = 0;
    while (at < folded_query.size()) {
        const std::size_t end = std::min(folded_query.find(' ', at), folded_query.size());
        std::string token(folded_query.substr(at, end - at));
        const bool signed_word = !in_quotes && token.size() > 1 &&
                                 (token[0] == '-' || token[0] == '+') && word_byte(token[1]);
        bool joined = false;
        // field:value is left to the query parser: `title:conge-parental` is a phrase there.
        const bool field = token.find(':') != std::string::npos;
        for (std::size_t i = 1; !field && i + 1 < token.size(); ++i) {
            if (token[i] == '-' && word_byte(token[i - 1]) && word_byte(token[i + 1])) {
                token[i] = ' ';
                joined = true;
            }
        }
        // Only a whole signed word is bracketed ("-(a-b)" is one already). Brackets rather than
        // quotes: a thesaurus form ("sans abri") is still recognised inside them.
        if (joined && signed_word && std::all_of(token.begin() + 1, token.end(), [&](char c) {
                return word_byte(c) || c == ' ';
            })) {
            token.insert(1, 1, '(');
            token.push_back(')');
        }
        for (char c : token) in_quotes ^= (c == '"');
        out += token;
        if (end < folded_query.size()) out += ' ';
        at = end + 1;
    }
    return out;
}

Result<std::unique_ptr<Normaliser>> Normaliser::create() {
    std::unique_ptr<Normaliser> normaliser(new Normaliser());
    UErrorCode status = U_ZERO_ERROR;
    normaliser->casefold_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        return Error{ErrorKind::io, "ICU", std::string("NFKC_Casefold: ") + u_errorName(status)};
    }
    normaliser->to_ascii_.reset(
        icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) {
        return Error{ErrorKind::io, "ICU", std::string("Latin-ASCII: ") + u_errorName(status)};
    }
    normaliser->word_breaks_.reset(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
        return Error{ErrorKind::io, "ICU", std::string("word breaks: ") + u_errorName(status)};
    }
    return normaliser;
}

Normaliser::~Normaliser() = default;

std::string Normaliser::fold(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded =
        casefold_->normalize(icu::UnicodeString::fromUTF8(
                                 icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                             status);
    if (U_FAILURE(status)) return std::string(text);
    to_ascii_->transliterate(folded);
    // Latin-ASCII brings capitals back (small capital ʀ -> R, ɶ -> OE): lower them again, so
    // that a folded word folds to itself (and QueryParser does not take it for a proper noun).
    std::string out = to_utf8(folded);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string Normaliser::fold_word(std::string_view word) {
    std::string folded;
    if (fold_ascii(word, folded)) return strip_elision(std::move(folded));
    std::string key(word);
    if (const auto cached = folded_words_.find(key); cached != folded_words_.end()) {
        return cached->second;
    }
    folded = strip_elision(fold(word));
    if (folded_words_.size() >= kWordCacheLimit) folded_words_.clear();
    folded_words_.emplace(std::move(key), folded);
    return folded;
}

template <class Visit>
void Normaliser::for_each_segment(std::string_view text, Visit&& visit) {
    breaking_ = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::UnicodeString& unicode = breaking_;
    word_breaks_->setText(unicode);
    int32_t start = word_breaks_->first();
    for (int32_t end = word_breaks_->next(); end != icu::BreakIterator::DONE;
         start = end, end = word_breaks_->next()) {
        const bool is_word = word_breaks_->getRuleStatus() != UBRK_WORD_NONE;
        visit(to_utf8(unicode.tempSubStringBetween(start, end)), is_word);
    }
}

template <class Visit>
void Normaliser::for_each_word(std::string_view text, Visit&& visit) {
    std::size_t offset = 0;
    for_each_segment(text, [&](std::string segment, bool is_word) {
        if (is_word) {
            std::string word = fold_word(segment);
            if (!word.empty()) visit(segment, std::move(word), offset);
        }
        offset += segment.size();
    });
}

std::vector<std::string> Normaliser::words(std::string_view text) {
    std::vector<std::string> out;
    for_each_word(text, [&](const std::string&, std::string word, std::size_t) {
        out.push_back(std::move(word));
    });
    return out;
}

std::vector<SpelledWord> Normaliser::spelled_words(std::string_view text) {
    std::vector<SpelledWord> out;
    for_each_word(text, [&](const std::string& segment, std::string word, std::size_t offset) {
        std::string spelling = spelling_of(segment, word);
        offset += segment.size() - spelling.size();
        out.push_back({std::move(word), std::move(spelling), offset});
    });
    return out;
}

// strip_elision took a prefix off the folded segment. ASCII folding keeps lengths, so that
// prefix is as long in the segment; otherwise an elision ends with an apostrophe written in
// any of the ways that fold to "'" (’, ʼ, ...), and the spelling is what follows the one whose
// remainder folds to the word ("aujourd’hui" keeps its apostrophe: "hui" is not the word).
std::string Normaliser::spelling_of(const std::string& segment, const std::string& folded) {
    std::string ascii;
    if (fold_ascii(segment, ascii)) return segment.substr(segment.size() - folded.size());
    if (const auto cached = elided_bytes_.find(segment); cached != elided_bytes_.end()) {
        return segment.substr(cached->second);
    }
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(segment.data());
    const auto size = static_cast<int32_t>(segment.size());
    std::size_t start = 0;
    bool folded_again = false;
    for (int32_t at = 0; at < size;) {
        UChar32 c = 0;
        U8_NEXT(bytes, at, size, c);
        if (u_isalnum(c)) continue;
        folded_again = true;
        if (fold(std::string_view(segment).substr(at)) == folded) {
            start = static_cast<std::size_t>(at);
        }
    }
    if (folded_again) {
        if (elided_bytes_.size() >= kWordCacheLimit) elided_bytes_.clear();
        elided_bytes_.emplace(segment, start);
    }
    return segment.substr(start);
}

std::string Normaliser::fold_query(std::string_view query) {
    std::string out;
    for_each_segment(query, [&](std::string segment, bool is_word) {
        if (is_word && is_query_operator(segment)) {
            out += segment;
        } else if (is_word) {
            out += fold_word(segment);
        } else {
            out += fold(segment);
        }
    });
    return out;
}

}  // namespace cohesio
