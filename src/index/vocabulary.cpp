#include "index/vocabulary.h"

namespace cohesio {

Result<Vocabulary> Vocabulary::load(const std::filesystem::path& reference_dir,
                                    Normaliser& normaliser) {
    auto thesaurus = Thesaurus::load(reference_dir / "thesaurus.json", normaliser);
    if (!thesaurus) return thesaurus.error();
    auto rules = ArticleRules::load(reference_dir / "charter_article_rules.json", normaliser);
    if (!rules) return rules.error();
    return Vocabulary{std::move(thesaurus).value(), std::move(rules).value()};
}

}  // namespace cohesio
