#include "index/article_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

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

std::vector<ArticleLink> ArticleRules::infer(const Practice& practice,
                                             Normaliser& normaliser) const {
    std::map<std::string, std::set<std::string>> evidence;  // article -> distinct terms found
    for (const auto& match : evidence_.find(normaliser.words(inference_text(practice)))) {
        std::string term;
        for (const auto& word : *match.phrase) term += (term.empty() ? "" : " ") + word;
        evidence[*match.key].insert(term);
    }
    std::vector<ArticleLink> links;
    for (const auto& [article, terms] : evidence) {
        const bool explicit_already =
            std::any_of(practice.articles.begin(), practice.articles.end(),
                        [&id = article](const ArticleLink& link) { return link.article == id; });
        if (explicit_already || terms.size() < minimum_.at(article)) continue;
        std::string listed;
        for (const auto& term : terms) listed += (listed.empty() ? "" : ", ") + term;
        links.push_back({article, "inferred", listed});
    }
    return links;
}

}  // namespace cohesio
