#include "corpus/reference.h"

#include <nlohmann/json.hpp>

#include "common/files.h"

namespace cohesio {

namespace {

using nlohmann::json;

// Reads `array_key` of `file` into `out`, keyed by `key_field`, labels from fr_field/en_field.
template <class Key>
Status read_labels(const std::filesystem::path& file, const char* array_key, const char* key_field,
                   const char* fr_field, const char* en_field, std::map<Key, Label>& out) {
    auto document = read_json_file(file);
    if (!document) return document.error();
    try {
        for (const auto& entry : document->at(array_key)) {
            out[entry.at(key_field).get<Key>()] =
                Label{entry.at(fr_field).get<std::string>(), entry.at(en_field).get<std::string>(),
                      entry.value("publisher", ""), entry.value("publisher_en", "")};
        }
    } catch (const json::exception& e) {
        return Error{ErrorKind::invalid_input, file.string() + ": " + array_key, e.what()};
    }
    if (out.empty()) return Error{ErrorKind::invalid_input, file.string(), "no entries"};
    return ok_status();
}

}  // namespace

Result<Reference> Reference::load(const std::filesystem::path& dir) {
    Reference reference;
    const Status steps[] = {
        read_labels(dir / "countries.json", "countries", "code", "name_fr", "name_en",
                    reference.countries),
        read_labels(dir / "domains.json", "domains", "id", "label_fr", "label_en",
                    reference.domains),
        read_labels(dir / "categories.json", "categories", "number", "label_fr", "label_en",
                    reference.categories),
        read_labels(dir / "charter_articles.json", "articles", "id", "title_fr", "title_en",
                    reference.articles),
        read_labels(dir / "sources.json", "documents", "id", "title_fr", "title_en",
                    reference.documents),
    };
    for (const auto& step : steps) {
        if (!step) return step.error();
    }
    return reference;
}

}  // namespace cohesio
