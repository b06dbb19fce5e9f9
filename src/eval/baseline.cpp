#include "eval/baseline.h"

#include "index/schema.h"
#include "search/facet_names.h"
#include "search/stopwords.h"

namespace cohesio {

Result<std::unique_ptr<Bm25Baseline>> Bm25Baseline::open(Xapian::Database db,
                                                         BaselineSpelling spelling) {
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    return std::unique_ptr<Bm25Baseline>(
        new Bm25Baseline(std::move(db), std::move(normaliser).value(), spelling));
}

Bm25Baseline::Bm25Baseline(Xapian::Database db, std::unique_ptr<Normaliser> normaliser,
                           BaselineSpelling spelling)
    : db_(std::move(db)), spelling_(spelling), normaliser_(std::move(normaliser)) {
    add_stopwords(stopwords_);
}

std::vector<std::string> Bm25Baseline::words_of(const std::string& text) {
    std::vector<std::string> words = normaliser_->words(text);
    if (spelling_ == BaselineSpelling::as_typed || words.empty()) return words;
    std::string folded;
    for (const auto& word : words) folded += (folded.empty() ? "" : " ") + word;
    // The index's spelling table holds folded words, so the folded words are what is corrected.
    Xapian::QueryParser parser;
    parser.set_database(db_);
    parser.set_stemmer(french_);
    parser.set_stopper(&stopwords_);
    parser.parse_query(folded, Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    const std::string corrected = parser.get_corrected_query_string();
    return corrected.empty() ? words : normaliser_->words(corrected);
}

Result<std::vector<std::string>> Bm25Baseline::rank(
    const std::string& text, const std::map<std::string, std::vector<std::string>>& filters,
    std::size_t depth) {
    const std::vector<std::string> words = words_of(text);
    std::vector<Xapian::Query> terms;
    for (const auto& word : words) {
        if (stopwords_(word)) continue;
        std::string stem = "Z";  // appended, not "Z" + stem: GCC 12 warns wrongly (-Wrestrict)
        terms.emplace_back(stem.append(french_(word)));
    }
    if (!words.empty() && terms.empty()) return std::vector<std::string>{};
    Xapian::Query query = words.empty()
                              ? Xapian::Query::MatchAll
                              : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    for (const auto& [name, values] : filters) {
        const Facet* facet = find_facet(name);
        if (!facet) return Error{ErrorKind::invalid_input, "filters", "unknown facet: " + name};
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              schema::any_boolean_term(facet->prefix, values));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    std::vector<std::string> ids;
    const Xapian::MSet matches = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
    for (auto it = matches.begin(); it != matches.end(); ++it)
        ids.push_back(it.get_document().get_value(schema::id));
    return ids;
}

}  // namespace cohesio
