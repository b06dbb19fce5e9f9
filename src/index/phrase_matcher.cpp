#include "index/phrase_matcher.h"

#include <algorithm>

namespace cohesio {

void PhraseMatcher::add(const std::vector<std::string>& words, std::string key) {
    if (words.empty()) return;
    auto& entries = by_first_word_[words.front()];
    entries.push_back({words, std::move(key)});
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.words.size() > b.words.size();
    });
}

std::vector<PhraseMatcher::Match> PhraseMatcher::find(const std::vector<std::string>& words) const {
    std::vector<Match> matches;
    std::size_t at = 0;
    while (at < words.size()) {
        std::size_t advance = 1;
        const auto candidates = by_first_word_.find(words[at]);
        if (candidates != by_first_word_.end()) {
            std::size_t matched_length = 0;
            for (const auto& entry : candidates->second) {
                // Entries are longest first: once one matched, only equally long ones (the
                // same phrase under another key) may follow.
                if (matched_length && entry.words.size() < matched_length) break;
                if (at + entry.words.size() > words.size()) continue;
                if (std::equal(entry.words.begin(), entry.words.end(),
                               words.begin() + static_cast<long>(at))) {
                    matches.push_back({&entry.key, &entry.words, at});
                    matched_length = entry.words.size();
                }
            }
            if (matched_length) advance = matched_length;
        }
        at += advance;
    }
    return matches;
}

}  // namespace cohesio
