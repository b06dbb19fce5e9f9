// Deterministic randomness for the benchmark: the same seed gives the same corpus and queries
// on every machine and library version, which std::*_distribution does not promise.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

namespace cohesio::bench {

// SplitMix64: tiny, fast, and good enough to draw text; not for anything secret.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform in [0, n); n > 0.
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    std::size_t between(std::size_t low, std::size_t high) { return low + below(high - low + 1); }
    bool chance(double p) { return uniform() < p; }
    // Standard normal (Box-Muller).
    double normal() {
        const double u = 1.0 - uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * uniform());
    }

private:
    std::uint64_t state_;
};

// A seed for item `index` of stream `stream`: records can be drawn in any order, one at a time.
inline std::uint64_t seed_for(std::uint64_t stream, std::uint64_t index) {
    Rng mix(stream * 0x100000001b3ULL ^ index);
    return mix.next();
}

// Zipf-like ranks 0..n-1 with P(rank r) ~ 1/(r+1)^s, by inverting the continuous power law:
// exact enough for text statistics and O(1) per draw however large n is.
class Zipf {
public:
    Zipf(double exponent, std::size_t n) : s_(exponent), n_(static_cast<double>(n)) {}
    std::size_t draw(Rng& rng) const {
        const double u = rng.uniform();
        double x;
        if (std::abs(s_ - 1.0) < 1e-9) {
            x = std::pow(n_ + 1.0, u);
        } else {
            const double a = 1.0 - s_;
            x = std::pow(1.0 + u * (std::pow(n_ + 1.0, a) - 1.0), 1.0 / a);
        }
        const auto rank = static_cast<std::size_t>(x) - 1;
        return std::min(rank, static_cast<std::size_t>(n_) - 1);
    }

private:
    double s_;
    double n_;
};

// Values drawn with given weights.
class Weighted {
public:
    void add(std::string value, double weight) {
        total_ += weight;
        values_.push_back(std::move(value));
        cumulative_.push_back(total_);
    }
    bool empty() const { return values_.empty(); }
    const std::string& draw(Rng& rng) const;
    // `count` distinct values (fewer if there are not that many).
    std::vector<std::string> draw_distinct(Rng& rng, std::size_t count) const;
    const std::vector<std::string>& values() const { return values_; }

private:
    std::vector<std::string> values_;
    std::vector<double> cumulative_;
    double total_ = 0;
};

}  // namespace cohesio::bench
