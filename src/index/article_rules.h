// Infers the European Social Charter articles a practice concerns from evidence terms
// (corpus/reference/charter_article_rules.json): an article applies when the practice's subject
// (its titles, goal, description and our English summary: the fields the index weighs as title
// or goal) holds at least `min_evidence` distinct evidence terms of its rule, or its whole text
// holds at least min_evidence + 1; the link is of high confidence when both hold, low when only
// one does. A passing mention in the partners, results or conditions is not enough on its own,
// and neither are terms a rule lists as `not_if_only`. The terms found are kept
// as the link's evidence, so every inferred article can say why it is there: matched on folded
// words, but each written as the text first writes it ("réfugiés, demandeurs d’asile", not
// "refugies, demandeurs asile"), in the order the text has them.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "corpus/practice.h"
#include "index/phrase_matcher.h"
#include "normalise/normaliser.h"

namespace cohesio {

// How surely a practice concerns an article, from the number of distinct evidence terms of its
// rule in the practice's subject and in its whole text (which includes the subject).
enum class ArticleConfidence { none, low, high };
ArticleConfidence article_confidence(std::size_t subject_terms, std::size_t text_terms,
                                     std::size_t min_evidence);
std::string_view confidence_name(ArticleConfidence confidence);  // "high", "low", ""

class ArticleRules {
public:
    static Result<ArticleRules> load(const std::filesystem::path& file, Normaliser& normaliser);

    // Articles inferred for `practice`, leaving out those it already names explicitly.
    std::vector<ArticleLink> infer(const Practice& practice, Normaliser& normaliser) const;

private:
    struct Rule {
        std::size_t minimum = 1;          // min_evidence: distinct terms the subject must hold
        std::set<std::string> not_alone;  // not_if_only, folded: never evidence enough alone
    };
    PhraseMatcher evidence_;             // key: article id
    std::map<std::string, Rule> rules_;  // by article
};

// The text the rules read: the titles, our English summary and the source-text fields.
std::string inference_text(const Practice& practice);

}  // namespace cohesio
