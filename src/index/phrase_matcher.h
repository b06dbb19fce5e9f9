// Finds known phrases (sequences of folded words) in a text's words. Used for the bilingual
// thesaurus (surface form -> concept) and the Charter article rules (evidence term -> article).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace cohesio {

class PhraseMatcher {
public:
    // Registers `words` (already folded) as a phrase standing for `key`.
    void add(const std::vector<std::string>& words, std::string key);

    struct Match {
        const std::string* key;
        const std::vector<std::string>* phrase;
        std::size_t first;  // index in `words` of the phrase's first word
    };

    // Every occurrence of a registered phrase in `words`: at each position the longest phrase
    // that matches (under every key it was registered with); the words it covers start no
    // other match.
    std::vector<Match> find(const std::vector<std::string>& words) const;

    bool empty() const { return by_first_word_.empty(); }

private:
    struct Entry {
        std::vector<std::string> words;
        std::string key;
    };
    std::map<std::string, std::vector<Entry>> by_first_word_;  // each list longest first
};

}  // namespace cohesio
