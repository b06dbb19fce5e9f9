#include "search/searcher.h"

#include <algorithm>

#include "common/markup.h"
#include "index/schema.h"
#include "index/store.h"
#include "search/facet_names.h"
#include "search/facets.h"
#include "search/folding_stem.h"

namespace cohesio {

namespace {

constexpr std::size_t kSnippetBytes = 280;
// Longer queries are not questions but pasted documents, and their cost grows quickly.
constexpr std::size_t kMaxQueryBytes = 1024;
// A description of a situation may be a paragraph; it is matched without counting every match.
constexpr std::size_t kMaxTextBytes = 4096;

// The prose a snippet is cut from: what the practice does first, who runs it last.
std::string snippet_source(const nlohmann::json& record) {
    static constexpr const char* kSnippetFields[] = {"description",
                                                     "goal",
                                                     "context",
                                                     "implementation",
                                                     "impact",
                                                     "target_groups",
                                                     "conditions_of_success",
                                                     "concrete_example",
                                                     "remarks",
                                                     "instruments_used",
                                                     "duration",
                                                     "partners"};
    std::string text;
    const auto fields = record.find("text");
    if (fields == record.end()) return text;
    for (const char* key : kSnippetFields) {
        const auto value = fields->find(key);
        if (value == fields->end() || !value->is_string()) continue;
        if (!text.empty()) text += "\n";
        text += value->get<std::string>();
    }
    return text;
}

// Browsing has no matches to centre a snippet on: show the start of the text, cut at a space.
std::string opening(const nlohmann::json& record) {
    std::string text = snippet_source(record);
    if (text.size() <= kSnippetBytes) return escape_markup(text);
    std::size_t cut = text.rfind(' ', kSnippetBytes);
    if (cut == std::string::npos) cut = kSnippetBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return escape_markup(text.substr(0, cut)) + "…";
}

}  // namespace

Searcher::Searcher(Xapian::Database db, std::unique_ptr<Normaliser> normaliser)
    : db_(std::move(db)), normaliser_(std::move(normaliser)), query_builder_(db_, *normaliser_) {}

Result<std::unique_ptr<Searcher>> Searcher::open(const std::filesystem::path& index) {
    auto db = open_index(index);
    if (!db) return db.error();
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    return std::unique_ptr<Searcher>(
        new Searcher(std::move(db).value(), std::move(normaliser).value()));
}

Result<Xapian::Query> Searcher::filter_query(const SearchRequest& request,
                                             std::string_view except) {
    std::vector<Xapian::Query> facets;
    for (const auto& [name, values] : request.filters) {
        const Facet* facet = find_facet(name);
        if (!facet) return Error{ErrorKind::invalid_input, name, "unknown filter '" + name + "'"};
        if (name == except || values.empty()) continue;
        std::vector<Xapian::Query> alternatives;
        for (const auto& value : values) {
            alternatives.emplace_back(schema::boolean_term(facet->prefix, value));
        }
        facets.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    if (facets.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

std::string Searcher::snippet(const Xapian::MSet& matches, const nlohmann::json& record) {
    Language language = Language::fr;
    parse_language(record.value("language", "fr"), language);
    const Xapian::Stem stem(new FoldingStem(*normaliser_, language));
    return matches.snippet(
        snippet_source(record), kSnippetBytes, stem,
        Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>",
        "</mark>", "…");
}

Result<SearchResponse> Searcher::run(const SearchRequest& request, const ParsedQuery& parsed) {
    SearchResponse response;
    response.degraded_query = parsed.degraded;
    response.filters = request.filters;
    const Xapian::Query words = parsed.empty ? Xapian::Query::MatchAll : parsed.query;

    auto filters = filter_query(request, "");
    if (!filters) return filters.error();
    const auto filtered = [&](const Xapian::Query& filter) {
        return filter.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
    };

    for (const auto& [name, values] : request.filters) {
        const Facet* facet = find_facet(name);
        for (const auto& value : values) {
            if (facet && !db_.term_exists(schema::boolean_term(facet->prefix, value))) {
                response.warnings.push_back("no practice has " + name + " '" + value + "'");
            }
        }
    }
    {
        const Xapian::doccount all = db_.get_doccount();
        Xapian::Enquire enquire(db_);
        enquire.set_query(filtered(*filters));
        // Browsing (filters, no words) has no relevance to rank by: list by title instead.
        const SortOrder sort =
            parsed.empty && request.sort == SortOrder::relevance ? SortOrder::title : request.sort;
        switch (sort) {
            case SortOrder::relevance:
                break;
            case SortOrder::title:
                enquire.set_sort_by_value_then_relevance(schema::title_sort, false);
                break;
            case SortOrder::date:
                enquire.set_sort_by_value_then_relevance(schema::updated, true);
                break;
        }
        std::vector<Xapian::valueno> slots;
        for (const auto& facet : kFacets) slots.push_back(facet.slot);
        FacetSpy spy(slots);
        enquire.add_matchspy(&spy);
        // check_at_least = every document, so the spy sees all matches and counts are exact.
        const Xapian::MSet matches = enquire.get_mset(request.offset, request.limit, all);
        response.total = matches.get_matches_estimated();
        for (auto it = matches.begin(); it != matches.end(); ++it) {
            Hit hit;
            const Xapian::Document document = it.get_document();
            hit.id = document.get_value(schema::id);
            hit.score = it.get_weight();
            hit.percent = it.get_percent();
            hit.record = nlohmann::json::parse(document.get_data());
            hit.snippet = parsed.empty ? opening(hit.record) : snippet(matches, hit.record);
            response.hits.push_back(std::move(hit));
        }

        for (const auto& facet : kFacets) {
            const auto& own = request.filters.find(std::string(facet.name));
            std::map<std::string, Xapian::doccount> counts = spy.counts(facet.slot);
            if (own != request.filters.end() && !own->second.empty()) {
                // Disjunctive count: this facet as if its own filter were not set.
                auto others = filter_query(request, facet.name);
                Xapian::Enquire facet_enquire(db_);
                facet_enquire.set_query(filtered(*others));
                FacetSpy facet_spy({facet.slot});
                facet_enquire.add_matchspy(&facet_spy);
                facet_enquire.get_mset(0, 0, all);
                counts = facet_spy.counts(facet.slot);
            }
            auto& values = response.facets[std::string(facet.name)];
            for (const auto& [value, count] : counts) values.push_back({value, count});
            std::stable_sort(values.begin(), values.end(),
                             [](const auto& a, const auto& b) { return a.count > b.count; });
        }
    }
    return response;
}

Result<SearchResponse> Searcher::search(const SearchRequest& original) {
    if (original.query.size() > kMaxQueryBytes) {
        return Error{ErrorKind::invalid_input, "query",
                     "longer than " + std::to_string(kMaxQueryBytes) + " bytes"};
    }
    try {
        SearchRequest request = original;
        const ParsedQuery parsed = query_builder_.parse(request.query);
        for (const auto& [name, values] : parsed.filters) {
            auto& merged = request.filters[name];
            merged.insert(merged.end(), values.begin(), values.end());
        }
        if (parsed.empty && request.filters.empty()) {
            return Error{ErrorKind::invalid_input, "query",
                         "no words to search for and no filter to browse by"};
        }
        auto response = run(request, parsed);
        if (!response) return response;
        const bool has_suggestion = !parsed.empty && !parsed.corrected.empty();
        if (has_suggestion && response->total == 0) {
            // Nothing found: search for the correction instead, and say so.
            auto retried = run(request, query_builder_.parse(parsed.corrected));
            if (retried && retried->total > 0) {
                retried->corrected_query = parsed.corrected;
                retried->auto_corrected = true;
                return retried;
            }
        }
        if (has_suggestion) response->corrected_query = parsed.corrected;
        return response;
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, "index", e.get_description()};
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

Result<Xapian::Query> Searcher::ranking_query(const SearchRequest& original) {
    try {
        SearchRequest request = original;
        const ParsedQuery parsed = query_builder_.parse(request.query);
        for (const auto& [name, values] : parsed.filters) {
            auto& merged = request.filters[name];
            merged.insert(merged.end(), values.begin(), values.end());
        }
        auto filters = filter_query(request, "");
        if (!filters) return filters.error();
        const Xapian::Query words = parsed.empty ? Xapian::Query::MatchAll : parsed.query;
        if (filters->empty()) return words;
        return Xapian::Query(Xapian::Query::OP_FILTER, words, *filters);
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, "index", e.get_description()};
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
        return Error{ErrorKind::io, "index", e.get_description()};
    }
}

Result<nlohmann::json> Searcher::record(const std::string& id) {
    try {
        const std::string term = std::string(schema::prefix::id) + id;
        Xapian::PostingIterator posting = db_.postlist_begin(term);
        if (posting == db_.postlist_end(term)) {
            return Error{ErrorKind::not_found, "id", "no practice with id " + quote_input(id)};
        }
        return nlohmann::json::parse(db_.get_document(*posting).get_data());
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, "index", e.get_description()};
    } catch (const nlohmann::json::exception& e) {
        return Error{ErrorKind::io, "index", std::string("stored record is not JSON: ") + e.what()};
    }
}

}  // namespace cohesio
