// Reads and validates practice records. A bad record is reported (file, field, message) and
// skipped; the rest of the corpus still loads.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/result.h"
#include "corpus/practice.h"
#include "corpus/reference.h"

namespace cohesio {

struct CorpusLoad {
    std::vector<Practice> practices;  // valid records, sorted by id
    std::vector<Error> errors;        // one per rejected record or problem
    std::size_t files_seen = 0;
};

// Parses one record; `file` names it in errors and must match the record's id.
Result<Practice> parse_practice(const std::string& bytes, const std::filesystem::path& file,
                                const Reference& reference);

// Loads every *.json in `practices_dir`, rejecting invalid and duplicate records.
CorpusLoad load_corpus(const std::filesystem::path& practices_dir, const Reference& reference);

}  // namespace cohesio
