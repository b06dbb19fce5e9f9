#include "generator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "corpus/loader.h"

namespace cohesio::bench {

namespace {

// The made-up tail reaches this rank: Zipf draws over ten million ranks keep finding new words
// as the corpus grows (Heaps' law), as names, places and rare terms do in real text.
constexpr std::size_t kVocabularyRanks = 10'000'000;
constexpr double kMeanWords = 440;          // words per practice, titles and summaries included
constexpr double kLengthSpread = 0.5;       // sigma of the log-normal practice length
constexpr double kEnglishPractices = 0.07;  // with English titles/summaries: ~15% English words
constexpr double kPhraseRate = 0.08;        // share of draws that emit a real two-word phrase
constexpr std::size_t kMaxPhrases = 2000;
constexpr std::uint64_t kRecordStream = 0xC0E5105ULL * kGeneratorVersion;
constexpr const char* kMarkerWords[] = {"zqmarkalpha", "zqmarkbravo", "zqmarkcharlie"};

// Punctuation and spaces that separate words, beyond ASCII ones.
bool is_separator(char32_t c) {
    switch (c) {
        case 0xA0:
        case 0xAB:
        case 0xBB:
        case 0x2018:
        case 0x2019:
        case 0x201C:
        case 0x201D:
        case 0x2013:
        case 0x2014:
        case 0x2026:
        case 0x202F:
        case 0x2022:
            return true;
        default:
            return c < 0x80 && !std::isalnum(static_cast<int>(c));
    }
}

// Splits text into words (lowercased ASCII letters; other letters kept as written).
std::vector<std::string> tokenise(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        char32_t c = byte;
        if (length > 1 && i + length <= text.size()) {
            c = byte & (0xFF >> (length + 1));
            for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (text[i + k] & 0x3F);
        }
        if (is_separator(c)) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else if (length == 1) {
            word += static_cast<char>(std::tolower(byte));
        } else {
            word.append(text, i, length);
        }
        i += length;
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// Words by decreasing count (ties alphabetical, so the order is deterministic).
std::vector<std::pair<std::string, std::size_t>> by_count(
    const std::unordered_map<std::string, std::size_t>& counts) {
    std::vector<std::pair<std::string, std::size_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return sorted;
}

// Least-squares slope of log(count) against log(rank) over the head, clamped: a corpus of 138
// records underestimates the tail, and an exponent outside this range gives silly text.
double fit_exponent(const std::vector<std::pair<std::string, std::size_t>>& sorted) {
    const std::size_t n = std::min<std::size_t>(sorted.size(), 1000);
    if (n < 10) return 1.1;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t r = 0; r < n; ++r) {
        const double x = std::log(static_cast<double>(r + 1));
        const double y = std::log(static_cast<double>(sorted[r].second));
        sx += x, sy += y, sxx += x * x, sxy += x * y;
    }
    const double dn = static_cast<double>(n);
    const double slope = (dn * sxy - sx * sy) / (dn * sxx - sx * sx);
    return std::clamp(-slope, 1.05, 1.3);
}

Lexicon make_lexicon(const std::unordered_map<std::string, std::size_t>& counts,
                     std::uint64_t salt) {
    Lexicon lexicon;
    const auto sorted = by_count(counts);
    std::set<std::string> syllables;
    std::size_t tokens = 0, hapaxes = 0;
    for (const auto& [word, count] : sorted) {
        lexicon.words.push_back(word);
        lexicon.head.add(word, static_cast<double>(count));
        tokens += count;
        hapaxes += count == 1 ? 1 : 0;
        const bool ascii =
            std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        if (!ascii || word.size() < 6) continue;
        for (std::size_t i = 0; i + 3 <= word.size(); i += 3) syllables.insert(word.substr(i, 3));
    }
    lexicon.syllables.assign(syllables.begin(), syllables.end());
    if (lexicon.syllables.empty()) lexicon.syllables = {"ban", "que", "ali", "men", "tai", "re"};
    lexicon.exponent = fit_exponent(sorted);
    // Good-Turing: the share of words seen once estimates the chance the next one is new.
    if (tokens > 0) lexicon.new_word = static_cast<double>(hapaxes) / static_cast<double>(tokens);
    lexicon.salt = salt;
    return lexicon;
}

void count_words(const std::string& text, std::unordered_map<std::string, std::size_t>& counts) {
    for (auto& word : tokenise(text)) ++counts[word];
}

// Pairs of consecutive content words (both 3+ bytes) seen at least twice.
std::vector<std::string> learn_phrases(const std::vector<Practice>& practices) {
    std::unordered_map<std::string, std::size_t> counts;
    for (const auto& practice : practices) {
        for (const auto& [field, value] : practice.text) {
            const auto words = tokenise(value);
            for (std::size_t i = 1; i < words.size(); ++i) {
                if (words[i - 1].size() >= 3 && words[i].size() >= 3)
                    ++counts[words[i - 1] + " " + words[i]];
            }
        }
    }
    std::vector<std::string> phrases;
    for (const auto& [phrase, count] : by_count(counts)) {
        if (count < 2 || phrases.size() == kMaxPhrases) break;
        phrases.push_back(phrase);
    }
    return phrases;
}

void learn_text(const std::vector<Practice>& practices, CorpusModel& model) {
    std::unordered_map<std::string, std::size_t> french, english;
    std::map<std::string, std::pair<std::size_t, std::size_t>> fields;  // present, words
    for (const auto& practice : practices) {
        auto& main = practice.language == "en" ? english : french;
        count_words(practice.title + " " + practice.our_title, main);
        count_words(practice.title_en + " " + practice.summary_en, english);
        for (const auto& [field, value] : practice.text) {
            count_words(value, main);
            fields[field].first += 1;
            fields[field].second += tokenise(value).size();
        }
    }
    model.french = make_lexicon(french, 0xF5);
    model.english = make_lexicon(english, 0xE6);
    model.phrases = learn_phrases(practices);
    double total_share = 0;
    for (const auto& [field, label] : kTextFields) {
        const auto [present, words] = fields[field];
        const double p = static_cast<double>(present) / static_cast<double>(practices.size());
        const double mean = present ? static_cast<double>(words) / static_cast<double>(present) : 0;
        // The description carries most of the text and is always there in generated records.
        model.text_fields.emplace_back(field, std::string(field) == "description" ? 1.0 : p);
        model.field_share.push_back(mean);
        total_share += mean;
    }
    for (auto& share : model.field_share) share /= total_share;
}

void learn_facets(const std::vector<Practice>& practices, CorpusModel& model) {
    std::map<std::string, double> countries, domains, articles;
    std::map<int, double> categories;
    std::size_t two_domains = 0;
    for (const auto& practice : practices) {
        for (const auto& code : practice.countries) countries[code] += 1;
        for (const auto& link : practice.domains) domains[link.domain] += 1;
        for (int category : practice.categories) categories[category] += 1;
        for (const auto& link : practice.articles) articles[link.article] += 1;
        for (const auto& source : practice.raw["sources"]) model.sources.push_back(source);
        if (!practice.city.empty()) model.cities.push_back(practice.city);
        if (!practice.region.empty()) model.regions.push_back(practice.region);
        if (!practice.organisation.empty()) model.organisations.push_back(practice.organisation);
        model.p_website += practice.website.empty() ? 0 : 1;
        two_domains += practice.domains.size() > 1 ? 1 : 0;
    }
    const auto n = static_cast<double>(practices.size());
    // Every reference value can occur; seen ones as often as in the corpus, so the skew stays.
    for (const auto& [code, label] : model.reference.countries) {
        if (code != "XI") model.countries.add(code, countries[code] + 0.3);
    }
    for (const auto& [id, label] : model.reference.domains) model.domains.add(id, domains[id] + 1);
    for (const auto& [number, label] : model.reference.categories)
        model.categories.add(std::to_string(number), categories[number] + 1);
    // Few records cite articles explicitly: a Zipf skew over the Charter, plus what is cited.
    double rank = 1;
    for (const auto& [id, label] : model.reference.articles) {
        model.articles.add(id, 1.0 / rank + articles[id]);
        rank += 1;
    }
    model.p_city = static_cast<double>(model.cities.size()) / n;
    model.p_region = static_cast<double>(model.regions.size()) / n;
    model.p_organisation = static_cast<double>(model.organisations.size()) / n;
    model.p_website /= n;
    model.p_second_domain = static_cast<double>(two_domains) / n;
}

}  // namespace

std::string Lexicon::word(std::size_t rank) const {
    if (rank < words.size()) return words[rank];
    Rng rng(seed_for(salt, rank));
    const std::size_t pieces = 2 + rng.below(3);
    std::string made_up;
    for (std::size_t i = 0; i < pieces; ++i) made_up += syllables[rng.below(syllables.size())];
    return made_up;
}

std::string Lexicon::draw(Rng& rng) const {
    if (!rng.chance(new_word) && !head.empty()) return head.draw(rng);
    const Zipf tail(exponent, kVocabularyRanks - words.size());
    return word(words.size() + tail.draw(rng));
}

Result<CorpusModel> CorpusModel::learn(const std::filesystem::path& corpus_dir) {
    auto reference = Reference::load(corpus_dir / "reference");
    if (!reference) return reference.error();
    CorpusLoad load = load_corpus(corpus_dir / "practices", *reference);
    if (load.practices.empty()) {
        return Error{ErrorKind::invalid_input, (corpus_dir / "practices").string(),
                     "no valid practice records to learn from"};
    }
    CorpusModel model;
    model.reference = std::move(*reference);
    learn_text(load.practices, model);
    learn_facets(load.practices, model);
    return model;
}

std::uint64_t CorpusModel::fingerprint() const {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a over what shapes the records
    const auto mix = [&hash](const std::string& text) {
        for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        hash = (hash ^ 0xFF) * 1099511628211ULL;
    };
    for (const auto& word : french.words) mix(word);
    for (const auto& word : english.words) mix(word);
    for (const auto& phrase : phrases) mix(phrase);
    for (const auto& value : countries.values()) mix(value);
    mix(std::to_string(french.exponent) + std::to_string(english.exponent));
    mix(std::to_string(french.new_word) + std::to_string(english.new_word));
    mix(std::to_string(sources.size()) + std::to_string(cities.size()));
    return hash;
}

Generator::Generator(const CorpusModel& model, std::size_t size) : model_(model), size_(size) {
    const std::size_t at[] = {std::min<std::size_t>(3, size - 1), size / 2, size - 1};
    for (std::size_t k = 0; k < std::size(at); ++k) {
        if (k > 0 && at[k] == markers_.back().index) continue;
        Marker marker{at[k], id(at[k]), kMarkerWords[k], ""};
        markers_.push_back(marker);
        markers_.back().country = record(at[k])["countries"][0].get<std::string>();
    }
}

std::string Generator::id(std::size_t index) { return "syn-" + std::to_string(index); }

std::string Generator::text(Rng& rng, const Lexicon& lexicon, std::size_t words) const {
    const bool phrases = &lexicon == &model_.french && !model_.phrases.empty();
    const Zipf phrase_ranks(1.0, phrases ? model_.phrases.size() : 1);
    std::string out;
    std::size_t in_sentence = 0, sentence_length = rng.between(8, 24);
    for (std::size_t i = 0; i < words; ++i) {
        if (!out.empty()) out += in_sentence == 0 ? ". " : " ";
        std::string word = phrases && rng.chance(kPhraseRate)
                               ? model_.phrases[phrase_ranks.draw(rng)]
                               : lexicon.draw(rng);
        if (in_sentence == 0 && !word.empty() && word[0] >= 'a' && word[0] <= 'z')
            word[0] = static_cast<char>(word[0] - 'a' + 'A');
        out += word;
        if (++in_sentence == sentence_length) in_sentence = 0, sentence_length = rng.between(8, 24);
    }
    return out;
}

nlohmann::json Generator::facets(Rng& rng, std::size_t index) const {
    nlohmann::json record;
    // One country almost always, as in the corpus; a few joint practices have two.
    record["countries"] = model_.countries.draw_distinct(rng, rng.chance(0.03) ? 2 : 1);
    nlohmann::json domains = nlohmann::json::array();
    for (const auto& domain :
         model_.domains.draw_distinct(rng, rng.chance(model_.p_second_domain) ? 2 : 1))
        domains.push_back({{"domain", domain}, {"provenance", "assigned"}});
    record["priority_domains"] = domains;
    nlohmann::json categories = nlohmann::json::array();
    for (const auto& category : model_.categories.draw_distinct(rng, rng.between(1, 3)))
        categories.push_back(std::stoi(category));
    record["categories"] = categories;
    nlohmann::json articles = nlohmann::json::array();
    for (const auto& article : model_.articles.draw_distinct(rng, rng.between(1, 4)))
        articles.push_back({{"article", article}, {"provenance", "explicit"}});
    record["charter_articles"] = articles;
    record["sources"] = nlohmann::json::array({model_.sources[rng.below(model_.sources.size())]});
    const auto date = [&rng] {
        char text[16];
        std::snprintf(text, sizeof text, "%04zu-%02zu-%02zu", rng.between(2015, 2026),
                      rng.between(1, 12), rng.between(1, 28));
        return std::string(text);
    };
    record["added"] = date();
    record["updated"] = record["added"];
    if (rng.chance(0.3)) record["updated"] = date();
    if (rng.chance(model_.p_website)) record["website"] = "https://example.org/" + id(index);
    return record;
}

nlohmann::json Generator::text_fields(Rng& rng, const Lexicon& lexicon, std::size_t budget) const {
    std::vector<std::size_t> present;
    double share = 0;
    for (std::size_t f = 0; f < model_.text_fields.size(); ++f) {
        if (rng.chance(model_.text_fields[f].second))
            present.push_back(f), share += model_.field_share[f];
    }
    nlohmann::json text = nlohmann::json::object();
    for (std::size_t f : present) {
        const double words = static_cast<double>(budget) * model_.field_share[f] / share;
        text[model_.text_fields[f].first] =
            this->text(rng, lexicon, std::max<std::size_t>(3, static_cast<std::size_t>(words)));
    }
    return text;
}

nlohmann::json Generator::record(std::size_t index) const {
    Rng rng(seed_for(kRecordStream, index));
    const bool english = rng.chance(kEnglishPractices);
    const Lexicon& lexicon = english ? model_.english : model_.french;
    nlohmann::json record = facets(rng, index);
    record["id"] = id(index);
    record["language"] = english ? "en" : "fr";
    record["title"] = text(rng, lexicon, rng.between(4, 12));
    const double length =
        kMeanWords * std::exp(kLengthSpread * rng.normal() - kLengthSpread * kLengthSpread / 2);
    nlohmann::json ours = nlohmann::json::object();
    std::size_t english_words = 0;
    if (!english) {
        ours["title_en"] = text(rng, model_.english, rng.between(4, 12));
        english_words = rng.between(20, 40);
        ours["summary_en"] = text(rng, model_.english, english_words);
    }
    record["ours"] = ours;
    const auto budget =
        static_cast<std::size_t>(std::max(20.0, length - static_cast<double>(english_words) - 8));
    record["text"] = text_fields(rng, lexicon, budget);
    if (rng.chance(model_.p_city)) record["city"] = model_.cities[rng.below(model_.cities.size())];
    if (rng.chance(model_.p_region))
        record["region"] = model_.regions[rng.below(model_.regions.size())];
    if (rng.chance(model_.p_organisation))
        record["organisation"] = model_.organisations[rng.below(model_.organisations.size())];
    for (const auto& marker : markers_) {
        if (marker.index == index)
            record["text"]["description"] =
                record["text"]["description"].get<std::string>() + " " + marker.word + ".";
    }
    return record;
}

PracticeStream Generator::stream() const {
    return [this, next = std::size_t{0}]() mutable -> std::optional<Practice> {
        if (next == size_) return std::nullopt;
        const std::size_t index = next++;
        auto practice = parse_practice(record(index).dump(), id(index) + ".json", model_.reference);
        // A generator bug must not silently shrink the corpus: fail loudly.
        if (!practice)
            throw std::runtime_error("generated record invalid: " + practice.error().describe());
        return std::move(*practice);
    };
}

}  // namespace cohesio::bench
