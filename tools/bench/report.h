// The one table the benchmark prints (markdown), the machine it ran on, and the latency chart.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cohesio::bench {

struct Machine {
    std::string date, cpu, memory, versions;
    unsigned cores = 0;
    std::string load_start, load_end;
};

// Date, CPU model (/proc/cpuinfo), cores, memory (/proc/meminfo), load average now.
Machine describe_machine();
std::string load_average();

struct Row {
    std::size_t size = 0;
    std::string operation;                // "search", "floor", "FTS5", "similar", ...
    std::string mode;                     // "1 thread", "HTTP c=16", ...
    std::optional<double> p50, p95, p99;  // ms
    std::optional<double> per_second;
    // The peers' figures in the same mode, for the ratio columns (Cohesio / peer).
    std::optional<double> floor_p50, floor_p99, fts5_p50, fts5_p99;
    std::string notes;
};

Row make_row(std::size_t size, std::string operation, std::string mode, std::string notes = "");

std::string markdown(const Machine& machine, const std::vector<Row>& rows,
                     const std::vector<std::string>& notes);

// Search p50/p99 of Cohesio, the floor and FTS5 (1 thread) against corpus size, log x and y.
std::string latency_svg(const std::vector<Row>& rows);

std::string human_bytes(std::uintmax_t bytes);

}  // namespace cohesio::bench
