// The editors' write path behind the admin API: one practice put or deleted at a time, and full
// rebuilds in the background, through the same checks, lock and commits as `cohesio index`.
// The corpus's record files stay the source: a put writes its file and a delete removes it,
// under the index lock with the commit, so a rebuild never sees one without the other.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"
#include "corpus/reference.h"
#include "index/store.h"
#include "index/vocabulary.h"
#include "normalise/normaliser.h"

namespace cohesio {

class Editor {
public:
    // `corpus` holds practices/ and reference/; `index` is the root the service reads.
    static Result<std::unique_ptr<Editor>> open(const std::filesystem::path& corpus,
                                                const std::filesystem::path& index);
    ~Editor();  // waits for a rebuild in progress
    Editor(const Editor&) = delete;
    Editor& operator=(const Editor&) = delete;

    enum class Change { added, replaced, deleted };
    struct Outcome {
        std::string id;
        Change change = Change::added;
        std::filesystem::path generation;
    };
    // `record` is the practice as JSON; its id must be `id` (any case). Errors name the field
    // as "body: …"; busy when another writer holds the index longer than a moment.
    Result<Outcome> put(const std::string& id, const std::string& record);
    Result<Outcome> remove(const std::string& id);

    struct RebuildState {
        bool running = false;
        std::string started_at;   // ISO 8601, empty before the first
        std::string finished_at;  // empty while running
        std::size_t documents = 0;
        std::size_t rejected = 0;  // record files refused (see the service's log)
        std::string error;         // what failed, for the operator; empty when it worked
    };
    // Starts a rebuild in the background; false when one is running already.
    bool start_rebuild();
    RebuildState rebuild_state() const;

private:
    Editor(std::filesystem::path corpus, std::filesystem::path index, Reference reference,
           std::unique_ptr<Normaliser> normaliser, std::unique_ptr<Vocabulary> vocabulary);
    void rebuild();

    const std::filesystem::path corpus_;
    const std::filesystem::path index_;
    const Reference reference_;
    std::unique_ptr<Normaliser> normaliser_;  // for edits; a rebuild makes its own
    std::unique_ptr<Vocabulary> vocabulary_;
    std::mutex edit_mutex_;  // one edit at a time in this process (IndexLock: across processes)
    mutable std::mutex state_mutex_;
    RebuildState state_;
    std::thread rebuilder_;
};

}  // namespace cohesio
