#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "common/result.h"

namespace cohesio {

// Reads a whole file; the error names the path.
Result<std::string> read_file(const std::filesystem::path& path);

// Reads and parses a JSON file; a syntax error names the file.
Result<nlohmann::json> read_json_file(const std::filesystem::path& path);

// True when `bytes` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
// Sets `bad_offset` to the first bad byte otherwise.
bool is_valid_utf8(const std::string& bytes, std::size_t& bad_offset);

}  // namespace cohesio
