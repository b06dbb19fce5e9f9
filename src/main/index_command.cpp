#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <utility>

#include "corpus/loader.h"
#include "index/rebuild.h"
#include "index/store.h"
#include "index/update.h"
#include "main/args.h"
#include "main/commands.h"

namespace cohesio {

namespace {

constexpr int kBarWidth = 40;

void draw_progress(std::size_t done, std::size_t total) {
    const int filled = total ? static_cast<int>(kBarWidth * done / total) : kBarWidth;
    std::fprintf(
        stderr, "\r[%s%s] %zu/%zu", std::string(static_cast<std::size_t>(filled), '#').c_str(),
        std::string(static_cast<std::size_t>(kBarWidth - filled), ' ').c_str(), done, total);
    if (done == total) std::fputc('\n', stderr);
}

void print_errors(const CorpusReader& reader, std::size_t& printed) {
    for (; printed < reader.errors().size(); ++printed) {
        std::cerr << "error: " << reader.errors()[printed].describe() << "\n";
    }
}

// The records of `paths`, all valid, or nothing: an update with a bad record changes nothing.
std::optional<std::vector<Practice>> read_update(const std::vector<std::string>& paths,
                                                 const Reference& reference) {
    CorpusReader reader(std::vector<std::filesystem::path>(paths.begin(), paths.end()), reference);
    std::vector<Practice> practices;
    while (std::optional<Practice> practice = reader.next()) practices.push_back(*practice);
    std::size_t printed = 0;
    print_errors(reader, printed);
    if (!reader.errors().empty()) {
        std::cerr << "cohesio: " << reader.errors().size()
                  << " bad record(s): index left unchanged\n";
        return std::nullopt;
    }
    return practices;
}

// `cohesio index --update PATH…` and `--delete ID…`: the served generation changed in place.
int run_update(const Args& args, const std::filesystem::path& index,
               const std::filesystem::path& reference_dir, std::chrono::milliseconds wait) {
    const auto started = std::chrono::steady_clock::now();
    const bool deleting = args.has("delete");
    if (deleting && args.has("update")) {
        return report_error({ErrorKind::invalid_input, "--delete", "not with --update"});
    }
    if (args.positional.empty()) {
        return report_error({ErrorKind::invalid_input, deleting ? "--delete" : "--update",
                             deleting ? "give the ids of the practices to delete"
                                      : "give record files or directories of them"});
    }
    // A record's file name is part of it (the loader checks it against the id), and a
    // pipe has none: records come from files, ids can be piped through xargs.
    if (std::find(args.positional.begin(), args.positional.end(), "-") != args.positional.end()) {
        return report_error({ErrorKind::invalid_input, deleting ? "--delete" : "--update",
                             "- (standard input) is not read: give record files or ids"});
    }
    auto reference = Reference::load(reference_dir);
    if (!reference) return report_error(reference.error());
    std::vector<Practice> upserts;
    if (!deleting) {
        auto read = read_update(args.positional, *reference);
        if (!read) return 2;
        upserts = std::move(*read);
    }
    auto normaliser = Normaliser::create();
    if (!normaliser) return report_error(normaliser.error());
    auto vocabulary = Vocabulary::load(reference_dir, **normaliser);
    if (!vocabulary) return report_error(vocabulary.error());
    const std::vector<std::string> deletions =
        deleting ? args.positional : std::vector<std::string>{};
    auto updated = update_index(index, upserts, deletions, **normaliser, *vocabulary, wait);
    if (!updated) return report_error(updated.error());
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("updated %zu, added %zu, deleted %zu practice(s) in %.2f s -> %s\n",
                updated->replaced, updated->added, updated->deleted, seconds,
                updated->generation.string().c_str());
    return 0;
}

}  // namespace

int report_error(const Error& error) {
    std::cerr << "cohesio: " << error.describe() << "\n";
    return error.kind == ErrorKind::invalid_input ? 2 : 1;
}

int run_index(const std::vector<std::string>& raw) {
    auto args = Args::parse(
        raw,
        {{"strict", "update", "delete"}, {"corpus", "index", "reference", "wait", "shards"}, {}});
    if (!args) return report_error(args.error());
    const std::filesystem::path corpus = args->value_or("corpus", "corpus");
    const std::filesystem::path index = args->value_or("index", "index");
    const std::filesystem::path reference_dir =
        args->value_or("reference", (corpus / "reference").string());
    auto wait_seconds = parse_count(
        "--wait", args->value_or("wait", std::to_string(kDefaultLockWait.count() / 1000)), 0, 3600);
    if (!wait_seconds) return report_error(wait_seconds.error());
    const std::chrono::milliseconds wait = std::chrono::seconds(*wait_seconds);
    if (args->has("update") || args->has("delete")) {
        if (args->values.contains("shards")) {
            return report_error({ErrorKind::invalid_input, "--shards",
                                 "not with --update or --delete: an update keeps the shards"});
        }
        return run_update(*args, index, reference_dir, wait);
    }
    if (!args->positional.empty()) {
        return report_error({ErrorKind::invalid_input, args->positional[0], "unexpected argument"});
    }
    // Without --shards a rebuild keeps the layout of the generation it replaces.
    std::size_t shards = kSameShards;
    if (args->values.contains("shards")) {
        auto count = parse_count("--shards", args->value_or("shards", ""), 1,
                                 static_cast<unsigned>(kMaxShards));
        if (!count) return report_error(count.error());
        // One shard is one database: a stub around it would only add a step.
        shards = *count == 1 ? 0 : static_cast<std::size_t>(*count);
    }
    const auto started = std::chrono::steady_clock::now();

    auto reference = Reference::load(reference_dir);
    if (!reference) return report_error(reference.error());
    const std::filesystem::path practices = corpus / "practices";
    if (args->has("strict")) {
        // Every record is checked before the build starts: a strict build of a bad corpus
        // must leave the index unchanged, and records are read one at a time.
        CorpusReader check(practices, *reference);
        while (check.next()) {
        }
        std::size_t printed = 0;
        print_errors(check, printed);
        if (!check.errors().empty()) {
            std::cerr << "cohesio: " << check.errors().size()
                      << " bad record(s) and --strict: index left unchanged\n";
            return 1;
        }
    }
    auto normaliser = Normaliser::create();
    if (!normaliser) return report_error(normaliser.error());
    auto vocabulary = Vocabulary::load(reference_dir, **normaliser);
    if (!vocabulary) return report_error(vocabulary.error());
    const Progress progress = isatty(STDERR_FILENO) ? Progress(draw_progress) : Progress();
    // Bad records are reported as they are met.
    const auto print_rejected = [](const Error& error) {
        std::cerr << "error: " << error.describe() << "\n";
    };
    auto rebuilt = rebuild_from(practices, *reference, index, **normaliser, *vocabulary,
                                print_rejected, progress, wait, shards);
    if (!rebuilt) return report_error(rebuilt.error());
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("indexed %zu records from %zu files, %zu error(s), in %.2f s -> %s\n",
                rebuilt->built.documents, rebuilt->files, rebuilt->rejected, seconds,
                rebuilt->built.generation.string().c_str());
    return 0;
}

}  // namespace cohesio
