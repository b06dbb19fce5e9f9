// Search over one index: query + filters -> ranked hits with snippets and exact facet counts.
// A Searcher owns a Xapian::Database and ICU objects: one per thread.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "index/shards.h"
#include "normalise/lexicon.h"
#include "normalise/normaliser.h"
#include "search/doc_sets.h"
#include "search/facets.h"
#include "search/query.h"
#include "search/record_cache.h"
#include "search/suggest.h"
#include "search/term_stats.h"

namespace cohesio {

// How results are ordered. Titles and countries sort in either interface language: in English,
// by our English titles where the record is French, and by the countries' English names.
// `date` is the date a record was last updated (what a feed is ordered by).
enum class SortOrder { relevance, title, title_en, country, country_en, date };

// The order a name gives: "relevance", "title", "title_en", "country", "country_en", "date".
std::optional<SortOrder> sort_order_named(std::string_view name);
inline constexpr std::string_view kSortOrderNames =
    "relevance, title, title_en, country, country_en or date";

struct SearchRequest {
    std::string query;
    std::map<std::string, std::vector<std::string>> filters;  // facet name -> values (OR-ed)
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    SortOrder sort = SortOrder::relevance;
    // True: search for the words as typed; a spelling correction is only suggested.
    bool as_typed = false;
    // True: the `article` filter's values are AND-ed, for practices that concern every one of
    // the chosen Charter articles; its facet's counts are then counted within that filter.
    bool all_articles = false;
    // False: hits without snippets, for an export that shows none (Xapian's snippet() is the
    // costliest part of a hit).
    bool snippets = true;
};

struct Hit {
    std::string id;
    double score = 0;
    int percent = 0;
    std::string snippet;  // HTML-escaped text with <mark> around matched words
    std::shared_ptr<const nlohmann::json> record;  // the stored record (shared with a cache)
};

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

struct SearchResponse {
    Xapian::doccount total = 0;
    std::vector<Hit> hits;
    // facet name -> values by decreasing count; each facet is counted with every filter but
    // its own, so a client can offer the other values of a facet already filtered on.
    std::map<std::string, std::vector<FacetValue>> facets;
    bool degraded_query = false;
    WordMatch matching = WordMatch::all;  // any: too few practices had every word
    std::string corrected_query;          // spelling suggestion ("did you mean"), folded
    bool auto_corrected = false;        // these are corrected_query's hits, not the query as typed
    std::vector<std::string> warnings;  // e.g. a filter value no practice has
    // The filters applied: the request's and those written in the query (article:31).
    std::map<std::string, std::vector<std::string>> filters;
    // Shards that were down: the answer comes from the others (a partial answer).
    std::vector<std::string> missing_shards;
};

// What search ranks by: BM25 with k1 = 4 and b = 1, and, when browsing by Charter article
// (no words, an article filter), the articles' strength terms (schema.h) with no length
// normalisation, then titles. For tools and tests that run a ranking_query() themselves.
Xapian::BM25Weight ranking_weight();
Xapian::BM25Weight article_strength_weight();

class Searcher {
public:
    ~Searcher();

    // `lexicon`: the real words spelling correction leaves alone; Debian's word lists when
    // none is given (a server shares one among its Searchers). `index`: an index root, a
    // database, or a stub listing shards (index/shards.h), remote ones opened as `remote` says.
    static Result<std::unique_ptr<Searcher>> open(const std::filesystem::path& index,
                                                  std::shared_ptr<const Lexicon> lexicon = {},
                                                  const RemoteOptions& remote = {});

    Result<SearchResponse> search(const SearchRequest& request);

    // The Xapian::Query that ranks `request`'s results (words and filters, corrected as
    // search() corrects them), for benchmarks and diagnostics that run it through a bare Enquire.
    Result<Xapian::Query> ranking_query(const SearchRequest& request);

    // A description of a situation as a query of its words (see QueryBuilder::parse_words).
    Result<Xapian::Query> parse_text(const std::string& text);

    // The stored record of a practice, or not_found.
    Result<nlohmann::json> record(const std::string& id);

    Xapian::Database& database() { return db_; }
    TermStats& term_stats() { return term_stats_; }
    // The name of the generation it reads (the build's directory), as its metadata gives it.
    std::string generation() const;
    // What names the state of the index within its generation: the database's revision, or for
    // a sharded index (no single revision), the count of updates committed in place.
    std::string revision() const;
    // The shards left out when it was opened (RemoteOptions::answer_without_missing): its
    // answers are partial.
    const std::vector<std::string>& missing_shards() const { return missing_shards_; }
    // Whether some of its shards are remote (xapian-tcpsrv): reading whole posting lists is then
    // slow, and work is better left to the servers.
    bool on_servers() const { return on_servers_; }
    // The languages of the thesaurus's forms, as the index stores them (read once).
    const FormLanguages& form_languages();
    const ConceptLinks& concept_links() { return query_builder_.concept_links(); }
    Normaliser& normaliser() { return *normaliser_; }

private:
    Searcher(Xapian::Database db, std::unique_ptr<Normaliser> normaliser,
             std::shared_ptr<const Lexicon> lexicon);

    // A search decided: the request with the query's own filters merged in, the words as they
    // match (all, or any when too few practices have all), and the exact counts of that match.
    struct Plan {
        SearchRequest request;
        ParsedQuery parsed;
        FacetCounts counts;
        WordMatch matching = WordMatch::all;
        std::string corrected;        // the query with unknown words corrected, if any
        bool auto_corrected = false;  // a word was unknown: this plans `corrected`
    };
    Result<Plan> plan(const SearchRequest& request);
    // A filter value outside the reference data (country=ZZ) is an error listing those it
    // has; a known value no practice has is a warning of the response instead.
    Status check_filter_values(const SearchRequest& request);
    // plan(), or the plan of the spelling correction when the query as typed finds nothing.
    Result<Plan> plan_corrected(const SearchRequest& request);
    // The total and every facet value's exact count, from bitsets (DocSets): a value's count is
    // its term's set ∩ the matches that pass every filter but the facet's own.
    FacetCounts count(const SearchRequest& request, const ParsedQuery& parsed);
    // The page of `plan`, ranked by Xapian without counting (it may skip what cannot reach it).
    Xapian::MSet ranked_page(const Plan& plan);
    static void sort_results(Xapian::Enquire& enquire, const ParsedQuery& parsed, SortOrder sort,
                             bool by_article);
    // The page of hits with their records and snippets.
    std::vector<Hit> rank(const Plan& plan, const Xapian::MSet& matches);
    SearchResponse respond(Plan plan);
    static Xapian::Query ranked_query(const Plan& plan);
    // Each filtered facet (an index into kFacets) with the OR of its values' terms (the AND
    // for articles when the request asks for all of them), and whether it is that AND.
    struct FilterTerms {
        std::size_t facet = 0;
        Xapian::Query query;
        bool all = false;
    };
    static std::vector<FilterTerms> filter_terms(const SearchRequest& request);
    std::string snippet(const Xapian::MSet& matches, const StoredRecord& stored);

    Xapian::Database db_;
    std::unique_ptr<Normaliser> normaliser_;
    std::shared_ptr<const Lexicon> lexicon_;
    QueryBuilder query_builder_;
    std::unique_ptr<FacetValues> facet_values_;  // read at the first search
    // Every value a filter may name, by facet: lower case -> as written. From the reference
    // labels stored with the index, read at the first search; a facet without labels is open.
    std::optional<std::map<std::string, std::map<std::string, std::string>>> known_values_;
    // Every value's documents, held apart from the LRU of doc_sets_ (which may also hold them):
    // ~110 sets, 1.4 MiB at 100,000 practices, 14 MiB at a million.
    FacetSets facet_sets_;
    DocSets doc_sets_;     // the documents of each term used, cached
    RecordCache records_;  // the records of recent hits
    TermStats term_stats_;  // frequencies asked for, kept
    // Fold-then-stem for highlighting in the original text, one per record language.
    Xapian::Stem french_snippets_;
    Xapian::Stem english_snippets_;
    std::vector<std::string> missing_shards_;
    // Some shards are remote: facets are counted on the servers (server_facets.h), not from
    // posting lists, which the remote backend streams slowly.
    bool on_servers_ = false;
    std::optional<FormLanguages> form_languages_;
};

}  // namespace cohesio
