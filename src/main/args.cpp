#include "main/args.h"

#include "common/numbers.h"

namespace cohesio {

std::string Args::value_or(const std::string& option, const std::string& fallback) const {
    const auto it = values.find(option);
    return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

Result<Args> Args::parse(const std::vector<std::string>& args, const OptionSpec& spec) {
    Args parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") {  // everything after is positional, e.g. a query starting with "-"
            parsed.positional.insert(parsed.positional.end(),
                                     args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (!arg.starts_with("--")) {
            parsed.positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::string value;
        bool has_inline_value = false;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name = name.substr(0, equals);
            has_inline_value = true;
        }
        if (spec.flags.contains(name)) {
            if (has_inline_value)
                return Error{ErrorKind::invalid_input, "--" + name, "takes no value"};
            parsed.flags.insert(name);
            continue;
        }
        const bool single = spec.single.contains(name);
        if (!single && !spec.repeatable.contains(name)) {
            return Error{ErrorKind::invalid_input, "--" + name, "unknown option"};
        }
        if (!has_inline_value) {
            if (i + 1 >= args.size())
                return Error{ErrorKind::invalid_input, "--" + name, "needs a value"};
            value = args[++i];
        }
        auto& slot = parsed.values[name];
        if (single && !slot.empty()) {
            return Error{ErrorKind::invalid_input, "--" + name, "given more than once"};
        }
        slot.push_back(value);
    }
    return parsed;
}

Result<unsigned> parse_count(const std::string& option, const std::string& text, unsigned min,
                             unsigned max) {
    auto value = parse_whole_number(option, text, min, max);
    if (!value) return value.error();
    return static_cast<unsigned>(*value);
}

}  // namespace cohesio
