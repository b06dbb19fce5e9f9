#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <utility>

#include "corpus/loader.h"
#include "index/store.h"
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

}  // namespace

int report_error(const Error& error) {
    std::cerr << "cohesio: " << error.describe() << "\n";
    return error.kind == ErrorKind::invalid_input ? 2 : 1;
}

int run_index(const std::vector<std::string>& raw) {
    auto args = Args::parse(raw, {{"strict"}, {"corpus", "index", "reference"}, {}});
    if (!args) return report_error(args.error());
    if (!args->positional.empty()) {
        return report_error({ErrorKind::invalid_input, args->positional[0], "unexpected argument"});
    }
    const std::filesystem::path corpus = args->value_or("corpus", "corpus");
    const std::filesystem::path index = args->value_or("index", "index");
    const auto started = std::chrono::steady_clock::now();

    const std::filesystem::path reference_dir =
        args->value_or("reference", (corpus / "reference").string());
    auto reference = Reference::load(reference_dir);
    if (!reference) return report_error(reference.error());
    const std::filesystem::path practices = corpus / "practices";
    const auto print_errors = [](const CorpusReader& reader, std::size_t& printed) {
        for (; printed < reader.errors().size(); ++printed) {
            std::cerr << "error: " << reader.errors()[printed].describe() << "\n";
        }
    };
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
    CorpusReader reader(practices, *reference);
    std::size_t printed = 0;
    std::optional<Practice> first = reader.next();
    print_errors(reader, printed);
    if (!first) {
        return report_error({ErrorKind::invalid_input, practices.string(),
                             "no valid practice records; index left unchanged"});
    }
    auto normaliser = Normaliser::create();
    if (!normaliser) return report_error(normaliser.error());
    auto vocabulary = Vocabulary::load(reference_dir, **normaliser);
    if (!vocabulary) return report_error(vocabulary.error());
    // Records stream from the reader into the build; bad ones are reported as they are met.
    const PracticeStream stream = [&]() -> std::optional<Practice> {
        if (first) return std::exchange(first, std::nullopt);
        std::optional<Practice> practice = reader.next();
        print_errors(reader, printed);
        return practice;
    };
    const Progress progress = isatty(STDERR_FILENO) ? Progress(draw_progress) : Progress();
    auto built =
        build_index(stream, reader.file_count(), index, **normaliser, *vocabulary, progress);
    if (!built) return report_error(built.error());

    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("indexed %zu records from %zu files, %zu error(s), in %.2f s -> %s\n",
                built->documents, reader.files_seen(), reader.errors().size(), seconds,
                built->generation.string().c_str());
    return 0;
}

}  // namespace cohesio
