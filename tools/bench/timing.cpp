#include "timing.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <mutex>
#include <thread>

namespace cohesio::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Shared {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> errors{0};
    std::mutex mutex;
    std::vector<double> milliseconds;
    Clock::time_point deadline;
};

void run_thread(unsigned thread, const Budget& budget, const MakeOperation& make, Shared& shared,
                std::barrier<>& ready) {
    Operation operation = make();
    // Warm caches with queries from the far end of the set, so timed ones are not pre-run.
    for (std::size_t w = 0; w < budget.warmup; ++w)
        operation(1'000'000 + thread * budget.warmup + w);
    ready.arrive_and_wait();  // everyone warm
    ready.arrive_and_wait();  // the deadline is set
    std::vector<double> mine;
    for (;;) {
        const std::size_t i = shared.next.fetch_add(1);
        if (i >= budget.count || Clock::now() >= shared.deadline) break;
        const auto started = Clock::now();
        const bool ok = operation(i);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        if (!ok) ++shared.errors;
    }
    const std::lock_guard lock(shared.mutex);
    shared.milliseconds.insert(shared.milliseconds.end(), mine.begin(), mine.end());
}

}  // namespace

double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Latency measure(unsigned threads, const Budget& budget, const MakeOperation& make) {
    Shared shared;
    // The clock starts when every thread has opened its searcher and warmed up; the barrier's
    // second phase publishes the deadline to them.
    Clock::time_point started;
    std::barrier ready(static_cast<std::ptrdiff_t>(threads) + 1);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] { run_thread(t, budget, make, shared, ready); });
    }
    ready.arrive_and_wait();
    started = Clock::now();
    shared.deadline = started + std::chrono::duration_cast<Clock::duration>(budget.time);
    ready.arrive_and_wait();
    for (auto& worker : workers) worker.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

    Latency latency;
    auto& all = shared.milliseconds;
    std::sort(all.begin(), all.end());
    latency.count = all.size();
    latency.errors = shared.errors;
    latency.p50 = quantile(all, 0.50);
    latency.p95 = quantile(all, 0.95);
    latency.p99 = quantile(all, 0.99);
    latency.per_second = seconds > 0 ? static_cast<double>(all.size()) / seconds : 0;
    return latency;
}

}  // namespace cohesio::bench
