// Reference data from corpus/reference/: countries, priority domains, Table 2 categories and
// the articles of the Revised European Social Charter, with French and English labels.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio {

struct Label {
    std::string fr;
    std::string en;
    // Source documents only: who published it, for citations (empty when unknown).
    std::string publisher_fr;
    std::string publisher_en;
};

struct Reference {
    std::map<std::string, Label> countries;  // by ISO code (and XI)
    std::map<std::string, Label> domains;    // by id
    std::map<int, Label> categories;         // 1..9
    std::map<std::string, Label> articles;   // "1".."31", "A".."J"
    std::map<std::string, Label> documents;  // source document ids

    static Result<Reference> load(const std::filesystem::path& reference_dir);
};

}  // namespace cohesio
