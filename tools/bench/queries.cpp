#include "queries.h"

#include <algorithm>

namespace cohesio::bench {

namespace {

constexpr std::uint64_t kQueryStream = 0x9E7105ULL;
constexpr double kBrowse = 0.05, kPhrase = 0.15, kTypo = 0.10;  // cumulative below
constexpr double kFiltered = 0.30;
constexpr double kEnglishQueries = 0.15;
// Query words come from the real vocabulary past its most frequent words (mostly function
// words nobody searches for) and at least 4 bytes long.
constexpr std::size_t kSkipHead = 20;
constexpr std::size_t kQueryVocabulary = 3000;

std::vector<std::string> content_words(const Lexicon& lexicon) {
    std::vector<std::string> words;
    for (std::size_t r = kSkipHead; r < lexicon.words.size() && words.size() < kQueryVocabulary;
         ++r) {
        if (lexicon.words[r].size() >= 4) words.push_back(lexicon.words[r]);
    }
    return words;
}

bool is_ascii_word(const std::string& word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// One edit a hurried typist makes: a letter dropped, two swapped, or a vowel mistaken.
std::string misspell(Rng& rng, std::string word) {
    const std::size_t at = 1 + rng.below(word.size() - 2);
    switch (rng.below(3)) {
        case 0:
            word.erase(at, 1);
            break;
        case 1:
            std::swap(word[at], word[at + 1]);
            break;
        default:
            word[at] = "aeiou"[rng.below(5)] == word[at] ? 'y' : "aeiou"[rng.below(5)];
    }
    return word;
}

class Drawer {
public:
    explicit Drawer(const Generator& generator)
        : generator_(generator),
          french_(content_words(generator.model().french)),
          english_(content_words(generator.model().english)) {}

    std::string word(Rng& rng) const {
        const auto& words = rng.chance(kEnglishQueries) && !english_.empty() ? english_ : french_;
        return words[Zipf(1.0, words.size()).draw(rng)];
    }
    std::string ascii_word(Rng& rng, std::size_t min_length) const {
        for (int attempt = 0; attempt < 100; ++attempt) {
            std::string candidate = word(rng);
            if (is_ascii_word(candidate) && candidate.size() >= min_length) return candidate;
        }
        return "logement";
    }
    void add_filters(Rng& rng, BenchQuery& query, std::size_t facets) const {
        const auto& model = generator_.model();
        for (std::size_t f = 0; f < facets; ++f) {
            const double u = rng.uniform();
            if (u < 0.5)
                query.filters["country"] = model.countries.draw_distinct(rng, rng.between(1, 2));
            else if (u < 0.7)
                query.filters["domain"] = {model.domains.draw(rng)};
            else if (u < 0.85)
                query.filters["article"] = {model.articles.draw(rng)};
            else
                query.filters["category"] = {model.categories.draw(rng)};
        }
    }
    BenchQuery search(Rng& rng) const {
        BenchQuery query;
        const double u = rng.uniform();
        const auto& phrases = generator_.model().phrases;
        if (u < kBrowse) {
            query.kind = QueryKind::browse;
            add_filters(rng, query, 1);
            return query;
        }
        if (u < kBrowse + kPhrase && !phrases.empty()) {
            query.kind = QueryKind::phrase;
            const std::string& phrase = phrases[Zipf(1.0, phrases.size()).draw(rng)];
            query.words = {phrase.substr(0, phrase.find(' ')), phrase.substr(phrase.find(' ') + 1)};
        } else if (u < kBrowse + kPhrase + kTypo) {
            query.kind = QueryKind::typo;
            query.words = {misspell(rng, ascii_word(rng, 5))};
            if (rng.chance(0.5)) query.words.push_back(word(rng));
        } else {
            for (std::size_t n = rng.between(1, 4); query.words.size() < n;)
                query.words.push_back(word(rng));
        }
        if (rng.chance(kFiltered)) add_filters(rng, query, rng.between(1, 2));
        return query;
    }
    std::string typed(Rng& rng) const {
        const std::string last = ascii_word(rng, 4);
        const std::string prefix = last.substr(0, std::min(last.size(), rng.between(3, 6)));
        return rng.chance(0.3) ? word(rng) + " " + prefix : prefix;
    }

private:
    const Generator& generator_;
    std::vector<std::string> french_, english_;
};

}  // namespace

const char* kind_name(QueryKind kind) {
    switch (kind) {
        case QueryKind::words:
            return "words";
        case QueryKind::phrase:
            return "phrase";
        case QueryKind::typo:
            return "typo";
        case QueryKind::browse:
            return "browse";
    }
    return "?";
}

std::string BenchQuery::text() const {
    std::string joined;
    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
    return kind == QueryKind::phrase ? "\"" + joined + "\"" : joined;
}

QuerySet make_queries(const Generator& generator, std::size_t count) {
    const Drawer drawer(generator);
    QuerySet set;
    for (std::size_t i = 0; i < count; ++i) {
        Rng rng(seed_for(kQueryStream, i));
        set.searches.push_back(drawer.search(rng));
        set.similar_ids.push_back(Generator::id(rng.below(generator.size())));
        set.situations.push_back(generator.text(rng, generator.model().french, rng.between(8, 20)));
        set.typed.push_back(drawer.typed(rng));
    }
    return set;
}

std::vector<std::pair<BenchQuery, std::string>> marker_queries(const Generator& generator) {
    std::vector<std::pair<BenchQuery, std::string>> queries;
    for (const auto& marker : generator.markers()) {
        BenchQuery query;
        query.words = {marker.word};
        queries.emplace_back(query, marker.id);
        query.filters["country"] = {marker.country};
        queries.emplace_back(query, marker.id);
    }
    return queries;
}

}  // namespace cohesio::bench
