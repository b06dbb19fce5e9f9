// Infers the European Social Charter articles a practice concerns from evidence terms
// (corpus/reference/charter_article_rules.json): an article applies when the practice's text
// holds at least `min_evidence` distinct evidence terms of its rule. The terms found are kept
// as the link's evidence, so every inferred article can say why it is there: matched on folded
// words, but each written as the text first writes it ("réfugiés, demandeurs d’asile", not
// "refugies, demandeurs asile"), in the order the text has them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "corpus/practice.h"
#include "index/phrase_matcher.h"
#include "normalise/normaliser.h"

namespace cohesio {

class ArticleRules {
public:
    static Result<ArticleRules> load(const std::filesystem::path& file, Normaliser& normaliser);

    // Articles inferred for `practice`, leaving out those it already names explicitly.
    std::vector<ArticleLink> infer(const Practice& practice, Normaliser& normaliser) const;

private:
    PhraseMatcher evidence_;                      // key: article id
    std::map<std::string, std::size_t> minimum_;  // article -> min distinct evidence terms
};

// The text the rules read: the source-text fields and our English title and summary.
std::string inference_text(const Practice& practice);

}  // namespace cohesio
