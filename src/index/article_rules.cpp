#include "index/article_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "common/files.h"

namespace cohesio {

namespace {

// A term's folded words as one string, the form matches are compared in.
std::string joined(const std::vector<std::string>& words) {
    std::string term;
    for (const auto& word : words) term += (term.empty() ? "" : " ") + word;
    return term;
}

}  // namespace

Result<ArticleRules> ArticleRules::load(const std::filesystem::path& file, Normaliser& normaliser) {
    auto document = read_json_file(file);
    if (!document) return document.error();
    ArticleRules rules;
    try {
        for (const auto& rule : document->at("rules")) {
            const std::string article = rule.at("article");
            Rule& read = rules.rules_[article];
            read.minimum = rule.value("min_evidence", std::size_t{1});
            std::set<std::string> listed;
            for (const char* key : {"evidence_fr", "evidence_en"}) {
                for (const auto& term : rule.value(key, nlohmann::json::array())) {
                    const auto words = normaliser.words(term.get<std::string>());
                    rules.evidence_.add(words, article);
                    listed.insert(joined(words));
                }
            }
            for (const auto& term : rule.value("not_if_only", nlohmann::json::array())) {
                std::string folded = joined(normaliser.words(term.get<std::string>()));
                // A term that is not evidence could never be found: a typo, not a rule.
                if (!listed.contains(folded)) {
                    return Error{ErrorKind::invalid_input, file.string(),
                                 "article " + article + ": not_if_only term '" +
                                     term.get<std::string>() +
                                     "' is not one of its evidence terms"};
                }
                read.not_alone.insert(std::move(folded));
            }
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::invalid_input, file.string(), e.what()};
    }
    return rules;
}

ArticleConfidence article_confidence(std::size_t subject_terms, std::size_t text_terms,
                                     std::size_t min_evidence) {
    const bool subject_holds = subject_terms >= min_evidence;
    const bool text_holds = text_terms >= min_evidence + 1;
    if (subject_holds && text_holds) return ArticleConfidence::high;
    if (subject_holds || text_holds) return ArticleConfidence::low;
    return ArticleConfidence::none;
}

std::string_view confidence_name(ArticleConfidence confidence) {
    if (confidence == ArticleConfidence::high) return "high";
    if (confidence == ArticleConfidence::low) return "low";
    return "";
}

namespace {

// The evidence terms one article's rule found, each once, in the order the text first has them.
struct Found {
    std::set<std::string> folded;      // distinct terms, as matched
    std::set<std::string> in_subject;  // those of them the subject has
    std::vector<std::string> written;  // each one as the text first writes it
};

// The text the rules read, and the byte ranges in it of the practice's subject: what the index
// weighs as title or goal (document.cpp), what the practice is and is for, rather than who took
// part, what came of it or what it needs.
struct InferenceText {
    std::string text;
    std::vector<std::pair<std::size_t, std::size_t>> subject;

    void add(const std::string& field, bool is_subject) {
        if (fields++ > 0) text += "\n";
        if (is_subject) subject.emplace_back(text.size(), text.size() + field.size());
        text += field;
    }
    bool in_subject(std::size_t offset) const {
        return std::any_of(subject.begin(), subject.end(), [offset](const auto& range) {
            return offset >= range.first && offset < range.second;
        });
    }

private:
    std::size_t fields = 0;
};

InferenceText lay_out(const Practice& practice) {
    InferenceText laid_out;
    for (const auto* title : {&practice.title, &practice.our_title, &practice.title_en})
        laid_out.add(*title, true);
    laid_out.add(practice.summary_en, true);
    for (const auto& [field, value] : practice.text)
        laid_out.add(value, field == "goal" || field == "description");
    return laid_out;
}

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

std::string inference_text(const Practice& practice) { return lay_out(practice).text; }

std::vector<ArticleLink> ArticleRules::infer(const Practice& practice,
                                             Normaliser& normaliser) const {
    const InferenceText laid_out = lay_out(practice);
    const std::string& text = laid_out.text;
    const std::vector<SpelledWord> spelled = normaliser.spelled_words(text);
    std::vector<std::string> words;
    words.reserve(spelled.size());
    for (const auto& word : spelled) words.push_back(word.folded);
    std::map<std::string, Found> evidence;  // by article
    for (const auto& match : evidence_.find(words)) {
        const std::string term = joined(*match.phrase);
        Found& found = evidence[*match.key];
        if (found.folded.insert(term).second) {
            found.written.push_back(as_written(text, spelled, match.first, match.phrase->size()));
        }
        if (laid_out.in_subject(spelled[match.first].offset)) found.in_subject.insert(term);
    }
    std::vector<ArticleLink> links;
    for (const auto& [article, found] : evidence) {
        const bool explicit_already =
            std::any_of(practice.articles.begin(), practice.articles.end(),
                        [&id = article](const ArticleLink& link) { return link.article == id; });
        if (explicit_already) continue;
        const Rule& rule = rules_.at(article);
        // Terms too general or ambiguous to show the article by themselves ("benefits",
        // "asile" as in "asile de nuit") count only beside one that is not.
        const bool only_weak =
            std::all_of(found.folded.begin(), found.folded.end(),
                        [&rule](const std::string& term) { return rule.not_alone.contains(term); });
        const ArticleConfidence confidence =
            article_confidence(found.in_subject.size(), found.folded.size(), rule.minimum);
        if (only_weak || confidence == ArticleConfidence::none) continue;
        std::string listed;
        for (const auto& term : found.written) listed += (listed.empty() ? "" : ", ") + term;
        links.push_back({article, "inferred", listed, found.folded.size(),
                         std::string(confidence_name(confidence))});
    }
    return links;
}

}  // namespace cohesio
