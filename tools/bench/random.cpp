#include "random.h"

#include <algorithm>

namespace cohesio::bench {

const std::string& Weighted::draw(Rng& rng) const {
    const double at = rng.uniform() * total_;
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), at);
    return values_[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                         values_.size() - 1)];
}

std::vector<std::string> Weighted::draw_distinct(Rng& rng, std::size_t count) const {
    std::vector<std::string> drawn;
    count = std::min(count, values_.size());
    // Bounded retries: a heavily skewed set may keep returning its head.
    for (std::size_t attempt = 0; drawn.size() < count && attempt < 20 * count; ++attempt) {
        const std::string& value = draw(rng);
        if (std::find(drawn.begin(), drawn.end(), value) == drawn.end()) drawn.push_back(value);
    }
    return drawn;
}

}  // namespace cohesio::bench
