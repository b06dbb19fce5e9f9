// The practice record as loaded from corpus/practices/*.json (schema: corpus/practice.schema.json).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace cohesio {

struct Source {
    std::string document;  // coe-report, coe-compendium, esn-activation, esn-inclusion, unhcr-guide
    std::string section;
    std::string label;
};

struct DomainLink {
    std::string domain;      // youth_children, migrants_refugees, poverty_crisis
    std::string provenance;  // stated | assigned
};

struct ArticleLink {
    std::string article;     // "27", "E"
    std::string provenance;  // explicit | inferred
    std::string evidence;
    // Inferred: how many distinct evidence terms the text has (the terms of `evidence`), so a
    // reader sees how strong the inference is; 0 when not given.
    std::size_t evidence_terms = 0;
    // Inferred: "high" or "low", as src/index/article_rules.h defines them; empty when not given.
    std::string confidence{};
};

// Source-text fields in the order the compendium sheets use them: (json key, English label).
inline constexpr std::pair<const char*, const char*> kTextFields[] = {
    {"context", "Context"},
    {"goal", "Goal"},
    {"target_groups", "Target groups"},
    {"partners", "Partners"},
    {"duration", "Duration"},
    {"description", "Description"},
    {"implementation", "Implementation"},
    {"impact", "Impact"},
    {"conditions_of_success", "Conditions of success / transferability"},
    {"instruments_used", "Instruments used"},
    {"remarks", "Remarks"},
    {"concrete_example", "Concrete example"},
};

struct Practice {
    std::string id;
    std::string title;  // the document's wording; empty when only ours.title exists
    std::string language;
    std::vector<std::string> countries;
    std::string region, city, organisation, website;
    std::vector<Source> sources;
    std::string added, updated;
    std::vector<DomainLink> domains;
    std::vector<int> categories;      // the report's Table 2 categories, as printed
    std::vector<int> our_categories;  // ours.categories: our judgement, where the report has none
    std::vector<ArticleLink> articles;
    std::vector<std::pair<std::string, std::string>> text;  // (field, value), kTextFields order
    std::string our_title, title_en, summary_en, our_note;
    std::string city_en, region_en;  // ours: English names of a city, region named in French

    nlohmann::json raw;  // the record as read, served by `show`

    const std::string& display_title() const { return title.empty() ? our_title : title; }
    const std::string* text_field(std::string_view field) const {
        for (const auto& [name, value] : text) {
            if (name == field) return &value;
        }
        return nullptr;
    }
};

}  // namespace cohesio
