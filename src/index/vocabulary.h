// What indexing adds to the records from reference data of ours: thesaurus concepts and
// inferred Charter articles. Loaded once per build from corpus/reference/.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/result.h"
#include "index/article_rules.h"
#include "index/thesaurus.h"
#include "normalise/normaliser.h"

namespace cohesio {

struct Vocabulary {
    Thesaurus thesaurus;
    ArticleRules article_rules;
    // French and English labels of every facet value, by facet name ("country" -> "AM" ->
    // {"fr": "Arménie", "en": "Armenia"}), stored in the index for the API.
    nlohmann::json labels;

    // Reads thesaurus.json and charter_article_rules.json from `reference_dir`.
    static Result<Vocabulary> load(const std::filesystem::path& reference_dir,
                                   Normaliser& normaliser);
};

}  // namespace cohesio
