// Synthetic practices in our own schema, with statistics learned from the real corpus.
//
// The real corpus (138 records) is too small to measure search at scale, so the benchmark
// draws records that look like it: words from the real French and English vocabularies with
// their Zipf-like frequencies, plus a long tail of made-up words (from real syllables) that
// grows with the corpus, as a real vocabulary does; real two-word phrases, so phrase queries
// match; field presence and facet values skewed as in the corpus. Record i depends only on
// (generator version, learned model, i): any record can be drawn alone, and a stream of a
// million holds one at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "corpus/reference.h"
#include "index/store.h"
#include "random.h"

namespace cohesio::bench {

// Bump whenever a change makes the generator draw different records: cached data is rebuilt.
inline constexpr int kGeneratorVersion = 2;

// One language's vocabulary: real words with their real frequencies, then a made-up tail.
struct Lexicon {
    std::vector<std::string> words;      // real words, most frequent first
    Weighted head;                       // the same words, weighted by their counts
    std::vector<std::string> syllables;  // pieces of real words, for the made-up tail
    double exponent = 1.1;               // Zipf exponent fitted on the real frequencies
    double new_word = 0.05;              // P(next word unseen): Good-Turing, hapaxes / tokens
    std::uint64_t salt = 0;

    // The word of rank `rank` (0 = most frequent); beyond the real words, a made-up one.
    std::string word(std::size_t rank) const;
    // A word as text draws it: a real one by its frequency, or (P = new_word) one of the tail,
    // whose ranks follow the fitted Zipf law beyond the real vocabulary.
    std::string draw(Rng& rng) const;
};

// What the generator learned from corpus/: vocabularies, phrases, field shapes, facet skew.
struct CorpusModel {
    Reference reference;
    Lexicon french, english;
    std::vector<std::string> phrases;  // frequent real two-word sequences (French)
    std::vector<std::pair<std::string, double>> text_fields;  // field, probability present
    std::vector<double> field_share;  // mean share of the text per field (same order)
    Weighted countries, domains, categories, articles;
    std::vector<nlohmann::json> sources;  // real source entries, drawn as they are
    std::vector<std::string> cities, regions, organisations;
    double p_city = 0, p_region = 0, p_organisation = 0, p_website = 0, p_second_domain = 0;

    static Result<CorpusModel> learn(const std::filesystem::path& corpus_dir);
    // Changes when the learned statistics change (with kGeneratorVersion: the cache key).
    std::uint64_t fingerprint() const;
};

// A practice carrying a word no other practice has, for the smoke test's queries.
struct Marker {
    std::size_t index = 0;
    std::string id;
    std::string word;
    std::string country;  // its first country, to check a filtered query too
};

class Generator {
public:
    Generator(const CorpusModel& model, std::size_t size);

    std::size_t size() const { return size_; }
    static std::string id(std::size_t index);
    // Record `index` (0-based) as it would be in corpus/practices/<id>.json.
    nlohmann::json record(std::size_t index) const;
    // The records in order, each parsed and validated like a real one (parse_practice).
    PracticeStream stream() const;
    const std::vector<Marker>& markers() const { return markers_; }
    const CorpusModel& model() const { return model_; }

    // Words drawn as the text is drawn, for queries: a French or English word of a rank.
    std::string text(Rng& rng, const Lexicon& lexicon, std::size_t words) const;

private:
    nlohmann::json facets(Rng& rng, std::size_t index) const;
    nlohmann::json text_fields(Rng& rng, const Lexicon& lexicon, std::size_t budget) const;

    const CorpusModel& model_;
    std::size_t size_;
    std::vector<Marker> markers_;
};

}  // namespace cohesio::bench
