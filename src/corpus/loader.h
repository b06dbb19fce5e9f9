// Reads and validates practice records. A bad record is reported (file, field, message) and
// skipped; the rest of the corpus still loads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
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

// Size limits, checked before anything is indexed (the shipped corpus: records of 11 KB and
// fields of 1.8 KB at most). A runaway field is refused rather than indexed: one 50 MB
// description made every search that touched it take 15-24 s and its practice page 52 MB.
inline constexpr std::size_t kMaxRecordBytes = 256 * 1024;  // a record file
inline constexpr std::size_t kMaxFieldBytes = 32 * 1024;    // any one text or string field

// Parses one record; `file` names it in errors and must match the record's id.
Result<Practice> parse_practice(const std::string& bytes, const std::filesystem::path& file,
                                const Reference& reference);

// Reads the *.json records of `practices_dir` one at a time in file-name order, rejecting
// invalid and duplicate records, so a large corpus need not be held in memory.
class CorpusReader {
public:
    CorpusReader(const std::filesystem::path& practices_dir, const Reference& reference);
    // The records of `paths`, each a record file or a directory of them (an update's input).
    CorpusReader(const std::vector<std::filesystem::path>& paths, const Reference& reference);

    // The next valid practice, or std::nullopt after the last file. Records rejected on the
    // way are appended to errors().
    std::optional<Practice> next();

    const std::vector<Error>& errors() const { return errors_; }
    std::size_t files_seen() const { return next_file_; }
    std::size_t file_count() const { return files_.size(); }

private:
    const Reference& reference_;
    std::vector<std::filesystem::path> files_;  // sorted
    std::size_t next_file_ = 0;
    std::map<std::string, std::string> file_of_id_;
    std::vector<Error> errors_;
};

// Loads every *.json in `practices_dir`, rejecting invalid and duplicate records.
CorpusLoad load_corpus(const std::filesystem::path& practices_dir, const Reference& reference);

}  // namespace cohesio
