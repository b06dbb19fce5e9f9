#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

#include "http/server.h"
#include "index/store.h"
#include "main/args.h"
#include "main/commands.h"

namespace cohesio {

namespace {

// glibc hands a thread arena's free top back to the kernel (madvise) once it passes 128 KiB,
// which a search's temporaries do on nearly every request; each time costs a system call, TLB
// shootdowns and page faults to take the memory again (~5% of the server's CPU under wrk at
// c=16). Arenas keep up to this much free memory instead.
constexpr int kMallocTrimThreshold = 16 << 20;

// Every connection thread holds a socket, a connection waiting for a thread holds one too,
// and each Searcher keeps its database's tables open. The usual soft limit (1024) is below
// what a few hundred clients need, so it is raised to the hard limit (which an operator sets:
// LimitNOFILE in the systemd unit); too low a hard limit is an error naming --threads.
Result<rlim_t> raise_open_file_limit(const ServeConfig& config) {
    constexpr rlim_t kPerSearcher = 16;  // glass tables, a lock, the generation's files
    constexpr rlim_t kSpare = 64;        // logs, the listening socket, a queue of connections
    const rlim_t needed =
        rlim_t{config.threads} * 2 + rlim_t{config.searchers} * kPerSearcher + kSpare;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return needed;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
        return Error{ErrorKind::invalid_input, "--threads",
                     std::to_string(config.threads) + " connection threads need " +
                         std::to_string(needed) + " open files, and this process may open " +
                         std::to_string(limit.rlim_max) + " (ulimit -Hn, LimitNOFILE)"};
    }
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return needed;
    }
    return limit.rlim_cur;
}

// Serves until SIGINT or SIGTERM, then drains within a bound (see `drain`).
int serve_until_stopped(const ServeConfig& config, rlim_t open_files) {
    // SIGINT/SIGTERM are taken by a thread that waits for them (no work in a signal handler);
    // blocked before the server starts its threads, so they all inherit the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    mallopt(M_TRIM_THRESHOLD, kMallocTrimThreshold);
    Service service(config, std::cerr);
    if (auto bound = service.bind(); !bound) return report_error(bound.error());
    for (const auto& list : service.warm_up()) {
        std::cerr << "cohesio: cannot read the word list " << list
                  << ": spelling correction may rewrite real words no practice has\n";
    }
    // On a signal, requests being answered finish and idle connections close; a client that
    // is still sending its request after this long (one read timeout, one keep-alive) is not
    // waited for: the process exits anyway, so a stop never hangs.
    const std::chrono::seconds drain(config.timeout_seconds + config.keep_alive_seconds);
    std::mutex ended_mutex;
    std::condition_variable ended_changed;
    bool ended = false;
    std::thread stopper([&] {
        int received = 0;
        sigwait(&stop_signals, &received);
        std::unique_lock lock(ended_mutex);
        if (ended) return;
        std::cerr << "cohesio: stopping (signal " << received << "), waiting up to "
                  << drain.count() << " s for open requests\n";
        service.stop();
        if (!ended_changed.wait_for(lock, drain, [&] { return ended; })) {
            std::cerr << "cohesio: connections still open after " << drain.count()
                      << " s; exiting without them\n"
                      << std::flush;
            std::_Exit(0);
        }
    });
    std::cout << "cohesio: serving http://" << config.bind << ":" << service.port() << "/ (index "
              << config.index << ", " << config.threads << " connection threads, "
              << config.searchers << " searchers, " << open_files << " open files)" << std::endl;
    const Status served = service.run();
    {
        const std::lock_guard lock(ended_mutex);
        ended = true;
    }
    ended_changed.notify_all();
    // If run() ended without a signal, wake the waiting thread so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    if (!served) return report_error(served.error());
    return 0;
}

}  // namespace

int run_serve(const std::vector<std::string>& raw) {
    auto args =
        Args::parse(raw, {{},
                          {"bind", "port", "index", "threads", "searchers", "searcher-wait",
                           "shard-timeout", "missing-shards", "keep-alive", "timeout", "max-body", "max-in-flight",
                           "rate-limit", "rate-burst", "admin-token-file", "corpus"},
                          {"cors-origin", "trusted-proxy"}});
    if (!args) return report_error(args.error());
    if (!args->positional.empty()) {
        return report_error({ErrorKind::invalid_input, args->positional[0], "unexpected argument"});
    }
    const auto env = [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
    auto config = ServeConfig::load(env, args->values);
    if (!config) return report_error(config.error());
    // Refuse to start on a missing or outdated index rather than answer 503s.
    auto index = open_index_parts(config->index, remote_options(*config));
    if (!index) return report_error(index.error());
    for (const auto& shard : index->missing_shards)
        std::cerr << "cohesio: " << shard << " is unavailable: answers are partial until it is back\n";
    auto open_files = raise_open_file_limit(*config);
    if (!open_files) return report_error(open_files.error());
    return serve_until_stopped(*config, *open_files);
}

}  // namespace cohesio
