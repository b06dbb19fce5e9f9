#include "search/suggest.h"

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "search/response_json.h"

namespace cohesio {

Suggestions suggest(Xapian::Database& db, Normaliser& normaliser, const std::string& typed,
                    Xapian::doccount limit) {
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
    const Xapian::MSet matches = enquire.get_mset(0, limit);
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const auto record = nlohmann::json::parse(it.get_document().get_data());
        const auto summary = summary_json(record);
        found.titles.push_back({summary.value("id", ""), summary.value("title", "")});
    }

    // Vocabulary: thesaurus forms (synonym keys) beginning with the folded text.
    for (auto key = db.synonym_keys_begin(text); key != db.synonym_keys_end(text); ++key) {
        if (found.vocabulary.size() >= limit) break;
        found.vocabulary.push_back(*key);
    }
    return found;
}

}  // namespace cohesio
