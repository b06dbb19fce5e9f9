#include "search/searcher.h"

#include <algorithm>

#include "common/markup.h"
#include "index/schema.h"
#include "index/store.h"
#include "search/facet_names.h"
#include "search/facets.h"
#include "search/folding_stem.h"
#include "search/server_facets.h"

namespace cohesio {

namespace {

constexpr std::size_t kSnippetBytes = 280;
// Longer queries are not questions but pasted documents, and their cost grows quickly.
constexpr std::size_t kMaxQueryBytes = 1024;
// A description of a situation may be a paragraph; it is matched without counting every match.
constexpr std::size_t kMaxTextBytes = 4096;
// A query matches the practices that have all its words, unless fewer than a page of them do.
constexpr Xapian::doccount kEnoughAllWordMatches = 10;
// The cache of term sets, per Searcher (the server has one per core): room for about 1,000
// terms' sets — twice what the 300 benchmark queries use — within 16 to 64 MiB. A set is
// lastdocid / 8 bytes: 12.5 KB at 100,000 practices (16 MiB, ~1,300 terms), 125 KB at a million
// (64 MiB, ~500 terms).
constexpr std::size_t kDocSetTerms = 1000;
constexpr std::size_t kMinDocSetBytes = std::size_t{16} << 20;
constexpr std::size_t kMaxDocSetBytes = std::size_t{64} << 20;
// The records of recent hits, per Searcher: about 2,400 practices of ~4 KB (13 KB parsed, with
// their prose), the pages of a few hundred distinct queries.
constexpr std::size_t kRecordCacheBytes = std::size_t{32} << 20;
// About 20 MB at most: "similar" asks about some 300 terms a practice.
constexpr std::size_t kTermStatsMaxTerms = 200'000;

// Browsing by Charter article: the articles' strength terms, so that the practices that name
// an article, then those with the most evidence for it, come first.
Xapian::Query article_strengths(const SearchRequest& request) {
    std::vector<Xapian::Query> strengths;
    for (const auto& article : request.filters.at("article"))
        strengths.emplace_back(schema::boolean_term(schema::prefix::article_strength, article));
    return Xapian::Query(Xapian::Query::OP_OR, strengths.begin(), strengths.end());
}

// Browsing (no words) with an article filter: ranked by the articles' strengths.
bool browses_by_article(const ParsedQuery& parsed, const SearchRequest& request) {
    const auto articles = request.filters.find("article");
    return parsed.empty && articles != request.filters.end() && !articles->second.empty();
}

std::size_t doc_set_budget(const Xapian::Database& db) {
    const std::size_t per_set = static_cast<std::size_t>(db.get_lastdocid()) / 8 + 1;
    return std::clamp(per_set * kDocSetTerms, kMinDocSetBytes, kMaxDocSetBytes);
}

// Browsing has no matches to centre a snippet on: show the start of the text, cut at a space.
std::string opening(const std::string& text) {
    if (text.size() <= kSnippetBytes) return escape_markup(text);
    std::size_t cut = text.rfind(' ', kSnippetBytes);
    if (cut == std::string::npos) cut = kSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return escape_markup(text.substr(0, cut)) + "…";
}

}  // namespace

Xapian::BM25Weight ranking_weight() {
    // k1 = 4 and b = 1 rather than Xapian's k1 = 1, b = 0.5: a title word's wdf counts five
    // times and a goal word's twice (schema.h), and a high k1 keeps those field weights from
    // saturating; full length normalisation keeps the ten long compendium sheets (500 to 900
    // words against a median of 63), which share some word with almost any query, from
    // crowding out the short rows that name the subject. Measured with cohesio eval: k1 from 1
    // to 6 and b from 0.5 to 1, best at k1 3 to 4 with b = 1 (docs/relevance.md).
    constexpr double kK1 = 4.0, kK2 = 0, kK3 = 1, kB = 1.0, kMinNormLength = 0.5;
    return Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLength);
}

Xapian::BM25Weight article_strength_weight() {
    // A strength is a count, not a text: no length to normalise, each count above the next.
    constexpr double kK1 = 1, kK2 = 0, kK3 = 1, kB = 0, kMinNormLength = 0.5;
    return Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormLength);
}

Searcher::Searcher(Xapian::Database db, std::unique_ptr<Normaliser> normaliser,
                   std::shared_ptr<const Lexicon> lexicon)
    : db_(std::move(db)),
      normaliser_(std::move(normaliser)),
      lexicon_(std::move(lexicon)),
      query_builder_(db_, *normaliser_, *lexicon_),
      doc_sets_(db_, doc_set_budget(db_)),
      records_(db_, kRecordCacheBytes),
      term_stats_(db_, kTermStatsMaxTerms),
      french_snippets_(new FoldingStem(*normaliser_, Language::fr)),
      english_snippets_(new FoldingStem(*normaliser_, Language::en)) {}

Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const std::filesystem::path& index,
                                                 std::shared_ptr<const Lexicon> lexicon,
                                                 const RemoteOptions& remote) {
    auto opened = open_index_parts(index, remote);
    if (!opened) return opened.error();
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    if (!lexicon) lexicon = std::make_shared<const Lexicon>(default_word_lists());
    std::unique_ptr<Searcher> searcher(new Searcher(
        std::move(opened->database), std::move(normaliser).value(), std::move(lexicon)));
    searcher->missing_shards_ = std::move(opened->missing_shards);
    searcher->on_servers_ = opened->remote;
    if (opened->remote) searcher->term_stats_.ask_in_parallel(std::move(opened->parts));
    return searcher;
}

std::string Searcher::generation() const {
    return db_.get_metadata(std::string(schema::kGenerationKey));
}

const FormLanguages& Searcher::form_languages() {
    if (!form_languages_) {
        form_languages_.emplace();
        const std::string stored = db_.get_metadata(std::string(schema::kFormLanguagesKey));
        const nlohmann::json parsed = nlohmann::json::parse(stored, nullptr, false);
        // Indexes built before it was stored: every form counts as both languages.
        if (parsed.is_object()) *form_languages_ = parsed.get<FormLanguages>();
    }
    return *form_languages_;
}

std::string Searcher::revision() const {
    try {
        return std::to_string(db_.get_revision());
    } catch (const Xapian::InvalidOperationError&) {
        // Several databases: Xapian has no one revision for them.
        const std::string updates = db_.get_metadata(std::string(schema::kUpdatesKey));
        return "u" + (updates.empty() ? std::string("0") : updates);
    }
}

std::vector<Searcher::FilterTerms> Searcher::filter_terms(const SearchRequest& request) {
    std::vector<FilterTerms> filters;
    for (const auto& [name, values] : request.filters) {
        const Facet* facet = find_facet(name);
        if (values.empty()) continue;
        const bool all = request.all_articles && name == "article";
        filters.push_back({static_cast<std::size_t>(facet - kFacets),
                           all ? schema::every_boolean_term(facet->prefix, values)
                               : schema::any_boolean_term(facet->prefix, values),
                           all});
    }
    return filters;
}

Status Searcher::check_filter_values(const SearchRequest& request) {
    if (!known_values_) {
        known_values_.emplace();
        const std::string stored = db_.get_metadata(std::string(schema::kLabelsKey));
        if (!stored.empty()) {
            const nlohmann::json all_labels = nlohmann::json::parse(stored);
            for (const auto& [facet, labels] : all_labels.items()) {
                for (const auto& [value, label] : labels.items())
                    (*known_values_)[facet][schema::boolean_term("", value)] = value;
            }
        }
    }
    for (const auto& [name, values] : request.filters) {
        const auto known = known_values_->find(name);
        if (known == known_values_->end()) continue;
        for (const auto& value : values) {
            if (known->second.contains(schema::boolean_term("", value))) continue;
            std::string accepted;
            for (const auto& [folded, shown] : known->second)
                accepted.append(accepted.empty() ? "" : ", ").append(shown);
            return Error{ErrorKind::invalid_input, name,
                         "unknown value " + quote_input(value) + "; one of: " + accepted};
        }
    }
    return ok_status();
}

Result<Searcher::Plan> Searcher::plan(const SearchRequest& original) {
    Plan plan;
    plan.request = original;
    plan.parsed = query_builder_.parse(original.query, WordMatch::all);
    for (const auto& [name, values] : plan.parsed.filters) {
        auto& merged = plan.request.filters[name];
        merged.insert(merged.end(), values.begin(), values.end());
    }
    for (const auto& [name, values] : plan.request.filters) {
        if (!find_facet(name)) {
            return Error{ErrorKind::invalid_input, name, "unknown filter '" + name + "'"};
        }
    }
    plan.counts = count(plan.request, plan.parsed);
    if (!plan.parsed.empty && plan.counts.total < kEnoughAllWordMatches) {
        // Too few practices have every word: show those that have any of them.
        ParsedQuery any = query_builder_.parse(original.query, WordMatch::any);
        FacetCounts any_counts = count(plan.request, any);
        if (any_counts.total > plan.counts.total) {
            plan.parsed = std::move(any);
            plan.counts = std::move(any_counts);
            plan.matching = WordMatch::any;
        }
    }
    return plan;
}

FacetCounts Searcher::count(const SearchRequest& request, const ParsedQuery& parsed) {
    if (!facet_values_) facet_values_ = std::make_unique<FacetValues>(FacetValues::read(db_));
    if (on_servers_) {
        std::vector<FacetQuery> filters;
        for (auto& filter : filter_terms(request))
            filters.push_back({filter.facet, std::move(filter.query), filter.all});
        return count_facets_on_servers(
            db_, parsed.empty ? Xapian::Query::MatchAll : parsed.match, filters, *facet_values_);
    }
    if (facet_sets_.empty()) facet_sets_ = read_facet_sets(*facet_values_, doc_sets_);
    std::vector<FacetFilter> filters;
    for (const auto& filter : filter_terms(request))
        filters.push_back({filter.facet, doc_sets_.evaluate(filter.query), filter.all});
    // The set to count is `match`: `query` matches the same practices (its bonuses only add
    // weight), and its NEAR would have its positions checked in every match.
    const DocSet matches =
        doc_sets_.evaluate(parsed.empty ? Xapian::Query::MatchAll : parsed.match);
    return count_facets(matches, filters, facet_sets_);
}

Xapian::MSet Searcher::ranked_page(const Plan& plan) {
    Xapian::Enquire enquire(db_);
    const bool by_article = browses_by_article(plan.parsed, plan.request);
    enquire.set_weighting_scheme(by_article ? article_strength_weight() : ranking_weight());
    enquire.set_query(ranked_query(plan));
    sort_results(enquire, plan.parsed, plan.request.sort, by_article);
    return enquire.get_mset(plan.request.offset, plan.request.limit);
}

std::optional<SortOrder> sort_order_named(std::string_view name) {
    static constexpr std::pair<std::string_view, SortOrder> kNames[] = {
        {"relevance", SortOrder::relevance},   {"title", SortOrder::title},
        {"title_en", SortOrder::title_en},     {"country", SortOrder::country},
        {"country_en", SortOrder::country_en}, {"date", SortOrder::date}};
    for (const auto& [known, order] : kNames) {
        if (name == known) return order;
    }
    return std::nullopt;
}

void Searcher::sort_results(Xapian::Enquire& enquire, const ParsedQuery& parsed, SortOrder sort,
                            bool by_article) {
    // Browsing (filters, no words) has no relevance to rank by, unless by article (how surely
    // each practice concerns it): list by title instead, or after the article's strength.
    if (parsed.empty && sort == SortOrder::relevance && !by_article) sort = SortOrder::title;
    switch (sort) {
        case SortOrder::relevance:
            // Equal weights come back in docid order, which shards interleave: break ties by
            // title when browsing an article, else by id, the same sharded or not.
            enquire.set_sort_by_relevance_then_value(by_article ? schema::title_sort : schema::id,
                                                     false);
            break;
        case SortOrder::title:
            enquire.set_sort_by_value_then_relevance(schema::title_sort, false);
            break;
        case SortOrder::title_en:
            enquire.set_sort_by_value_then_relevance(schema::title_sort_en, false);
            break;
        case SortOrder::country:
            enquire.set_sort_by_value_then_relevance(schema::country_sort_fr, false);
            break;
        case SortOrder::country_en:
            enquire.set_sort_by_value_then_relevance(schema::country_sort_en, false);
            break;
        case SortOrder::date:
            enquire.set_sort_by_value_then_relevance(schema::updated, true);
            break;
    }
}

Xapian::Query Searcher::ranked_query(const Plan& plan) {
    const Xapian::Query words = browses_by_article(plan.parsed, plan.request)
                                    ? article_strengths(plan.request)
                                : plan.parsed.empty ? Xapian::Query::MatchAll
                                                    : plan.parsed.query;
    std::vector<Xapian::Query> facets;
    for (auto& filter : filter_terms(plan.request)) facets.push_back(std::move(filter.query));
    if (facets.empty()) return words;
    return Xapian::Query(Xapian::Query::OP_FILTER, words,
                         Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end()));
}

std::string Searcher::snippet(const Xapian::MSet& matches, const StoredRecord& stored) {
    Language language = Language::fr;
    parse_language(stored.record.value("language", "fr"), language);
    // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of the text in the
    // index, which was most of a search's time; the query's words alone choose the passage. Not
    // exhaustive either: Xapian stops at a passage with the query's words, which is what we show.
    return matches.snippet(stored.prose, kSnippetBytes,
                           language == Language::en ? english_snippets_ : french_snippets_, 0,
                           "<mark>", "</mark>", "…");
}

std::vector<Hit> Searcher::rank(const Plan& plan, const Xapian::MSet& matches) {
    std::vector<Hit> hits;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        Hit hit;
        const std::shared_ptr<const StoredRecord> stored = records_.get(*it);
        hit.id = stored->id;
        hit.score = it.get_weight();
        hit.percent = it.get_percent();
        hit.record = std::shared_ptr<const nlohmann::json>(stored, &stored->record);
        if (plan.request.snippets)
            hit.snippet = plan.parsed.empty ? opening(stored->prose) : snippet(matches, *stored);
        hits.push_back(std::move(hit));
    }
    return hits;
}

SearchResponse Searcher::respond(Plan plan) {
    SearchResponse response;
    response.degraded_query = plan.parsed.degraded;
    response.matching = plan.matching;
    response.total = plan.counts.total;
    response.corrected_query = plan.corrected;
    response.auto_corrected = plan.auto_corrected;
    for (const auto& [name, values] : plan.request.filters) {
        const Facet* facet = find_facet(name);
        for (const auto& value : values) {
            FacetValues::ValueId id = 0;
            if (!facet_values_->find(static_cast<std::size_t>(facet - kFacets), value, id)) {
                response.warnings.push_back("no practice has " + name + " '" + value + "'");
            }
        }
    }
    for (std::size_t facet = 0; facet < facet_values_->facet_count(); ++facet) {
        auto& values = response.facets[std::string(kFacets[facet].name)];
        const auto& counts = plan.counts.by_facet[facet];
        for (std::size_t id = 0; id < counts.size(); ++id) {
            if (counts[id] == 0) continue;
            values.push_back(
                {facet_values_->value_name(facet, static_cast<FacetValues::ValueId>(id)),
                 counts[id]});
        }
        std::stable_sort(values.begin(), values.end(),
                         [](const auto& a, const auto& b) { return a.count > b.count; });
    }
    response.hits = rank(plan, ranked_page(plan));
    response.missing_shards = missing_shards_;
    response.filters = std::move(plan.request.filters);
    return response;
}

Result<Searcher::Plan> Searcher::plan_corrected(const SearchRequest& request) {
    auto planned = plan(request);
    if (!planned || planned->parsed.empty || planned->parsed.corrected.empty()) return planned;
    planned->corrected = planned->parsed.corrected;
    if (request.as_typed) return planned;
    // A word no practice contains, nor any thesaurus form, is a typo even when the query's
    // other words find something: search for the correction instead (with the same filters)
    // and say so, so that the client can offer the query as typed (`as_typed`).
    SearchRequest retry = planned->request;
    retry.query = planned->corrected;
    auto retried = plan(retry);
    if (!retried || retried->counts.total == 0) return planned;
    retried->corrected = planned->corrected;
    retried->auto_corrected = true;
    return retried;
}

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
    if (request.query.size() > kMaxQueryBytes) {
        return Error{ErrorKind::invalid_input, "query",
                     "longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
    }
    try {
        if (auto checked = check_filter_values(request); !checked) return checked.error();
        auto planned = plan_corrected(request);
        if (!planned) return planned.error();
        if (planned->parsed.empty && planned->request.filters.empty()) {
            return Error{ErrorKind::invalid_input, "query",
                         "no words to search for and no filter to browse by"};
        }
        return respond(std::move(planned).value());
    } catch (const Xapian::Error& e) {
        return index_read_error(e);
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

Result<Xapian::Query> Searcher::ranking_query(const SearchRequest& request) {
    try {
        if (auto checked = check_filter_values(request); !checked) return checked.error();
        auto planned = plan_corrected(request);
        if (!planned) return planned.error();
        return ranked_query(*planned);
    } catch (const Xapian::Error& e) {
        return index_read_error(e);
    }
}

Result<Xapian::Query> Searcher::parse_text(const std::string& text) {
    if (text.size() > kMaxTextBytes) {
        return Error{ErrorKind::invalid_input, "text",
                     "longer than " + std::to_string(kMaxTextBytes) + " bytes"};
    }
    try {
        Xapian::Query query = query_builder_.parse_words(text);
        if (query.empty()) return Error{ErrorKind::invalid_input, "text", "has no words to match"};
        return query;
    } catch (const Xapian::Error& e) {
        return index_read_error(e);
    }
}

Result<nlohmann::json> Searcher::record(const std::string& id) {
    try {
        // Ids are lower-case slugs, matched as every route matches them (boolean_term).
        const std::string term = schema::boolean_term(schema::prefix::id, id);
        Xapian::PostingIterator posting = db_.postlist_begin(term);
        if (posting == db_.postlist_end(term)) {
            return Error{ErrorKind::not_found, "id", "no practice with id " + quote_input(id)};
        }
        return nlohmann::json::parse(db_.get_document(*posting).get_data());
    } catch (const Xapian::Error& e) {
        return index_read_error(e);
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

}  // namespace cohesio
