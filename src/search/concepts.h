// The thesaurus's concepts as the index holds them: how they are linked (broader, narrower) and
// which are too common to tell practices apart.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace cohesio {

// A concept of more than a tenth of the practices ("family", "children", "refugees") is the
// setting of a text rather than its subject: the judged neighbours of suggestions and the
// judged answers to situations are found better without it, and its posting list is among the
// longest to read. In a collection of a few dozen practices a share says nothing: a concept of
// up to ten practices always counts.
bool too_common_to_tell(Xapian::doccount frequency, Xapian::doccount practices);

// The thesaurus's `broader` links between concept terms (XK…), read both ways from the index's
// synonym table, where each concept term lists its narrower ones (schema.h).
class ConceptLinks {
public:
    explicit ConceptLinks(const Xapian::Database& db);

    const std::vector<std::string>& broader(const std::string& concept_term) const;
    const std::vector<std::string>& narrower(const std::string& concept_term) const;

private:
    std::map<std::string, std::vector<std::string>> broader_;
    std::map<std::string, std::vector<std::string>> narrower_;
};

}  // namespace cohesio
