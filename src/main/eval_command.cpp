#include <cstdio>
#include <iostream>

#include "common/files.h"
#include "eval/evaluate.h"
#include "main/args.h"
#include "main/commands.h"

namespace cohesio {

namespace {

void print_figures(const nlohmann::json& figures) {
    // Each row beside the named baseline's, so a change is always read against it.
    const auto line = [](const std::string& label, const nlohmann::json& row,
                         const nlohmann::json& baseline) {
        std::printf(
            "  %-14s nDCG@10 %.3f  MRR %.3f  recall@20 %.3f  |  %.3f  %.3f  %.3f  (%d queries)\n",
            label.c_str(), row.value("ndcg@10", 0.0), row.value("mrr", 0.0),
            row.value("recall@20", 0.0), baseline.value("ndcg@10", 0.0), baseline.value("mrr", 0.0),
            baseline.value("recall@20", 0.0), row.value("queries", 0));
    };
    const auto& baseline = figures["baseline"];
    std::printf("search (Cohesio  |  baseline: %s)\n",
                baseline.value("name", std::string()).c_str());
    line("all", figures["search"]["all"], baseline["all"]);
    for (const auto& [language, row] : figures["search"]["by_language"].items()) {
        line("typed in " + language, row,
             baseline["by_language"].value(language, nlohmann::json::object()));
    }
    for (const auto& [kind, row] : figures["search"]["by_kind"].items())
        line(kind, row, baseline["by_kind"].value(kind, nlohmann::json::object()));
    // Typos are also read against what plain Xapian offers for them.
    const auto& did_you_mean = figures["baseline_did_you_mean"];
    std::printf("search (Cohesio  |  baseline: %s)\n",
                did_you_mean.value("name", std::string()).c_str());
    const nlohmann::json& typo_kinds = figures["search"]["by_kind"];
    for (const auto& [kind, row] : typo_kinds.items()) {
        if (kind.ends_with("-typo"))
            line(kind, row, did_you_mean["by_kind"].value(kind, nlohmann::json::object()));
    }
    const auto& twins = figures["search"]["twins"];
    std::printf("cross-language twins (%d pairs)\n", twins["en"].value("queries", 0));
    std::printf("  English        nDCG@10 %.3f  recall@20 %.3f\n",
                twins["en"].value("ndcg@10", 0.0), twins["en"].value("recall@20", 0.0));
    std::printf("  French twin    nDCG@10 %.3f  recall@20 %.3f\n",
                twins["fr"].value("ndcg@10", 0.0), twins["fr"].value("recall@20", 0.0));
    const auto& similar = figures["similar"];
    std::printf(
        "similar practices (top 5)\n  judged relevant %.3f, judged neighbours found (recall@5) "
        "%.3f (%d practices)\n"
        "  shares a Table 2 category %.3f (%d suggestions with categories, for %d practices)\n",
        similar.value("judged_p@5", 0.0), similar.value("judged_recall@5", 0.0),
        similar.value("judged_practices", 0), similar.value("category_p@5", 0.0),
        similar.value("category_judgeable_suggestions", 0), similar.value("category_practices", 0));
}

}  // namespace

int run_eval(const std::vector<std::string>& raw) {
    auto args = Args::parse(raw, {{"json"}, {"judgments", "baseline", "margin", "index"}, {}});
    if (!args) return report_error(args.error());
    auto judgments = read_json_file(args->value_or("judgments", "tests/eval/judgments.json"));
    if (!judgments) return report_error(judgments.error());
    auto searcher = Searcher::open(args->value_or("index", "index"));
    if (!searcher) return report_error(searcher.error());
    auto figures = evaluate(**searcher, *judgments);
    if (!figures) return report_error(figures.error());
    if (args->has("json")) {
        std::cout << figures->dump(2) << "\n";
    } else {
        print_figures(*figures);
    }
    if (!args->values.contains("baseline")) return 0;

    auto baseline = read_json_file(args->value_or("baseline", ""));
    if (!baseline) return report_error(baseline.error());
    double margin = 0;
    try {
        margin = std::stod(args->value_or("margin", "0.02"));
    } catch (const std::exception&) {
        return report_error(
            {ErrorKind::invalid_input, "--margin", "must be a number such as 0.02"});
    }
    const auto dropped = regressions(*figures, *baseline, margin);
    for (const auto& line : dropped) std::cerr << "regression: " << line << "\n";
    std::cout << (dropped.empty() ? "no figure below the baseline by more than "
                                  : "figures below the baseline by more than ")
              << margin << "\n";
    return dropped.empty() ? 0 : 1;
}

}  // namespace cohesio
