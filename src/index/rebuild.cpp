#include "index/rebuild.h"

#include <optional>
#include <utility>

#include "corpus/loader.h"

namespace cohesio {

Result<RebuildReport> rebuild_from(const std::filesystem::path& practices_dir,
                                   const Reference& reference, const std::filesystem::path& root,
                                   Normaliser& normaliser, const Vocabulary& vocabulary,
                                   const std::function<void(const Error&)>& on_rejected,
                                   const Progress& progress, std::chrono::milliseconds lock_wait,
                                   std::size_t shards) {
    // Locked before the records are listed: an edit that lands in the corpus while this build
    // reads it waits for the build, then commits into the new generation.
    auto lock = IndexLock::acquire(root, lock_wait);
    if (!lock) return lock.error();
    CorpusReader reader(practices_dir, reference);
    std::size_t reported = 0;
    const auto report = [&] {
        for (; reported < reader.errors().size(); ++reported)
            on_rejected(reader.errors()[reported]);
    };
    // The first valid record is read before the build starts, so a corpus with none is an
    // error before anything is written.
    std::optional<Practice> first = reader.next();
    report();
    if (!first) {
        return Error{ErrorKind::invalid_input, practices_dir.string(),
                     "no valid practice records; index left unchanged"};
    }
    const PracticeStream stream = [&]() -> std::optional<Practice> {
        if (first) return std::exchange(first, std::nullopt);
        std::optional<Practice> practice = reader.next();
        report();
        return practice;
    };
    auto built = build_index(*lock, stream, reader.file_count(), root, normaliser, vocabulary,
                             progress, shards);
    if (!built) return built.error();
    return RebuildReport{*built, reader.files_seen(), reader.errors().size()};
}

}  // namespace cohesio
