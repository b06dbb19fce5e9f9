#include "eval/evaluate.h"

#include <cmath>
#include <set>

#include "eval/baseline.h"
#include "eval/metrics.h"
#include "index/schema.h"
#include "recommend/similar.h"

namespace cohesio {

namespace {

using nlohmann::json;

constexpr std::size_t kNdcgDepth = 10;
constexpr std::size_t kRecallDepth = 20;
constexpr std::size_t kSimilarDepth = 5;

struct Totals {
    double ndcg = 0, mrr = 0, recall = 0;
    std::size_t queries = 0;

    void add(double query_ndcg, double query_mrr, double query_recall) {
        ndcg += query_ndcg, mrr += query_mrr, recall += query_recall, ++queries;
    }
    json mean() const {
        const double n = queries ? static_cast<double>(queries) : 1.0;
        return {{"ndcg@10", ndcg / n},
                {"mrr", mrr / n},
                {"recall@20", recall / n},
                {"queries", queries}};
    }
};

using Filters = std::map<std::string, std::vector<std::string>>;

Filters filters_of(const json& query) {
    return query.contains("filters") ? query["filters"].get<Filters>() : Filters{};
}

// Every judged query's figures for one way of ranking: overall, by kind, and per query id.
struct Scores {
    Totals all;
    std::map<std::string, Totals> by_kind;
    std::map<std::string, Totals> by_language;  // the language the query is typed in
    std::map<std::string, json> per_query;

    json summary() const {
        json kinds = json::object(), languages = json::object();
        for (const auto& [kind, totals] : by_kind) kinds[kind] = totals.mean();
        for (const auto& [language, totals] : by_language) languages[language] = totals.mean();
        return {{"all", all.mean()}, {"by_kind", kinds}, {"by_language", languages}};
    }
};

template <class Rank>
Result<Scores> score(const json& judgments, Rank&& rank) {
    Scores scores;
    for (const auto& query : judgments.at("queries")) {
        Result<std::vector<std::string>> ranking = rank(query);
        if (!ranking) return ranking.error();
        const auto judged = query.at("relevant").get<Judgments>();
        const double ndcg = ndcg_at(*ranking, judged, kNdcgDepth);
        const double rr = reciprocal_rank(*ranking, judged);
        const double recall = recall_at(*ranking, judged, kRecallDepth);
        scores.all.add(ndcg, rr, recall);
        scores.by_kind[query.at("kind")].add(ndcg, rr, recall);
        scores.by_language[query.value("language", "")].add(ndcg, rr, recall);
        scores.per_query[query.at("id")] = {{"ndcg@10", ndcg}, {"recall@20", recall}};
    }
    return scores;
}

Result<std::vector<std::string>> ranking_for(Searcher& searcher, const json& query) {
    SearchRequest request;
    request.query = query.at("text").get<std::string>();
    request.limit = kRecallDepth;
    request.filters = filters_of(query);
    auto response = searcher.search(request);
    if (!response) return response.error();
    std::vector<std::string> ids;
    for (const auto& hit : response->hits) ids.push_back(hit.id);
    return ids;
}

std::set<int> categories_of(Searcher& searcher, const std::string& id) {
    auto record = searcher.record(id);
    if (!record) return {};
    return record->value("categories", json::array()).get<std::set<int>>();
}

Result<json> evaluate_similar(Searcher& searcher, const json& judgments) {
    double judged_precision = 0, judged_recall = 0, category_precision = 0;
    std::size_t judged_count = 0, category_count = 0;
    for (const auto& entry : judgments.value("similar", json::array())) {
        const std::string id = entry.at("id");
        auto suggestions =
            similar_practices(searcher, SimilarRequest::for_practice(id, kSimilarDepth));
        if (!suggestions) return suggestions.error();
        std::vector<std::string> ranking;
        for (const auto& suggestion : *suggestions) ranking.push_back(suggestion.id);
        const auto relevant = entry.at("relevant").get<Judgments>();
        judged_precision += precision_at(ranking, kSimilarDepth, [&](const std::string& other) {
            return relevant.contains(other);
        });
        // How many of the practices the judges named as neighbours the five suggestions find.
        judged_recall += recall_at(ranking, relevant, kSimilarDepth);
        ++judged_count;
    }
    // The report's own labels: does a suggestion share a Table 2 category with the practice?
    // Only suggestions that have categories (Table 2 practices) can be judged this way.
    std::size_t judgeable = 0, sharing = 0;
    Xapian::Database& db = searcher.database();
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const std::string id = db.get_document(*it).get_value(schema::id);
        const std::set<int> own = categories_of(searcher, id);
        if (own.empty()) continue;
        auto suggestions =
            similar_practices(searcher, SimilarRequest::for_practice(id, kSimilarDepth));
        if (!suggestions) return suggestions.error();
        for (const auto& suggestion : *suggestions) {
            const std::set<int> theirs = categories_of(searcher, suggestion.id);
            if (theirs.empty()) continue;
            ++judgeable;
            sharing +=
                std::any_of(theirs.begin(), theirs.end(), [&](int c) { return own.contains(c); })
                    ? 1
                    : 0;
        }
        ++category_count;
    }
    category_precision =
        judgeable ? static_cast<double>(sharing) / static_cast<double>(judgeable) : 0.0;
    const auto mean = [](double sum, std::size_t n) {
        return n ? sum / static_cast<double>(n) : 0.0;
    };
    return json{{"judged_p@5", mean(judged_precision, judged_count)},
                {"judged_recall@5", mean(judged_recall, judged_count)},
                {"judged_practices", judged_count},
                {"category_p@5", category_precision},
                {"category_practices", category_count},
                {"category_judgeable_suggestions", judgeable}};
}

// Cross-language: each English query against its French twin.
json twin_figures(const json& judgments, const std::map<std::string, json>& per_query) {
    Totals english, french;
    json pairs = json::array();
    for (const auto& query : judgments.at("queries")) {
        if (query.at("kind") != "en" || !query.contains("twin")) continue;
        const json& en = per_query.at(query.at("id"));
        const json& fr = per_query.at(query.at("twin"));
        english.add(en["ndcg@10"], 0, en["recall@20"]);
        french.add(fr["ndcg@10"], 0, fr["recall@20"]);
        pairs.push_back({{"en", query.at("id")},
                         {"fr", query.at("twin")},
                         {"en_ndcg@10", en["ndcg@10"]},
                         {"fr_ndcg@10", fr["ndcg@10"]},
                         {"en_recall@20", en["recall@20"]},
                         {"fr_recall@20", fr["recall@20"]}});
    }
    json english_mean = english.mean(), french_mean = french.mean();
    english_mean.erase("mrr");
    french_mean.erase("mrr");
    return {{"en", english_mean}, {"fr", french_mean}, {"pairs", pairs}};
}

void flatten(const json& value, const std::string& path, std::map<std::string, double>& out) {
    if (value.is_number_float()) out[path] = value.get<double>();
    if (value.is_object()) {
        for (const auto& [key, item] : value.items())
            flatten(item, path.empty() ? key : path + "." + key, out);
    }
}

}  // namespace

Result<json> evaluate(Searcher& searcher, const json& judgments) {
    try {
        auto cohesio = score(
            judgments, [&searcher](const json& query) { return ranking_for(searcher, query); });
        if (!cohesio) return cohesio.error();
        auto bm25 = Bm25Baseline::open(searcher.database());
        if (!bm25) return bm25.error();
        auto baseline = score(judgments, [&bm25](const json& query) {
            return (*bm25)->rank(query.at("text"), filters_of(query), kRecallDepth);
        });
        if (!baseline) return baseline.error();
        auto corrected_bm25 =
            Bm25Baseline::open(searcher.database(), BaselineSpelling::xapian_did_you_mean);
        if (!corrected_bm25) return corrected_bm25.error();
        auto corrected_baseline = score(judgments, [&corrected_bm25](const json& query) {
            return (*corrected_bm25)->rank(query.at("text"), filters_of(query), kRecallDepth);
        });
        if (!corrected_baseline) return corrected_baseline.error();
        json search = cohesio->summary();
        search["twins"] = twin_figures(judgments, cohesio->per_query);
        auto similar = evaluate_similar(searcher, judgments);
        if (!similar) return similar.error();
        json named = baseline->summary();
        named["name"] = "BM25 over the folded French stems (see src/eval/baseline.h)";
        json with_did_you_mean = corrected_baseline->summary();
        with_did_you_mean["name"] = "the same with Xapian's did-you-mean applied";
        return json{{"search", search},
                    {"baseline", named},
                    {"baseline_did_you_mean", with_did_you_mean},
                    {"similar", *similar}};
    } catch (const json::exception& e) {
        return Error{ErrorKind::invalid_input, "judgments", e.what()};
    }
}

std::vector<std::string> regressions(const json& figures, const json& baseline, double margin) {
    std::map<std::string, double> now, before;
    flatten(figures, "", now);
    flatten(baseline, "", before);
    std::vector<std::string> lines;
    for (const auto& [path, value] : before) {
        if (path.find(".pairs") != std::string::npos) continue;
        const auto it = now.find(path);
        if (it == now.end()) {
            lines.push_back(path + ": missing");
        } else if (it->second < value - margin) {
            lines.push_back(path + ": " + std::to_string(it->second) + " < baseline " +
                            std::to_string(value));
        }
    }
    return lines;
}

}  // namespace cohesio
