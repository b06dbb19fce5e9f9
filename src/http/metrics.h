// Prometheus metrics: requests and latency per route and status, the requests in flight, plus
// the index's size and age, rendered in the text exposition format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace cohesio {

class Metrics {
public:
    void record(const std::string& route, int status, double seconds);

    // `documents` and `built_at` (ISO 8601) describe the index answering now; `in_flight` is
    // the number of engine requests being answered (the in-flight limit's count).
    std::string render(std::size_t documents, const std::string& built_at,
                       unsigned in_flight) const;

private:
    static constexpr std::array<double, 8> kBuckets = {0.001, 0.005, 0.01, 0.025,
                                                       0.05,  0.1,   0.5,  2.0};
    struct Latency {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Latency> latency_;
};

}  // namespace cohesio
