// In-process latency: each thread runs operations with its own engine objects (Xapian and ICU
// objects are per thread), taking the next query from a shared counter, until a count or a
// time budget is spent, whichever comes first.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace cohesio::bench {

struct Budget {
    std::size_t count = 200;                 // operations per measurement, at most
    std::chrono::duration<double> time{20};  // and at most this long
    std::size_t warmup = 5;                  // untimed operations per thread first
};

struct Latency {
    std::size_t count = 0;
    std::size_t errors = 0;
    double p50 = 0, p95 = 0, p99 = 0;  // milliseconds
    double per_second = 0;             // completed operations per wall-clock second
    bool measured() const { return count > 0; }
};

// Runs operation i (i = 0, 1, 2, ... cycling through the query set); false means it failed.
using Operation = std::function<bool(std::size_t i)>;
// Builds one thread's operation (opening its own searcher); called on that thread, untimed.
using MakeOperation = std::function<Operation()>;

Latency measure(unsigned threads, const Budget& budget, const MakeOperation& make);

// The q-quantile (0..1) of sorted values, nearest rank.
double quantile(const std::vector<double>& sorted, double q);

}  // namespace cohesio::bench
