#include "index/vocabulary.h"

#include "corpus/reference.h"

namespace cohesio {

namespace {

template <class Key>
nlohmann::json label_map(const std::map<Key, Label>& labels) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, label] : labels) {
        std::string name;
        if constexpr (std::is_same_v<Key, int>) {
            name = std::to_string(key);
        } else {
            name = key;
        }
        out[name] = {{"fr", label.fr}, {"en", label.en}};
        if (!label.publisher_fr.empty() || !label.publisher_en.empty())
            out[name]["publisher"] = {{"fr", label.publisher_fr}, {"en", label.publisher_en}};
    }
    return out;
}

}  // namespace

Result<Vocabulary> Vocabulary::load(const std::filesystem::path& reference_dir,
                                    Normaliser& normaliser) {
    auto thesaurus = Thesaurus::load(reference_dir / "thesaurus.json", normaliser);
    if (!thesaurus) return thesaurus.error();
    auto rules = ArticleRules::load(reference_dir / "charter_article_rules.json", normaliser);
    if (!rules) return rules.error();
    auto reference = Reference::load(reference_dir);
    if (!reference) return reference.error();
    nlohmann::json labels = {
        {"country", label_map(reference->countries)},
        {"domain", label_map(reference->domains)},
        {"category", label_map(reference->categories)},
        {"article", label_map(reference->articles)},
        {"source", label_map(reference->documents)},
        {"lang",
         {{"fr", {{"fr", "français"}, {"en", "French"}}},
          {"en", {{"fr", "anglais"}, {"en", "English"}}}}},
    };
    return Vocabulary{std::move(thesaurus).value(), std::move(rules).value(), std::move(labels)};
}

}  // namespace cohesio
