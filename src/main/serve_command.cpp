#include <malloc.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
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

}  // namespace

int run_serve(const std::vector<std::string>& raw) {
    auto args = Args::parse(raw, {{},
                                  {"bind", "port", "index", "threads", "searchers", "searcher-wait",
                                   "keep-alive", "timeout", "max-body"},
                                  {"cors-origin"}});
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
    if (auto index = open_index(config->index); !index) return report_error(index.error());

    // SIGINT/SIGTERM are taken by a thread that waits for them (no work in a signal handler);
    // blocked before the server starts its threads, so they all inherit the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    mallopt(M_TRIM_THRESHOLD, kMallocTrimThreshold);
    Service service(*config, std::cerr);
    if (auto bound = service.bind(); !bound) return report_error(bound.error());
    std::thread stopper([&service, stop_signals] {
        int received = 0;
        sigwait(&stop_signals, &received);
        std::cerr << "cohesio: stopping (signal " << received << ")\n";
        service.stop();
    });
    std::cout << "cohesio: serving http://" << config->bind << ":" << service.port() << "/ (index "
              << config->index << ", " << config->threads << " connection threads, "
              << config->searchers << " searchers)" << std::endl;
    const Status served = service.run();
    // If run() ended without a signal, wake the waiting thread so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    if (!served) return report_error(served.error());
    return 0;
}

}  // namespace cohesio
