#include "index/article_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "common/files.h"

namespace cohesio {

Result<ArticleRules> ArticleRules::load(const std::filesystem::path& file, Normaliser& normaliser) {
    auto document = read_json_file(file);
    if (!document) return document.error();
    ArticleRules rules;
    try {
        for (const auto& rule : document->at("rules")) {
            const std::string article = rule.at("article");
            rules.minimum_[article] = rule.value("min_evidence", std::size_t{1});
            for (const char* key : {"evidence_fr", "evidence_en"}) {
                for (const auto& term : rule.value(key, nlohmann::json::array())) {
                    rules.evidence_.add(normaliser.words(term.get<std::string>()), article);
                }
            }
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::invalid_input, file.string(), e.what()};
    }
    return rules;
}

std::string inference_text(const Practice& practice) {
    std::string text = practice.title + "\n" + practice.our_title + "\n" + practice.title_en +
                       "\n" + practice.summary_en;
    for (const auto& [field, value] : practice.text) text += "\n" + value;
    return text;
}

namespace {

// The evidence terms one article's rule found, each once, in the order the text first has them.
struct Found {
    std::set<std::string> folded;      // distinct terms, as matched
    std::vector<std::string> written;  // each one as the text first writes it
};

// words[first, first + count) as the text writes them: from the first word's spelling to the
// end of the last one's, each run of spaces and line breaks one space ("sans-abri",
// "demandeurs d’asile", "Réfugiés"). Offsets are exact for valid UTF-8, which the loader
// guarantees; otherwise the spellings are joined by spaces.
std::string as_written(std::string_view text, const std::vector<SpelledWord>& words,
                       std::size_t first, std::size_t count) {
    const SpelledWord& from = words[first];
    const SpelledWord& to = words[first + count - 1];
    const std::size_t end = to.offset + to.spelling.size();
    if (end > text.size() || text.substr(from.offset, from.spelling.size()) != from.spelling ||
        text.substr(to.offset, to.spelling.size()) != to.spelling) {
        std::string joined;
        for (std::size_t i = first; i < first + count; ++i) {
            joined += (joined.empty() ? "" : " ") + words[i].spelling;
        }
        return joined;
    }
    std::string out;
    for (const char c : text.substr(from.offset, end - from.offset)) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out += c;
        } else if (!out.empty() && out.back() != ' ') {
            out += ' ';
        }
    }
    return out;
}

}  // namespace

std::vector<ArticleLink> ArticleRules::infer(const Practice& practice,
                                             Normaliser& normaliser) const {
    const std::string text = inference_text(practice);
    const std::vector<SpelledWord> spelled = normaliser.spelled_words(text);
    std::vector<std::string> words;
    words.reserve(spelled.size());
    for (const auto& word : spelled) words.push_back(word.folded);
    std::map<std::string, Found> evidence;  // by article
    for (const auto& match : evidence_.find(words)) {
        std::string term;
        for (const auto& word : *match.phrase) term += (term.empty() ? "" : " ") + word;
        Found& found = evidence[*match.key];
        if (found.folded.insert(term).second) {
            found.written.push_back(as_written(text, spelled, match.first, match.phrase->size()));
        }
    }
    std::vector<ArticleLink> links;
    for (const auto& [article, found] : evidence) {
        const bool explicit_already =
            std::any_of(practice.articles.begin(), practice.articles.end(),
                        [&id = article](const ArticleLink& link) { return link.article == id; });
        if (explicit_already || found.folded.size() < minimum_.at(article)) continue;
        std::string listed;
        for (const auto& term : found.written) listed += (listed.empty() ? "" : ", ") + term;
        links.push_back({article, "inferred", listed, found.folded.size()});
    }
    return links;
}

}  // namespace cohesio
