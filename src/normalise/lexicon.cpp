#include "normalise/lexicon.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace cohesio {

namespace {

// The ligatures Latin-ASCII spells out and decomposition leaves whole.
void append_without_accents(const icu::UnicodeString& decomposed, icu::UnicodeString& out) {
    for (int32_t at = 0; at < decomposed.length();) {
        const UChar32 c = decomposed.char32At(at);
        at += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0153) {  // œ
            out.append(static_cast<UChar>('o')).append(static_cast<UChar>('e'));
        } else if (c == 0x00E6) {  // æ
            out.append(static_cast<UChar>('a')).append(static_cast<UChar>('e'));
        } else {
            out.append(c);
        }
    }
}

}  // namespace

std::string fold_word_list(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::Normalizer2* decompose = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) return {};
    const icu::UnicodeString decomposed = decompose->normalize(
        casefold->normalize(icu::UnicodeString::fromUTF8(
                                icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                            status),
        status);
    if (U_FAILURE(status)) return {};
    icu::UnicodeString folded;
    append_without_accents(decomposed, folded);
    std::string out;
    folded.toUTF8String(out);
    return out;
}

std::vector<std::filesystem::path> default_word_lists() {
    return {"/usr/share/dict/french", "/usr/share/dict/british-english",
            "/usr/share/dict/american-english"};
}

Lexicon::Lexicon(std::vector<std::filesystem::path> lists) : lists_(std::move(lists)) {}

void Lexicon::load() const {
    std::vector<std::string> words;
    for (const auto& list : lists_) {
        std::ifstream in(list, std::ios::binary);
        std::ostringstream text;
        if (!in || !(text << in.rdbuf())) {
            unreadable_.push_back(list);
            continue;
        }
        std::istringstream lines(fold_word_list(text.str()));
        for (std::string word; std::getline(lines, word);) {
            if (!word.empty()) words.push_back(std::move(word));
        }
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    starts_.reserve(words.size());
    for (const auto& word : words) {
        starts_.push_back(static_cast<std::uint32_t>(words_.size()));
        words_.append(word).push_back('\n');
    }
}

std::string_view Lexicon::word(std::size_t at) const {
    const std::size_t start = starts_[at];
    return std::string_view(words_).substr(start, words_.find('\n', start) - start);
}

bool Lexicon::contains(std::string_view folded_word) const {
    std::call_once(loaded_, [this] { load(); });
    std::size_t low = 0, high = starts_.size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        const std::string_view candidate = word(middle);
        if (candidate == folded_word) return true;
        if (candidate < folded_word) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return false;
}

std::size_t Lexicon::size() const {
    std::call_once(loaded_, [this] { load(); });
    return starts_.size();
}

std::vector<std::filesystem::path> Lexicon::unreadable() const {
    std::call_once(loaded_, [this] { load(); });
    return unreadable_;
}

}  // namespace cohesio
