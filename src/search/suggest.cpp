#include "search/suggest.h"

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "search/response_json.h"

namespace cohesio {

TitleSuggestion title_in(const nlohmann::json& record, std::string_view ui_lang) {
    const auto summary = summary_json(record);
    TitleSuggestion shown{summary.value("id", ""), summary.value("title", ""),
                          summary.value("language", "fr")};
    shown.title_is_ours = summary.value("title_is_ours", false);
    const std::string english = summary.value("title_en", "");
    if (ui_lang == "en" && !english.empty() && english != shown.title) {
        shown.our_translation = true;
        shown.title_is_ours = false;
        shown.title = english;
        shown.language = "en";
    }
    return shown;
}

Suggestions suggest(Xapian::Database& db, Normaliser& normaliser, const std::string& typed,
                    Xapian::doccount limit, std::string_view ui_lang,
                    const FormLanguages& languages) {
    Suggestions found;
    const std::vector<std::string> words = normaliser.words(typed);
    if (words.empty()) return found;

    // Titles: every word typed, the last one as a prefix of a title word.
    Xapian::QueryParser parser;
    parser.set_database(db);
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
    const Xapian::Query titles = parser.parse_query(
        text, Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_DEFAULT,
        std::string(schema::prefix::title));
    Xapian::Enquire enquire(db);
    enquire.set_query(titles);
    enquire.set_sort_by_relevance_then_value(schema::slot::id, false);  // as sharded or not
    const Xapian::MSet matches = enquire.get_mset(0, limit);
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        found.titles.push_back(
            title_in(nlohmann::json::parse(it.get_document().get_data()), ui_lang));
    }

    // Vocabulary: thesaurus forms (synonym keys) beginning with the folded text, in the
    // interface's language; the other's only when it has none, for a word typed in it.
    std::vector<std::string> other;
    for (auto key = db.synonym_keys_begin(text);
         key != db.synonym_keys_end(text) && found.vocabulary.size() < limit; ++key) {
        const auto listed = languages.find(*key);
        const bool in_ui = listed == languages.end() ||
                           listed->second.find(ui_lang) != std::string::npos;
        if (in_ui) {
            found.vocabulary.push_back(*key);
        } else if (other.size() < limit) {
            other.push_back(*key);
        }
    }
    if (found.vocabulary.empty()) found.vocabulary = std::move(other);
    return found;
}

}  // namespace cohesio
