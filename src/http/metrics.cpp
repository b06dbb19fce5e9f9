#include "http/metrics.h"

#include <ctime>
#include <iomanip>
#include <sstream>

namespace cohesio {

namespace {

// Seconds since `iso` (YYYY-MM-DDTHH:MM:SSZ), or -1 when it cannot be read.
double age_seconds(const std::string& iso) {
    std::tm built{};
    std::istringstream in(iso);
    in >> std::get_time(&built, "%Y-%m-%dT%H:%M:%SZ");
    if (in.fail()) return -1;
    return std::difftime(std::time(nullptr), timegm(&built));
}

}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
    const std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    Latency& latency = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++latency.buckets[i];
    }
    ++latency.count;
    latency.sum += seconds;
}

std::string Metrics::render(std::size_t documents, const std::string& built_at,
                            unsigned in_flight) const {
    const std::lock_guard lock(mutex_);
    std::ostringstream out;
    out << "# HELP cohesio_requests_total HTTP requests by route and status.\n"
        << "# TYPE cohesio_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "cohesio_requests_total{route=\"" << key.first << "\",status=\"" << key.second
            << "\"} " << count << "\n";
    }
    out << "# HELP cohesio_request_duration_seconds Time to answer, by route.\n"
        << "# TYPE cohesio_request_duration_seconds histogram\n";
    for (const auto& [route, latency] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "cohesio_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
                << kBuckets[i] << "\"} " << latency.buckets[i] << "\n";
        }
        out << "cohesio_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
            << latency.count << "\n"
            << "cohesio_request_duration_seconds_sum{route=\"" << route << "\"} " << latency.sum
            << "\n"
            << "cohesio_request_duration_seconds_count{route=\"" << route << "\"} " << latency.count
            << "\n";
    }
    out << "# HELP cohesio_requests_in_flight Requests to the engine being answered now.\n"
        << "# TYPE cohesio_requests_in_flight gauge\n"
        << "cohesio_requests_in_flight " << in_flight << "\n"
        << "# HELP cohesio_index_documents Practices in the index answering.\n"
        << "# TYPE cohesio_index_documents gauge\n"
        << "cohesio_index_documents " << documents << "\n"
        << "# HELP cohesio_index_age_seconds Seconds since the index answering was built.\n"
        << "# TYPE cohesio_index_age_seconds gauge\n"
        << "cohesio_index_age_seconds " << age_seconds(built_at) << "\n";
    return out.str();
}

}  // namespace cohesio
