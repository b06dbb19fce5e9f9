// Command-line arguments: positionals and --options, checked against what a command accepts.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio {

struct OptionSpec {
    std::set<std::string> flags;       // options without a value, e.g. --json
    std::set<std::string> single;      // options with one value, e.g. --limit 5
    std::set<std::string> repeatable;  // options that may repeat, e.g. --country AM --country BG
};

struct Args {
    std::vector<std::string> positional;
    std::set<std::string> flags;
    std::map<std::string, std::vector<std::string>> values;

    bool has(const std::string& flag) const { return flags.contains(flag); }
    std::string value_or(const std::string& option, const std::string& fallback) const;

    // Reads args (after the command name); errors name the offending option.
    static Result<Args> parse(const std::vector<std::string>& args, const OptionSpec& spec);
};

// Parses a whole number in [min, max]; the error names `option`.
Result<unsigned> parse_count(const std::string& option, const std::string& text, unsigned min,
                             unsigned max);

}  // namespace cohesio
