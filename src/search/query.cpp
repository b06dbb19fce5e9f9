#include "search/query.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "index/schema.h"
#include "search/concepts.h"
#include "search/facet_names.h"
#include "search/situation.h"
#include "search/stopwords.h"

namespace cohesio {

namespace {

constexpr unsigned kFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                            Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

// A goal named in a query reaches the concepts two levels below it ("intégration" -> migrant
// integration -> language courses), each level at half the weight of the one above.
constexpr std::size_t kNarrowerLevels = 2;
constexpr double kNarrowerWeight = 0.5;
// A situation's subject also ranks the practices of the concepts one level above it, at half a
// named concept's weight ("addiction" for a situation about drugs): measured with cohesio eval,
// situations 0.608 at a quarter, 0.625 at half, 0.610 at the full weight.
constexpr double kBroaderWeight = 0.5;
// How many other words may stand between the query's words for them to count as close, and
// how much such closeness weighs against the words themselves.
constexpr Xapian::termcount kProximitySlack = 4;
constexpr double kProximityWeight = 0.5;
// The most frequent words a wildcard (refug*) stands for.
constexpr Xapian::termcount kMaxWildcardExpansion = 100;
// Bounds the remembered spelling corrections (words of queries: a few MB at most).
constexpr std::size_t kMaxRememberedCorrections = 20000;

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const char* language) {
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem(language));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(make_stopper());
    // Xapian leaves wildcards unlimited: "a*" would become an OR of every word starting with a.
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_WILDCARD);
    parser.add_prefix("title", std::string(schema::prefix::title));
    parser.add_prefix("goal", std::string(schema::prefix::goal));
    parser.add_prefix("target", std::string(schema::prefix::target_groups));
    parser.add_prefix("transferability", std::string(schema::prefix::transferability));
    parser.add_prefix("place", std::string(schema::prefix::place));
}

// Xapian 1.4.22's QueryParser drops the whole query when two stopwords spell the start of a
// longer multi-word synonym ("plus de" before the thesaurus form "plus démunis"): "plus de
// logement" parsed to nothing. Such a query is parsed again without multi-word synonyms, whose
// concepts concepts_in() still adds.
Xapian::Query parse_query(Xapian::QueryParser& parser, const std::string& text, unsigned flags) {
    Xapian::Query query = parser.parse_query(text, flags);
    constexpr unsigned kMultiword = Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    if (query.empty() && (flags & kMultiword) != 0)
        query = parser.parse_query(text, flags & ~kMultiword);
    return query;
}

// What is left of a malformed query once its syntax is removed: its words.
std::string plain_words(const std::string& folded) {
    std::string words;
    for (char c : folded) {
        const auto byte = static_cast<unsigned char>(c);
        words += (std::isalnum(byte) || byte >= 0x80) ? static_cast<char>(std::tolower(byte)) : ' ';
    }
    return words;
}

// A described situation has at least this many words besides function words; a keyword query
// has one to five. (Measured: 6, 8 and 12 rank the judged set alike.)
constexpr std::size_t kSituationWords = 8;

bool describes_a_situation(const std::string& folded, const Xapian::Stopper& stopwords) {
    std::istringstream tokens(plain_words(folded));
    std::size_t content_words = 0;
    for (std::string word; tokens >> word;) content_words += !stopwords(word);
    return content_words >= kSituationWords;
}

// The subject of a situation: the concepts it names that are not its setting (too common to
// tell practices apart: "familles", "enfants"). Only these reach their narrower and broader
// concepts; the setting's narrower concepts ("family" has nine) are mostly off the subject.
std::vector<std::string> subject_of_situation(const Xapian::Database& db,
                                              const std::vector<std::string>& concepts) {
    std::vector<std::string> subject;
    for (const auto& concept_term : concepts) {
        if (!too_common_to_tell(db.get_termfreq(concept_term), db.get_doccount()))
            subject.push_back(concept_term);
    }
    return subject;
}

// A described situation is read only in the language its function words are in. Read in the
// other language too, each of its many words counts twice, the second time under a stem that
// conflates other words ("parents" read in English is "parent", the stem of "parental"), and
// the long sheets that share some of those words crowd out the practices on the subject. A
// short query keeps both readings: it has too few function words to tell its language, and an
// English query needs its English reading.
void read_situation_in_its_language(const std::string& folded, Xapian::Query& french,
                                    Xapian::Query& english) {
    std::istringstream tokens(plain_words(folded));
    std::vector<std::string> words;
    for (std::string word; tokens >> word;) words.push_back(word);
    const FunctionWordCounts counts = count_function_words(words);
    if (counts.french > counts.english) english = Xapian::Query();
    if (counts.english > counts.french) french = Xapian::Query();
}

// Words and sentence punctuation only: no phrase, field, sign, bracket or operator (which
// the folded query keeps in capitals).
bool only_words(const std::string& folded) {
    return std::all_of(folded.begin(), folded.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) ||
               std::isdigit(static_cast<unsigned char>(c)) ||
               std::string_view(" ',.;?!").find(c) != std::string_view::npos;
    });
}

// "-a -b" alone means "neither a nor b"; QueryParser would otherwise ignore the minus signs
// and return the documents that contain them.
std::string only_exclusions_as_not(const std::string& folded) {
    std::istringstream tokens(folded);
    std::string token, excluded;
    while (tokens >> token) {
        if (token.size() < 2 || token[0] != '-') return folded;
        excluded += (excluded.empty() ? "" : " OR ") + token.substr(1);
    }
    return excluded.empty() ? folded : "NOT (" + excluded + ")";
}

// The Charter's articles are numbered 1 to 31.
bool is_article_number(const std::string& token) {
    if (token.empty() || token.size() > 2 ||
        !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const int number = std::stoi(token);
    return number >= 1 && number <= 31;
}

// "article 31", "art. 19" or "l'article 8 de la Charte sociale" in a folded query: the Charter
// article as a filter (like article:31), taken out of the words together with the words that
// name the Charter around it, so the rest of the query ranks within that article.
std::string take_article_references(const std::string& folded,
                                    std::map<std::string, std::vector<std::string>>& filters) {
    static const std::set<std::string> kArticleWords = {"article", "articles", "art", "art."};
    static const std::set<std::string> kCharterWords = {
        "de",     "la",         "du",       "of",      "the",     "charte", "charter", "sociale",
        "social", "europeenne", "european", "revisee", "revised", "cse",    "esc"};
    static const std::set<std::string> kCharterNames = {"charte", "charter", "cse", "esc"};
    // Compared without the punctuation that may follow a word: "européenne, article 23,".
    const auto bare = [](std::string word) {
        while (!word.empty() && (word.back() == ',' || word.back() == ';')) word.pop_back();
        return word;
    };
    const auto charter_word = [&](const std::string& word) {
        return kCharterWords.contains(bare(word));
    };
    std::vector<std::string> tokens, kept;
    std::istringstream in(folded);
    for (std::string token; in >> token;) tokens.push_back(token);
    bool in_quotes = false;
    for (std::size_t at = 0; at < tokens.size(); ++at) {
        const bool reference = !in_quotes && kArticleWords.contains(tokens[at]) &&
                               at + 1 < tokens.size() && is_article_number(bare(tokens[at + 1]));
        if (!reference) {
            for (char c : tokens[at]) in_quotes ^= (c == '"');
            kept.push_back(tokens[at]);
            continue;
        }
        filters["article"].push_back(bare(tokens[++at]));
        while (at + 1 < tokens.size() && charter_word(tokens[at + 1])) ++at;
        // "Charte sociale européenne, article 23": the Charter named before the reference.
        auto named = kept.end();
        while (named != kept.begin() && charter_word(*std::prev(named))) --named;
        if (std::any_of(named, kept.end(),
                        [&](const auto& w) { return kCharterNames.contains(bare(w)); }))
            kept.erase(named, kept.end());
    }
    std::string rest;
    for (const auto& token : kept) rest += (rest.empty() ? "" : " ") + token;
    return rest;
}

}  // namespace

const std::string& QueryBuilder::word_correction(const std::string& word) {
    if (const auto known = corrections_.find(word); known != corrections_.end())
        return known->second;
    // A real French or English word is what the user meant, even if no practice has it.
    const bool known = stopwords_(word) || db_.term_exists(word) ||
                       db_.synonyms_begin(word) != db_.synonyms_end(word) ||
                       lexicon_.contains(word);
    // Two edits turn most short words into some other word: "vide" -> "aide".
    constexpr std::size_t kShortWord = 5;
    const unsigned max_edits = word.size() <= kShortWord ? 1 : 2;
    if (corrections_.size() >= kMaxRememberedCorrections) corrections_.clear();
    return corrections_
        .emplace(word, known ? std::string() : db_.get_spelling_suggestion(word, max_edits))
        .first->second;
}

std::string QueryBuilder::spelling_correction(const std::string& folded) {
    // Our own pass rather than QueryParser's FLAG_SPELLING_CORRECTION, which skips words next
    // to a stopword ("logment des refugies") and "corrects" words the index knows
    // (paternity -> maternity). Only a word that no practice contains and that is no thesaurus
    // form is replaced, by the index's closest spelling; operators and syntax stay as typed.
    std::string corrected;
    bool changed = false;
    std::size_t at = 0;
    while (at < folded.size()) {
        const bool in_word = std::islower(static_cast<unsigned char>(folded[at])) != 0;
        std::size_t end = at;
        while (end < folded.size() &&
               (std::islower(static_cast<unsigned char>(folded[end])) != 0) == in_word &&
               folded[end] != ' ') {
            ++end;
        }
        if (end == at) ++end;
        const std::string piece = folded.substr(at, end - at);
        // A word before ':' names a field or a filter (title:, country:), not a search word.
        const bool names_field = end < folded.size() && folded[end] == ':';
        const std::string suggestion =
            in_word && !names_field ? word_correction(piece) : std::string();
        corrected += suggestion.empty() ? piece : suggestion;
        changed = changed || !suggestion.empty();
        at = end;
    }
    return changed ? corrected : std::string();
}

std::string field_phrases_as_words(const std::string& folded, const Xapian::Stopper& stopwords) {
    static constexpr std::string_view kFields[] = {"title", "goal", "target", "transferability",
                                                   "place"};
    std::string out;
    std::size_t at = 0;
    while (at < folded.size()) {
        const auto opens = [&folded](std::size_t before) {
            return before == 0 || folded[before - 1] == ' ' || folded[before - 1] == '(';
        };
        // A field at the start of a token, or after its + or - sign (kept: -(…) excludes).
        const bool token_start =
            opens(at) || ((folded[at - 1] == '-' || folded[at - 1] == '+') && opens(at - 1));
        const auto field = std::find_if(std::begin(kFields), std::end(kFields), [&](auto name) {
            return token_start && folded.compare(at, name.size(), name) == 0 &&
                   at + name.size() + 1 < folded.size() && folded[at + name.size()] == ':';
        });
        if (field == std::end(kFields)) {
            out += folded[at++];
            continue;
        }
        const std::size_t value = at + field->size() + 1;
        const bool quoted = folded[value] == '"';
        const std::size_t end = quoted ? std::min(folded.find('"', value + 1), folded.size())
                                       : std::min(folded.find_first_of(" )", value), folded.size());
        std::string phrase =
            folded.substr(value + (quoted ? 1 : 0), end - value - (quoted ? 1 : 0));
        if (!quoted) std::replace(phrase.begin(), phrase.end(), '-', ' ');
        std::istringstream words(phrase);
        std::vector<std::string> kept;
        std::size_t count = 0;
        for (std::string word; words >> word; ++count) {
            if (!stopwords(word)) kept.push_back(std::string(*field) + ":" + word);
        }
        const std::size_t next = quoted && end < folded.size() ? end + 1 : end;
        if (count < 2 || kept.empty()) {
            out += folded.substr(at, next - at);
        } else {
            out += "(";
            // AND even in the any-word fallback: a phrase is never loosened to its words.
            for (const auto& word : kept) out += word + " AND ";
            out += "\"" + phrase + "\")";
        }
        at = next;
    }
    return out;
}

std::string extract_filters(const std::string& text,
                            std::map<std::string, std::vector<std::string>>& filters) {
    std::string rest;
    bool in_quotes = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find_first_of(" \t\n", at);
        const std::string token =
            text.substr(at, end == std::string::npos ? std::string::npos : end - at);
        bool taken = false;
        const std::size_t colon = token.find(':');
        if (!in_quotes && colon != std::string::npos && colon + 1 < token.size()) {
            if (find_facet(token.substr(0, colon))) {
                filters[token.substr(0, colon)].push_back(token.substr(colon + 1));
                taken = true;
            }
        }
        if (!taken) rest += token;
        for (char c : token) in_quotes ^= (c == '"');
        if (end == std::string::npos) break;
        rest += text[end];
        at = end + 1;
    }
    return rest;
}

QueryBuilder::QueryBuilder(Xapian::Database db, Normaliser& normaliser, const Lexicon& lexicon)
    : db_(db), normaliser_(normaliser), lexicon_(lexicon) {
    add_stopwords(stopwords_);
    configure(french_, db, "french");
    configure(english_, db, "english");
}

Xapian::Query QueryBuilder::parse_words(const std::string& text, const TellingLimits& limits) {
    const std::string words = plain_words(normaliser_.fold_query(text));
    constexpr unsigned kWordFlags =
        Xapian::QueryParser::FLAG_AUTO_SYNONYMS | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    // A situation is a paragraph: no practice has all its words.
    french_.set_default_op(Xapian::Query::OP_OR);
    english_.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query french = parse_query(french_, words, kWordFlags);
    Xapian::Query english = parse_query(english_, words, kWordFlags);
    if (describes_a_situation(words, stopwords_))
        read_situation_in_its_language(words, french, english);
    std::vector<SituationPart> parts = merge_readings({french, english});
    if (parts.empty()) return {};
    count_practices(db_, parts);
    const Xapian::Query query =
        any_part(most_telling(std::move(parts), db_.get_doccount(), limits));
    const std::vector<std::string> concepts = concepts_in(words);
    const std::vector<std::string> subject = subject_of_situation(db_, concepts);
    return with_concepts(Xapian::Query(Xapian::Query::OP_OR, query, narrower_than(subject)),
                         telling_terms(db_, concepts, limits), broader_than(subject));
}

Xapian::Query QueryBuilder::narrower_than(const std::vector<std::string>& concepts) {
    std::set<std::string> seen(concepts.begin(), concepts.end());
    std::vector<std::string> level = concepts;
    std::vector<Xapian::Query> levels;
    double weight = 1.0;
    for (std::size_t depth = 0; depth < kNarrowerLevels && !level.empty(); ++depth) {
        std::vector<std::string> next;
        for (const auto& concept_term : level) {
            for (const auto& narrower : concept_links().narrower(concept_term)) {
                if (seen.insert(narrower).second) next.push_back(narrower);
            }
        }
        weight *= kNarrowerWeight;
        if (!next.empty()) {
            levels.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                Xapian::Query(Xapian::Query::OP_OR, next.begin(), next.end()),
                                weight);
        }
        level = std::move(next);
    }
    return Xapian::Query(Xapian::Query::OP_OR, levels.begin(), levels.end());
}

std::vector<std::string> QueryBuilder::concepts_in(const std::string& folded) const {
    std::vector<std::string> words;
    std::istringstream tokens(folded);
    for (std::string token; tokens >> token;) {
        std::string word;
        for (char c : token) {
            if (std::islower(static_cast<unsigned char>(c)) ||
                std::isdigit(static_cast<unsigned char>(c)) || c == '\'')
                word += c;
        }
        if (!word.empty()) words.push_back(word);
    }
    constexpr std::size_t kLongestForm = 4;  // thesaurus forms have one to four words
    std::vector<std::string> concepts;
    for (std::size_t at = 0; at < words.size();) {
        std::size_t matched = 1;
        for (std::size_t length = std::min(kLongestForm, words.size() - at); length > 0; --length) {
            std::string key = words[at];
            for (std::size_t k = 1; k < length; ++k) key += " " + words[at + k];
            auto synonym = db_.synonyms_begin(key);
            if (synonym == db_.synonyms_end(key)) continue;
            for (; synonym != db_.synonyms_end(key); ++synonym) concepts.push_back(*synonym);
            matched = length;
            break;
        }
        at += matched;
    }
    return concepts;
}

std::vector<std::string> QueryBuilder::broader_than(const std::vector<std::string>& concepts) {
    const std::set<std::string> named(concepts.begin(), concepts.end());
    std::set<std::string> broader;
    for (const auto& concept_term : concepts) {
        for (const auto& parent : concept_links().broader(concept_term)) {
            if (!named.contains(parent) &&
                !too_common_to_tell(db_.get_termfreq(parent), db_.get_doccount()))
                broader.insert(parent);
        }
    }
    return {broader.begin(), broader.end()};
}

Xapian::Query QueryBuilder::with_concepts(const Xapian::Query& query,
                                          const std::vector<std::string>& concepts,
                                          const std::vector<std::string>& broader) {
    // QueryParser's synonym expansion lets "food bank" match "banque alimentaire", but weighs
    // the expanded group weakly; the concept terms found in the query add their own weight.
    // AND_MAYBE: they rank what the query matches and never widen it (so NOT keeps its sense).
    if (concepts.empty()) return query;
    const Xapian::Query named(Xapian::Query::OP_OR, concepts.begin(), concepts.end());
    if (broader.empty()) return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, named);
    const Xapian::Query above(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_OR, broader.begin(), broader.end()),
                              kBroaderWeight);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, named, above));
}

const ConceptLinks& QueryBuilder::concept_links() {
    if (!concept_links_) concept_links_.emplace(db_);
    return *concept_links_;
}

ParsedQuery QueryBuilder::parse(const std::string& text, WordMatch words_match) {
    ParsedQuery parsed;
    const std::string words_text = extract_filters(text, parsed.filters);
    const std::string folded = compounds_as_words(only_exclusions_as_not(
        take_article_references(normaliser_.fold_query(words_text), parsed.filters)));
    const std::string to_parse = field_phrases_as_words(folded, stopwords_);
    // Between bare words; explicit AND / OR / NOT in the text keep their meaning either way.
    const auto op = words_match == WordMatch::all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
    french_.set_default_op(op);
    english_.set_default_op(op);
    Xapian::Query french, english;
    try {
        french = parse_query(french_, to_parse, kFlags);
        english = parse_query(english_, to_parse, kFlags);
        parsed.corrected = spelling_correction(folded);
    } catch (const Xapian::QueryParserError&) {
        parsed.degraded = true;
        const std::string words = plain_words(folded);
        // "AND OR NOT" leaves only stopwords, which QueryParser would keep (it never empties
        // a query by stopping): such a query has no words to search for.
        std::istringstream tokens(words);
        std::string word;
        bool meaningful = false;
        while (tokens >> word) meaningful = meaningful || !stopwords_(word);
        if (!meaningful) return parsed;
        french = french_.parse_query(words, 0);
        english = english_.parse_query(words, 0);
    }
    const bool situation = describes_a_situation(folded, stopwords_);
    if (situation) read_situation_in_its_language(folded, french, english);
    parsed.empty = french.empty() && english.empty();
    if (!parsed.empty) {
        const std::vector<std::string> concepts = concepts_in(folded);
        const std::vector<std::string> subject =
            situation ? subject_of_situation(db_, concepts) : concepts;
        parsed.match = Xapian::Query(Xapian::Query::OP_OR, french, english);
        // Any of the words: the practices that name a narrower concept match too, unless the
        // query says how to match (a phrase, a field, an exclusion, an operator).
        if (words_match == WordMatch::any && only_words(folded)) {
            parsed.match =
                Xapian::Query(Xapian::Query::OP_OR, parsed.match, narrower_than(subject));
        }
        parsed.query = parsed.degraded ? parsed.match : with_proximity(parsed.match, folded);
        parsed.query = with_concepts(
            parsed.query, concepts, situation ? broader_than(subject) : std::vector<std::string>{});
    }
    return parsed;
}

Xapian::Query QueryBuilder::with_proximity(const Xapian::Query& query,
                                           const std::string& folded) const {
    // Plain words only: a query with operators, quotes or prefixes says how to match already.
    std::vector<std::string> words;
    std::istringstream tokens(folded);
    for (std::string token; tokens >> token;) {
        const bool plain = std::all_of(token.begin(), token.end(), [](char c) {
            return std::islower(static_cast<unsigned char>(c)) ||
                   std::isdigit(static_cast<unsigned char>(c)) || c == '\'';
        });
        if (!plain) return query;
        if (!stopwords_(token)) words.push_back(token);
    }
    if (words.size() < 2) return query;
    // Practices where the words stand close together (in any order) rank higher: "logement
    // des réfugiés" is about housing refugees more surely than a text that says both apart.
    const Xapian::termcount window = static_cast<Xapian::termcount>(words.size()) + kProximitySlack;
    const Xapian::Query near(Xapian::Query::OP_NEAR, words.begin(), words.end(), window);
    return Xapian::Query(Xapian::Query::OP_OR, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, near, kProximityWeight));
}

}  // namespace cohesio
