#include "http/config.h"

#include <algorithm>
#include <thread>
#include <type_traits>

#include "common/files.h"
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
constexpr Setting kSearchers{"searchers", "COHESIO_SEARCHERS"};
constexpr Setting kSearcherWait{"searcher-wait", "COHESIO_SEARCHER_WAIT"};
constexpr Setting kShardTimeout{"shard-timeout", "COHESIO_SHARD_TIMEOUT"};
constexpr Setting kMissingShards{"missing-shards", "COHESIO_MISSING_SHARDS"};
constexpr Setting kKeepAlive{"keep-alive", "COHESIO_KEEP_ALIVE"};
constexpr Setting kTimeout{"timeout", "COHESIO_TIMEOUT"};
constexpr Setting kMaxBody{"max-body", "COHESIO_MAX_BODY"};
constexpr Setting kCors{"cors-origin", "COHESIO_CORS_ORIGINS"};
constexpr Setting kAdminTokenFile{"admin-token-file", "COHESIO_ADMIN_TOKEN_FILE"};
constexpr Setting kCorpus{"corpus", "COHESIO_CORPUS"};
constexpr const char* kAdminTokenVariable = "COHESIO_ADMIN_TOKEN";
// Shorter tokens can be guessed; a random one of 32 hex digits is 128 bits.
constexpr std::size_t kMinTokenLength = 16;
constexpr Setting kMaxInFlight{"max-in-flight", "COHESIO_MAX_IN_FLIGHT"};
constexpr Setting kRateLimit{"rate-limit", "COHESIO_RATE_LIMIT"};
constexpr Setting kRateBurst{"rate-burst", "COHESIO_RATE_BURST"};
constexpr Setting kTrustedProxy{"trusted-proxy", "COHESIO_TRUSTED_PROXIES"};

// A repeatable setting: every --flag given, else the comma-separated variable's items.
std::vector<std::string> listed(const Setting& which,
                                const std::function<std::optional<std::string>(const char*)>& env,
                                const std::map<std::string, std::vector<std::string>>& flags) {
    const auto given = flags.find(which.flag);
    if (given != flags.end()) return given->second;
    std::vector<std::string> items;
    if (auto text = env(which.variable)) {
        std::size_t start = 0;
        while (start <= text->size()) {
            const std::size_t end = std::min(text->find(',', start), text->size());
            if (end > start) items.push_back(text->substr(start, end - start));
            start = end + 1;
        }
    }
    return items;
}

// The admin token, from its file or its variable; empty when none is configured. Errors never
// show the token.
Result<std::string> read_admin_token(
    const std::function<std::optional<std::string>(const char*)>& env,
    const std::map<std::string, std::vector<std::string>>& flags) {
    std::string token;
    std::string source = kAdminTokenVariable;
    const auto flag = flags.find(kAdminTokenFile.flag);
    std::optional<std::string> file;
    if (flag != flags.end() && !flag->second.empty()) {
        file = flag->second.back();
    } else {
        file = env(kAdminTokenFile.variable);
    }
    if (file) {
        auto read = read_file(*file);
        if (!read)
            return Error{ErrorKind::invalid_input, "--admin-token-file", "cannot read " + *file};
        token = std::move(read).value();
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
        source = "--admin-token-file";
    } else if (auto variable = env(kAdminTokenVariable)) {
        token = *variable;
    } else {
        return std::string();
    }
    if (token.size() < kMinTokenLength || token.find_first_of(" \t\r\n") != std::string::npos) {
        return Error{ErrorKind::invalid_input, source,
                     "the admin token must be at least 16 characters, without spaces"};
    }
    return token;
}

// The CORS origins and the trusted proxies, each checked for its form.
Status read_address_lists(ServeConfig& config,
                          const std::function<std::optional<std::string>(const char*)>& env,
                          const std::map<std::string, std::vector<std::string>>& flags) {
    std::vector<std::string> origins = listed(kCors, env, flags);
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
    config.trusted_proxies = listed(kTrustedProxy, env, flags);
    for (const auto& proxy : config.trusted_proxies) {
        if (proxy.empty() ||
            proxy.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos) {
            return Error{ErrorKind::invalid_input, "--trusted-proxy",
                         "'" + proxy + "' is not an IP address like 127.0.0.1"};
        }
    }
    return ok_status();
}

}  // namespace

RemoteOptions remote_options(const ServeConfig& config) {
    const std::chrono::milliseconds timeout(config.shard_timeout_ms);
    return RemoteOptions{timeout, timeout, config.answer_without_missing_shards};
}

unsigned ServeConfig::default_searchers() {
    // hardware_concurrency() may be 0 when unknown.
    return std::max(1u, std::thread::hardware_concurrency());
}

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
    // A whole-number setting read into `target` when given; the error names the option.
    const auto read_number = [&](const Setting& which, unsigned long min, unsigned long max,
                                 auto& target) -> Status {
        const auto given = setting(which);
        if (!given) return ok_status();
        auto value = parse_whole_number(given->first, given->second, min, max);
        if (!value) return value.error();
        target = static_cast<std::remove_reference_t<decltype(target)>>(*value);
        return ok_status();
    };
    constexpr unsigned long kMaxThreads = 1024;  // each holds a stack; beyond, use a proxy
    const Status numbers[] = {
        read_number(kPort, 0, 65535, config.port),
        read_number(kThreads, 1, kMaxThreads, config.threads),
        read_number(kSearchers, 1, 256, config.searchers),
        read_number(kSearcherWait, 0, 60 * 1000, config.searcher_wait_ms),
        read_number(kShardTimeout, 1, 60 * 1000, config.shard_timeout_ms),
        read_number(kKeepAlive, 1, 3600, config.keep_alive_seconds),
        read_number(kTimeout, 1, 3600, config.timeout_seconds),
        read_number(kMaxBody, 1, 16 * 1024 * 1024, config.max_body_bytes),
        read_number(kMaxInFlight, 1, kMaxThreads, config.max_in_flight),
        read_number(kRateLimit, 0, 1000000, config.rate_limit),
        read_number(kRateBurst, 1, 1000000, config.rate_burst),
    };
    for (const Status& number : numbers) {
        if (!number) return number.error();
    }
    if (auto index = setting(kIndex)) {
        if (index->second.empty())
            return Error{ErrorKind::invalid_input, index->first, "must not be empty"};
        config.index = index->second;
    }
    if (auto token = read_admin_token(env, flags); token) {
        config.admin_token = std::move(token).value();
    } else {
        return token.error();
    }
    if (auto corpus = setting(kCorpus)) config.corpus = corpus->second;
    if (auto missing = setting(kMissingShards)) {
        if (missing->second != "fail" && missing->second != "answer") {
            return Error{ErrorKind::invalid_input, missing->first,
                         "'" + missing->second + "' is not fail or answer"};
        }
        config.answer_without_missing_shards = missing->second == "answer";
    }
    if (auto lists = read_address_lists(config, env, flags); !lists) return lists.error();
    return config;
}

}  // namespace cohesio
