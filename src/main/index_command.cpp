#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

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
    CorpusLoad load = load_corpus(corpus / "practices", *reference);
    for (const auto& error : load.errors) std::cerr << "error: " << error.describe() << "\n";
    if (!load.errors.empty() && args->has("strict")) {
        std::cerr << "cohesio: " << load.errors.size()
                  << " bad record(s) and --strict: index left unchanged\n";
        return 1;
    }
    if (load.practices.empty()) {
        return report_error({ErrorKind::invalid_input, (corpus / "practices").string(),
                             "no valid practice records; index left unchanged"});
    }
    auto normaliser = Normaliser::create();
    if (!normaliser) return report_error(normaliser.error());
    auto vocabulary = Vocabulary::load(reference_dir, **normaliser);
    if (!vocabulary) return report_error(vocabulary.error());
    const Progress progress = isatty(STDERR_FILENO) ? Progress(draw_progress) : Progress();
    auto built = build_index(load.practices, index, **normaliser, *vocabulary, progress);
    if (!built) return report_error(built.error());

    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("indexed %zu records from %zu files, %zu error(s), in %.2f s -> %s\n",
                built->documents, load.files_seen, load.errors.size(), seconds,
                built->generation.string().c_str());
    return 0;
}

}  // namespace cohesio
