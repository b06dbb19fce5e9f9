#include <unistd.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "main/args.h"
#include "main/commands.h"
#include "main/terminal.h"
#include "recommend/similar.h"
#include "search/facet_names.h"
#include "search/response_json.h"
#include "search/searcher.h"

namespace cohesio {

namespace {

constexpr unsigned kMaxLimit = 1000;
constexpr unsigned kMaxOffset = 1000000;

// Snippets are HTML (escaped text, <mark> highlights); a terminal gets bold instead.
std::string terminal_text(const std::string& html, bool colour) {
    static constexpr std::pair<const char*, const char*> kReplacements[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    std::string text = html;
    const auto replace_all = [&text](const std::string& from, const std::string& to) {
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    };
    replace_all("<mark>", colour ? "\033[1m" : "[");
    replace_all("</mark>", colour ? "\033[0m" : "]");
    for (const auto& [from, to] : kReplacements) replace_all(from, to);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string join(const nlohmann::json& list, const char* key = nullptr) {
    std::string joined;
    for (const auto& item : list) {
        if (!joined.empty()) joined += ", ";
        joined += key ? item.value(key, "") : item.get<std::string>();
    }
    return joined;
}

void print_practice_line(std::size_t rank, const nlohmann::json& summary, double score) {
    std::cout << rank << ". " << summary.value("title", "") << "  [" << summary.value("id", "")
              << "]\n   " << join(summary.value("countries", nlohmann::json::array()))
              << " | domains: "
              << join(summary.value("priority_domains", nlohmann::json::array()), "domain");
    if (summary.contains("charter_articles")) {
        std::cout << " | articles: " << join(summary["charter_articles"], "article");
    }
    if (score > 0) std::cout << " | score " << std::fixed << std::setprecision(2) << score;
    std::cout << "\n";
}

// Why a practice is linked to the articles asked for: the words that name it, or the
// evidence terms that inferred it.
void print_article_reasons(const nlohmann::json& record, const std::vector<std::string>& articles) {
    for (const auto& link : record.value("charter_articles", nlohmann::json::array())) {
        const std::string article = link.value("article", "");
        const bool asked = std::any_of(articles.begin(), articles.end(), [&](const std::string& a) {
            return a.size() == article.size() &&
                   std::equal(a.begin(), a.end(), article.begin(),
                              [](char x, char y) { return std::tolower(x) == std::tolower(y); });
        });
        if (!asked) continue;
        const bool is_explicit = link.value("provenance", "") == "explicit";
        std::cout << "   article " << article
                  << (is_explicit ? ": named in the text: «" : ": inferred from: ")
                  << link.value("evidence", "") << (is_explicit ? "»" : "") << "\n";
    }
}

// --index, --shard-timeout (ms) and --missing-shards fail|answer of a reading command.
Result<std::unique_ptr<Searcher>> open_searcher(const Args& args) {
    auto timeout =
        parse_count("--shard-timeout", args.value_or("shard-timeout", "2000"), 1, 60 * 1000);
    if (!timeout) return timeout.error();
    const std::string missing = args.value_or("missing-shards", "fail");
    if (missing != "fail" && missing != "answer") {
        return Error{ErrorKind::invalid_input, "--missing-shards",
                     quote_input(missing) + " is not fail or answer"};
    }
    const std::chrono::milliseconds each(*timeout);
    auto searcher = Searcher::open(args.value_or("index", "index"), {},
                                   RemoteOptions{each, each, missing == "answer"});
    if (searcher) {
        for (const auto& shard : (*searcher)->missing_shards())
            std::cerr << "cohesio: partial answer: " << shard << " is unavailable\n";
    }
    return searcher;
}

}  // namespace

int run_search(const std::vector<std::string>& raw) {
    OptionSpec spec{{"json", "as-typed", "all-articles"},
                    {"limit", "offset", "sort", "index", "shard-timeout", "missing-shards"},
                    {}};
    for (const auto& facet : kFacets) spec.repeatable.insert(std::string(facet.name));
    auto args = Args::parse(raw, spec);
    if (!args) return report_error(args.error());
    if (args->positional.size() > 1) {
        return report_error({ErrorKind::invalid_input, args->positional[1],
                             "unexpected argument (quote a query of several words)"});
    }
    SearchRequest request;
    request.query = args->positional.empty() ? "" : args->positional[0];
    if (request.query == "-") {
        auto typed = read_argument(std::cin, "QUERY");
        if (!typed) return report_error(typed.error());
        request.query = std::move(*typed);
    }
    request.as_typed = args->has("as-typed");
    request.all_articles = args->has("all-articles");
    auto limit = parse_count("--limit", args->value_or("limit", "10"), 1, kMaxLimit);
    if (!limit) return report_error(limit.error());
    auto offset = parse_count("--offset", args->value_or("offset", "0"), 0, kMaxOffset);
    if (!offset) return report_error(offset.error());
    request.limit = *limit;
    request.offset = *offset;
    const auto sort = sort_order_named(args->value_or("sort", "relevance"));
    if (!sort)
        return report_error(
            {ErrorKind::invalid_input, "--sort", "must be " + std::string(kSortOrderNames)});
    request.sort = *sort;
    for (const auto& facet : kFacets) {
        const auto it = args->values.find(std::string(facet.name));
        if (it != args->values.end()) request.filters[std::string(facet.name)] = it->second;
    }

    auto searcher = open_searcher(*args);
    if (!searcher) return report_error(searcher.error());
    auto response = (*searcher)->search(request);
    if (!response) return report_error(response.error());
    if (args->has("json")) {
        std::cout << to_json(*response).dump(2) << "\n";
        return 0;
    }
    if (response->degraded_query) {
        std::cout << "(the query's syntax was malformed; searched for its words instead)\n";
    }
    for (const auto& warning : response->warnings) std::cout << "(" << warning << ")\n";
    if (response->matching == WordMatch::any) {
        std::cout << "(few practices have all the words; showing those with any of them)\n";
    }
    if (response->auto_corrected) {
        std::cout << "(showing results for: " << response->corrected_query
                  << "; --as-typed searches for your words as typed)\n";
    } else if (!response->corrected_query.empty()) {
        std::cout << "(did you mean: " << response->corrected_query << "?)\n";
    }
    std::cout << response->total << " practice(s)\n\n";
    const bool colour =
        colour_wanted(isatty(STDOUT_FILENO) != 0, std::getenv("NO_COLOR"), std::getenv("TERM"));
    std::size_t rank = request.offset;
    const auto article_filter = response->filters.find("article");
    for (const auto& hit : response->hits) {
        print_practice_line(++rank, summary_json(*hit.record), hit.score);
        if (article_filter != response->filters.end()) {
            print_article_reasons(*hit.record, article_filter->second);
        }
        if (!hit.snippet.empty()) std::cout << "   " << terminal_text(hit.snippet, colour) << "\n";
        std::cout << "\n";
    }
    std::cout << "facets:\n";
    for (const auto& [name, values] : response->facets) {
        std::cout << "  " << name << ":";
        for (const auto& value : values)
            std::cout << " " << value.value << " (" << value.count << ")";
        std::cout << "\n";
    }
    return 0;
}

int run_show(const std::vector<std::string>& raw) {
    auto args = Args::parse(raw, {{}, {"index", "shard-timeout", "missing-shards"}, {}});
    if (!args) return report_error(args.error());
    if (args->positional.size() != 1) {
        return report_error({ErrorKind::invalid_input, "ID", "give exactly one practice id"});
    }
    auto searcher = open_searcher(*args);
    if (!searcher) return report_error(searcher.error());
    auto record = (*searcher)->record(args->positional[0]);
    if (!record) return report_error(record.error());
    std::cout << record->dump(2) << "\n";
    return 0;
}

int run_similar(const std::vector<std::string>& raw) {
    auto args = Args::parse(raw, {{"json", "same-country", "same-article", "all-countries"},
                                  {"limit", "index", "text", "shard-timeout", "missing-shards"},
                                  {}});
    if (!args) return report_error(args.error());
    SimilarRequest request;
    request.text = args->value_or("text", "");
    if (request.text == "-") {
        auto situation = read_argument(std::cin, "--text");
        if (!situation) return report_error(situation.error());
        request.text = std::move(*situation);
        if (request.text.empty())
            return report_error({ErrorKind::invalid_input, "--text", "standard input is empty"});
    }
    if (args->positional.size() == 1 && request.text.empty()) {
        request.id = args->positional[0];
    } else if (!(args->positional.empty() && !request.text.empty())) {
        return report_error({ErrorKind::invalid_input, "ID",
                             "give exactly one practice id, or --text \"a situation\""});
    }
    auto limit = parse_count("--limit", args->value_or("limit", "5"), 1, kMaxLimit);
    if (!limit) return report_error(limit.error());
    request.limit = *limit;
    request.same_country = args->has("same-country");
    request.same_article = args->has("same-article");
    request.diverse = !args->has("all-countries");
    if (request.id.empty() && (request.same_country || request.same_article)) {
        return report_error({ErrorKind::invalid_input, "--same-country",
                             "--same-country and --same-article need a practice id"});
    }
    auto searcher = open_searcher(*args);
    if (!searcher) return report_error(searcher.error());
    auto suggestions = similar_practices(**searcher, request);
    if (!suggestions) return report_error(suggestions.error());
    if (args->has("json")) {
        std::cout << to_json(*suggestions).dump(2) << "\n";
        return 0;
    }
    std::size_t rank = 0;
    const auto print_list = [](const char* label, const std::vector<std::string>& items) {
        if (items.empty()) return;
        std::cout << "   " << label << ":";
        for (const auto& item : items) std::cout << " " << item;
        std::cout << "\n";
    };
    for (const auto& suggestion : *suggestions) {
        print_practice_line(++rank, summary_json(suggestion.record), suggestion.score);
        print_list("shared words", suggestion.shared_words);
        print_list("shared concepts", suggestion.shared_concepts);
        print_list("shared target groups", suggestion.shared_target_words);
        print_list("shared domains", suggestion.shared_domains);
        print_list("shared articles", suggestion.shared_articles);
        if (suggestion.transferable)
            std::cout << "   documents conditions of success / transferability\n";
        std::cout << "\n";
    }
    return 0;
}

}  // namespace cohesio
