#include "report.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace cohesio::bench {

namespace {

std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

std::string cell(const std::optional<double>& value) {
    if (!value) return "";
    return *value >= 100  ? format("%.0f", *value)
           : *value >= 10 ? format("%.1f", *value)
                          : format("%.2f", *value);
}

std::string ratio(const std::optional<double>& ours, const std::optional<double>& peer) {
    if (!ours || !peer || *peer <= 0) return "";
    return format(*ours / *peer >= 10 ? "%.0f×" : "%.1f×", *ours / *peer);
}

// The value of a /proc file's "key : value" line.
std::string proc_value(const char* file, const std::string& key) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(key, 0) != 0) continue;
        const auto colon = line.find(':');
        const auto start = line.find_first_not_of(" \t", colon + 1);
        return start == std::string::npos ? "" : line.substr(start);
    }
    return "unknown";
}

// Chart geometry.
constexpr double kWidth = 640, kHeight = 400, kLeft = 60, kRight = 150, kTop = 30, kBottom = 50;

struct Scale {
    double low, high;  // log10 of the range
    double at(double value, double from, double to) const {
        const double t = (std::log10(value) - low) / std::max(1e-9, high - low);
        return from + t * (to - from);
    }
};

}  // namespace

Row make_row(std::size_t size, std::string operation, std::string mode, std::string notes) {
    Row row;
    row.size = size;
    row.operation = std::move(operation);
    row.mode = std::move(mode);
    row.notes = std::move(notes);
    return row;
}

std::string load_average() {
    double loads[3] = {0, 0, 0};
    if (getloadavg(loads, 3) != 3) return "unknown";
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f", loads[0], loads[1], loads[2]);
    return text;
}

Machine describe_machine() {
    Machine machine;
    const std::time_t now = std::time(nullptr);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    machine.date = date;
    machine.cpu = proc_value("/proc/cpuinfo", "model name");
    machine.cores = std::thread::hardware_concurrency();
    const std::string kib = proc_value("/proc/meminfo", "MemTotal");
    machine.memory = format("%.1f GiB", std::atof(kib.c_str()) / (1024.0 * 1024.0));
    machine.load_start = load_average();
    return machine;
}

std::string human_bytes(std::uintmax_t bytes) {
    const double b = static_cast<double>(bytes);
    if (b >= 1024.0 * 1024 * 1024) return format("%.2f GiB", b / (1024.0 * 1024 * 1024));
    if (b >= 1024.0 * 1024) return format("%.1f MiB", b / (1024.0 * 1024));
    return format("%.0f KiB", b / 1024.0);
}

std::string markdown(const Machine& machine, const std::vector<Row>& rows,
                     const std::vector<std::string>& notes) {
    std::ostringstream out;
    out << "# Cohesio benchmark, " << machine.date << "\n\n"
        << "- machine: " << machine.cpu << ", " << machine.cores << " cores, " << machine.memory
        << "\n"
        << "- load average (1/5/15 min): " << machine.load_start << " at start, "
        << machine.load_end << " at end\n"
        << "- versions: " << machine.versions << "\n";
    for (const auto& note : notes) out << "- " << note << "\n";
    out << "\n| size | operation | mode | p50 ms | p95 ms | p99 ms | per s | p50 ×floor | p99 "
           "×floor "
           "| p50 ×FTS5 | p99 ×FTS5 | notes |\n"
        << "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
    for (const auto& row : rows) {
        out << "| " << row.size << " | " << row.operation << " | " << row.mode << " | "
            << cell(row.p50) << " | " << cell(row.p95) << " | " << cell(row.p99) << " | "
            << cell(row.per_second) << " | " << ratio(row.p50, row.floor_p50) << " | "
            << ratio(row.p99, row.floor_p99) << " | " << ratio(row.p50, row.fts5_p50) << " | "
            << ratio(row.p99, row.fts5_p99) << " | " << row.notes << " |\n";
    }
    return out.str();
}

std::string latency_svg(const std::vector<Row>& rows) {
    // series name -> size -> ms
    std::map<std::string, std::map<std::size_t, double>> series;
    for (const auto& row : rows) {
        if (row.mode != "1 thread" || !row.p50 || !row.p99) continue;
        if (row.operation != "search" && row.operation != "floor" && row.operation != "FTS5")
            continue;
        series[row.operation + " p50"][row.size] = std::max(*row.p50, 1e-3);
        series[row.operation + " p99"][row.size] = std::max(*row.p99, 1e-3);
    }
    double min_size = 1e18, max_size = 1, min_ms = 1e18, max_ms = 1e-3;
    for (const auto& [name, points] : series) {
        for (const auto& [size, ms] : points) {
            min_size = std::min(min_size, static_cast<double>(size)),
            max_size = std::max(max_size, static_cast<double>(size));
            min_ms = std::min(min_ms, ms), max_ms = std::max(max_ms, ms);
        }
    }
    const Scale x{std::log10(min_size) - 0.1, std::log10(max_size) + 0.1};
    const Scale y{std::floor(std::log10(min_ms)), std::ceil(std::log10(max_ms))};
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\""
        << kHeight << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"" << kLeft
        << "\" y=\"18\">Search latency, 1 thread (ms, log) against corpus size (practices, "
           "log)</text>\n";
    for (double decade = y.low; decade <= y.high; decade += 1) {
        const double py = y.at(std::pow(10, decade), kHeight - kBottom, kTop);
        svg << "<line x1=\"" << kLeft << "\" x2=\"" << kWidth - kRight << "\" y1=\"" << py
            << "\" y2=\"" << py << "\" stroke=\"#ddd\"/><text x=\"" << kLeft - 6 << "\" y=\""
            << py + 4 << "\" text-anchor=\"end\">" << format("%g", std::pow(10, decade))
            << "</text>\n";
    }
    for (const auto& [size, ms] : series.begin() == series.end() ? std::map<std::size_t, double>{}
                                                                 : series.begin()->second) {
        const double px = x.at(static_cast<double>(size), kLeft, kWidth - kRight);
        svg << "<text x=\"" << px << "\" y=\"" << kHeight - kBottom + 18
            << "\" text-anchor=\"middle\">" << size << "</text>\n";
    }
    const std::map<std::string, std::string> colours = {
        {"search", "#c0392b"}, {"floor", "#2c3e50"}, {"FTS5", "#27ae60"}};
    double legend_y = kTop + 10;
    for (const auto& [name, points] : series) {
        const std::string engine = name.substr(0, name.find(' '));
        const bool tail = name.ends_with("p99");
        svg << "<polyline fill=\"none\" stroke=\"" << colours.at(engine) << "\" stroke-width=\"2\""
            << (tail ? " stroke-dasharray=\"6 4\"" : "") << " points=\"";
        for (const auto& [size, ms] : points)
            svg << x.at(static_cast<double>(size), kLeft, kWidth - kRight) << ","
                << y.at(ms, kHeight - kBottom, kTop) << " ";
        svg << "\"/>\n<line x1=\"" << kWidth - kRight + 10 << "\" x2=\"" << kWidth - kRight + 40
            << "\" y1=\"" << legend_y << "\" y2=\"" << legend_y << "\" stroke=\""
            << colours.at(engine) << "\" stroke-width=\"2\""
            << (tail ? " stroke-dasharray=\"6 4\"" : "") << "/><text x=\"" << kWidth - kRight + 46
            << "\" y=\"" << legend_y + 4 << "\">" << (engine == "search" ? "Cohesio" : engine)
            << name.substr(name.find(' ')) << "</text>\n";
        legend_y += 18;
    }
    svg << "</svg>\n";
    return svg.str();
}

}  // namespace cohesio::bench
