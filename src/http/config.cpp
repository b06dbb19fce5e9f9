#include "http/config.h"

#include "common/numbers.h"

namespace cohesio {

namespace {

struct Setting {
    const char* flag;
    const char* variable;
};

constexpr Setting kBind{"bind", "COHESIO_BIND"};
constexpr Setting kPort{"port", "COHESIO_PORT"};
constexpr Setting kIndex{"index", "COHESIO_INDEX"};
constexpr Setting kThreads{"threads", "COHESIO_THREADS"};
constexpr Setting kTimeout{"timeout", "COHESIO_TIMEOUT"};
constexpr Setting kMaxBody{"max-body", "COHESIO_MAX_BODY"};
constexpr Setting kCors{"cors-origin", "COHESIO_CORS_ORIGINS"};

}  // namespace

Result<ServeConfig> ServeConfig::load(
    const std::function<std::optional<std::string>(const char*)>& env,
    const std::map<std::string, std::vector<std::string>>& flags) {
    ServeConfig config;
    // The value of a setting and where it came from, flags winning over the environment.
    const auto setting =
        [&](const Setting& which) -> std::optional<std::pair<std::string, std::string>> {
        const auto flag = flags.find(which.flag);
        if (flag != flags.end() && !flag->second.empty()) {
            return std::pair{std::string("--") + which.flag, flag->second.back()};
        }
        if (auto value = env(which.variable)) return std::pair{std::string(which.variable), *value};
        return std::nullopt;
    };
    if (auto bind = setting(kBind)) {
        if (bind->second.empty())
            return Error{ErrorKind::invalid_input, bind->first, "must not be empty"};
        config.bind = bind->second;
    }
    if (auto port = setting(kPort)) {
        auto value = parse_whole_number(port->first, port->second, 0, 65535);
        if (!value) return value.error();
        config.port = static_cast<int>(*value);
    }
    if (auto index = setting(kIndex)) {
        if (index->second.empty())
            return Error{ErrorKind::invalid_input, index->first, "must not be empty"};
        config.index = index->second;
    }
    if (auto threads = setting(kThreads)) {
        auto value = parse_whole_number(threads->first, threads->second, 1, 256);
        if (!value) return value.error();
        config.threads = static_cast<unsigned>(*value);
    }
    if (auto timeout = setting(kTimeout)) {
        auto value = parse_whole_number(timeout->first, timeout->second, 1, 3600);
        if (!value) return value.error();
        config.timeout_seconds = static_cast<unsigned>(*value);
    }
    if (auto body = setting(kMaxBody)) {
        auto value = parse_whole_number(body->first, body->second, 1, 16 * 1024 * 1024);
        if (!value) return value.error();
        config.max_body_bytes = *value;
    }
    // Origins: repeat --cors-origin, or a comma-separated COHESIO_CORS_ORIGINS.
    const auto flag_origins = flags.find(kCors.flag);
    std::vector<std::string> origins;
    if (flag_origins != flags.end()) {
        origins = flag_origins->second;
    } else if (auto listed = env(kCors.variable)) {
        std::size_t start = 0;
        while (start <= listed->size()) {
            const std::size_t end = std::min(listed->find(',', start), listed->size());
            if (end > start) origins.push_back(listed->substr(start, end - start));
            start = end + 1;
        }
    }
    for (const auto& origin : origins) {
        const bool scheme = origin.starts_with("http://") || origin.starts_with("https://");
        if (!scheme || origin.ends_with("/") || origin.find(' ') != std::string::npos) {
            return Error{
                ErrorKind::invalid_input, "--cors-origin",
                "'" + origin +
                    "' is not an origin like https://example.org (scheme and host, no path)"};
        }
    }
    config.cors_origins = std::move(origins);
    return config;
}

}  // namespace cohesio
