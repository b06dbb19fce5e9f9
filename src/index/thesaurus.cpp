#include "index/thesaurus.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/files.h"

namespace cohesio {

Result<Thesaurus> Thesaurus::load(const std::filesystem::path& file, Normaliser& normaliser) {
    auto document = read_json_file(file);
    if (!document) return document.error();
    Thesaurus thesaurus;
    std::set<std::string> ids;
    try {
        for (const auto& concept_entry : document->at("concepts")) {
            const std::string id = concept_entry.at("id");
            ids.insert(id);
            for (const auto& broader : concept_entry.value("broader", nlohmann::json::array()))
                thesaurus.narrower_.emplace_back(broader.get<std::string>(), id);
            for (const char* language : {"en", "fr"}) {
                for (const auto& form : concept_entry.value(language, nlohmann::json::array())) {
                    const auto words = normaliser.words(form.get<std::string>());
                    if (words.empty()) continue;
                    std::string joined;
                    for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
                    std::string& languages = thesaurus.form_languages_[joined];
                    if (languages.find(language) == std::string::npos)
                        languages.append(languages.empty() ? "" : " ").append(language);
                    thesaurus.forms_.emplace_back(joined, id);
                    thesaurus.matcher_.add(words, id);
                }
            }
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::invalid_input, file.string(), e.what()};
    }
    // A form stands for one concept: the matcher would keep only one of two, silently.
    std::map<std::string, std::string> concept_of;
    for (const auto& [form, id] : thesaurus.forms_) {
        const auto [known, added] = concept_of.emplace(form, id);
        if (!added && known->second != id) {
            return Error{ErrorKind::invalid_input, file.string(),
                         "form '" + form + "' of concept '" + id + "' is already a form of '" +
                             known->second + "'"};
        }
    }
    for (const auto& [broader, narrower] : thesaurus.narrower_) {
        if (!ids.contains(broader) || broader == narrower) {
            return Error{ErrorKind::invalid_input, file.string(),
                         "concept '" + narrower + "': broader '" + broader +
                             "' is no other concept of the thesaurus"};
        }
    }
    return thesaurus;
}

std::vector<std::string> Thesaurus::concepts_in(const std::vector<std::string>& words) const {
    std::vector<std::string> ids;
    for (const auto& match : matcher_.find(words)) ids.push_back(*match.key);
    return ids;
}

}  // namespace cohesio
