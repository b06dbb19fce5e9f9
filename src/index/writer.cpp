#include "index/writer.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "index/document.h"
#include "index/schema.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

// Practices read by the calling thread and handed to one shard in one go.
constexpr std::size_t kBatchSize = 256;
// Documents held uncommitted across all shards (Xapian keeps about 160 kB a practice until it
// commits): each shard commits every kPendingDocuments / shards of its own documents, 2,000 on
// two cores. Measured at 5,000 practices on one database: every 2,000 took less CPU than every
// 10,000 (Xapian's default), as its in-memory maps stay smaller, and half the memory.
constexpr std::size_t kPendingDocuments = 4000;
// More shards would commit too often to keep the memory bound; and a shard's ids are a bit mask.
constexpr std::size_t kMaxShards = 8;

std::vector<std::string> split_words(const std::string& form) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= form.size()) {
        const std::size_t end = std::min(form.find(' ', start), form.size());
        if (end > start) words.push_back(form.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// One database of the build and what writes it: used by one thread at a time (its batches are
// handed out one after the other), as it owns a Normaliser, a stem cache and a
// WritableDatabase, none of them thread-safe.
class Shard {
public:
    Shard(const fs::path& path, Normaliser& normaliser, const Vocabulary& vocabulary,
          std::size_t commit_every)
        : db_(path.string(), Xapian::DB_CREATE_OR_OVERWRITE),
          normaliser_(normaliser),
          vocabulary_(vocabulary),
          maker_(normaliser, vocabulary),
          commit_every_(commit_every) {}

    // Analyses (enriches, folds, stems) and writes a batch, in its order.
    void write(const std::vector<Practice>& batch) {
        for (const auto& practice : batch) {
            const Xapian::Document document =
                maker_.make(enrich(practice, vocabulary_, normaliser_));
            for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
                std::string word = *term;
                if (is_spelling_word(word)) ++spellings_[std::move(word)];
            }
            // Records' ids are unique in a build but a stream may still repeat one: the later
            // record replaces the earlier. A new id needs no look-up of its term.
            if (ids_.insert(practice.id).second) {
                db_.add_document(document);
            } else {
                db_.replace_document(id_term(practice.id), document);
            }
            if (++uncommitted_ == commit_every_) commit();
        }
    }

    Xapian::WritableDatabase& database() { return db_; }
    void add_spelling(const std::string& word) { ++spellings_[word]; }

    // Removes the records whose id came again in another shard, and commits for good.
    void finish(const std::vector<std::string>& superseded) {
        for (const auto& id : superseded) db_.delete_document(id_term(id));
        // Commit explicitly: the destructor would commit too but swallow any exception.
        commit();
        db_.close();
    }

private:
    // Spelling frequencies are summed in memory between commits: one add_spelling per word
    // and batch rather than per word and document.
    void commit() {
        for (const auto& [word, frequency] : spellings_) db_.add_spelling(word, frequency);
        spellings_.clear();
        db_.commit();
        uncommitted_ = 0;
    }

    Xapian::WritableDatabase db_;
    Normaliser& normaliser_;
    const Vocabulary& vocabulary_;
    DocumentMaker maker_;
    std::size_t commit_every_;
    std::unordered_set<std::string> ids_;
    std::unordered_map<std::string, Xapian::termcount> spellings_;
    std::size_t uncommitted_ = 0;
};

// Which shards each id went to, so that a repeated id keeps only its last record even when
// its records landed in different shards.
class IdShards {
public:
    void note(const std::string& id, std::size_t shard) {
        Seen& seen = seen_[id];
        seen.shards = static_cast<std::uint8_t>(seen.shards | (1u << shard));
        seen.last = static_cast<std::uint8_t>(shard);
    }

    // For each shard, the ids whose last record is in another shard.
    std::vector<std::vector<std::string>> superseded(std::size_t shards) const {
        std::vector<std::vector<std::string>> out(shards);
        for (const auto& [id, seen] : seen_) {
            for (std::size_t shard = 0; shard < shards; ++shard) {
                if (shard != seen.last && (seen.shards & (1u << shard))) out[shard].push_back(id);
            }
        }
        return out;
    }

private:
    static_assert(kMaxShards <= 8, "a shard set is a std::uint8_t");
    struct Seen {
        std::uint8_t shards = 0;  // bit k: a record went to shard k
        std::uint8_t last = 0;
    };
    std::unordered_map<std::string, Seen> seen_;
};

// One shard per core: analysis is < 10 % of a build, the rest is Xapian writing, so the writing
// must be parallel too.
std::size_t shard_count() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxShards);
}

// Waits for every task (after one failed, others may still use the shards), then rethrows
// the first failure.
void join_all(std::deque<std::future<void>>& tasks) {
    std::exception_ptr failure;
    for (auto& task : tasks) {
        try {
            task.get();
        } catch (...) {
            if (!failure) failure = std::current_exception();
        }
    }
    tasks.clear();
    if (failure) std::rethrow_exception(failure);
}

// Reads the stream into batches and writes them: batch k goes to shard k % shards, so a
// stream shorter than a batch all goes to shard 0 (and makes the same database as a single
// writer would). Returns the number of records and how many shards got any.
std::pair<std::size_t, std::size_t> write_batches(const PracticeStream& next, std::size_t expected,
                                                  std::vector<std::unique_ptr<Shard>>& shards,
                                                  IdShards& ids, const Progress& progress) {
    // Batch k's task is in flight until batch k + shards is read: a shard has one task at most.
    std::deque<std::future<void>> in_flight;
    std::deque<std::size_t> sizes;
    std::size_t batches = 0, done = 0;
    const auto submit = [&]() {
        std::vector<Practice> batch;
        while (batch.size() < kBatchSize) {
            std::optional<Practice> practice = next();
            if (!practice) break;
            batch.push_back(std::move(*practice));
        }
        if (batch.empty()) return false;
        const std::size_t index = batches++ % shards.size();
        for (const auto& practice : batch) ids.note(practice.id, index);
        sizes.push_back(batch.size());
        Shard& shard = *shards[index];
        in_flight.push_back(std::async(
            std::launch::async, [&shard, batch = std::move(batch)]() { shard.write(batch); }));
        return true;
    };
    try {
        while (in_flight.size() < shards.size() && submit()) {
        }
        while (!in_flight.empty()) {
            in_flight.front().get();
            in_flight.pop_front();
            for (std::size_t i = 0; i < sizes.front(); ++i) {
                ++done;  // counted with or without a progress callback
                if (progress) progress(done, expected);
            }
            sizes.pop_front();
            submit();
        }
    } catch (...) {
        // The front task's get() may be what threw: its future is no longer valid.
        for (auto& task : in_flight)
            if (task.valid()) task.wait();
        throw;
    }
    return {done, std::min(batches, shards.size())};
}

// Synonyms (forms -> concepts, concepts -> narrower concepts), the forms' spellings and the
// metadata, once (in shard 0).
void write_vocabulary(Shard& shard, const Vocabulary& vocabulary, const std::string& built_at) {
    Xapian::WritableDatabase& db = shard.database();
    for (const auto& [form, concept_id] : vocabulary.thesaurus.forms()) {
        db.add_synonym(form, schema::concept_term(concept_id));
        for (const auto& word : split_words(form)) shard.add_spelling(word);
    }
    for (const auto& [broader, narrower] : vocabulary.thesaurus.narrower())
        db.add_synonym(schema::concept_term(broader), schema::concept_term(narrower));
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kBuiltAtKey), built_at);
    db.set_metadata(std::string(schema::kLabelsKey), vocabulary.labels.dump());
}

// Final deletions and commits, one thread per shard (a commit writes all that is pending).
void finish_shards(std::vector<std::unique_ptr<Shard>>& shards, const IdShards& ids) {
    const auto superseded = ids.superseded(shards.size());
    std::deque<std::future<void>> tasks;
    try {
        for (std::size_t k = 0; k < shards.size(); ++k) {
            tasks.push_back(
                std::async(std::launch::async,
                           [&shard = *shards[k], &ids = superseded[k]]() { shard.finish(ids); }));
        }
    } catch (...) {  // no thread for shard k: the ones started still use their shards
        for (auto& task : tasks)
            if (task.valid()) task.wait();
        throw;
    }
    join_all(tasks);
}

fs::path shard_path(const fs::path& unmerged, std::size_t k) {
    return unmerged / ("shard-" + std::to_string(k));
}

}  // namespace

Result<std::size_t> write_index(const PracticeStream& next, std::size_t expected,
                                const fs::path& unmerged, const fs::path& building,
                                Normaliser& normaliser, const Vocabulary& vocabulary,
                                const std::string& built_at, const Progress& progress) {
    const std::size_t count = shard_count();
    const std::size_t commit_every = std::max<std::size_t>(1, kPendingDocuments / count);
    // Each shard has its own Normaliser (ICU objects are not thread-safe).
    std::vector<std::unique_ptr<Normaliser>> own_normalisers;
    for (std::size_t k = 1; k < count; ++k) {
        auto created = Normaliser::create();
        if (!created) return created.error();
        own_normalisers.push_back(std::move(created).value());
    }
    fs::create_directories(unmerged);
    std::size_t done = 0, used = 0;
    {
        std::vector<std::unique_ptr<Shard>> shards;
        for (std::size_t k = 0; k < count; ++k) {
            Normaliser& own = k == 0 ? normaliser : *own_normalisers[k - 1];
            shards.push_back(
                std::make_unique<Shard>(shard_path(unmerged, k), own, vocabulary, commit_every));
        }
        IdShards ids;
        std::tie(done, used) = write_batches(next, expected, shards, ids, progress);
        write_vocabulary(*shards[0], vocabulary, built_at);
        finish_shards(shards, ids);
    }
    // Compacting rewrites the tables full: about a third smaller, and faster to search. It
    // renumbers the documents shard after shard (shard 0's keep their ids), sums spelling
    // frequencies and joins synonyms.
    Xapian::Database merged;
    for (std::size_t k = 0; k < std::max<std::size_t>(used, 1); ++k) {
        merged.add_database(Xapian::Database(shard_path(unmerged, k).string()));
    }
    merged.compact(building.string());
    return done;
}

}  // namespace cohesio
