#include "index/writer.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "index/document.h"
#include "index/schema.h"
#include "index/shards.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

// Practices read by the calling thread and handed to one shard in one go.
constexpr std::size_t kBatchSize = 256;
// Documents held uncommitted across all workers (Xapian keeps about 160 kB a practice until it
// commits): each worker commits every kPendingDocuments / workers of its own documents, 2,000 on
// two cores. Measured at 5,000 practices on one database: every 2,000 took less CPU than every
// 10,000 (Xapian's default), as its in-memory maps stay smaller, and half the memory.
constexpr std::size_t kPendingDocuments = 4000;
// More workers would commit too often to keep the memory bound; and a worker set is a bit mask.
constexpr std::size_t kMaxWorkers = 8;

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

// What one worker thread writes, and with what: used by one thread at a time (its batches are
// handed out one after the other), as it owns a Normaliser, a stem cache and
// WritableDatabases, none of them thread-safe. It writes each document into the part of the
// shard its id belongs to (one part when the index is not sharded), and the spelling table,
// the synonyms and the metadata into a database of their own, `tables`, so that a sharded
// build can gather them into `meta` and leave the shards without them.
class Worker {
public:
    Worker(const fs::path& directory, std::size_t shards, Normaliser& normaliser,
           const Vocabulary& vocabulary, std::size_t commit_every)
        : tables_((directory / "tables").string(), Xapian::DB_CREATE_OR_OVERWRITE),
          normaliser_(normaliser),
          vocabulary_(vocabulary),
          maker_(normaliser, vocabulary),
          commit_every_(commit_every) {
        for (std::size_t shard = 0; shard < shards; ++shard) {
            parts_.emplace_back((directory / shard_name(shard)).string(),
                                Xapian::DB_CREATE_OR_OVERWRITE);
        }
    }

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
            Xapian::WritableDatabase& part = part_of(practice.id);
            if (ids_.insert(practice.id).second) {
                part.add_document(document);
            } else {
                part.replace_document(id_term(practice.id), document);
            }
            if (++uncommitted_ == commit_every_) commit();
        }
    }

    Xapian::WritableDatabase& tables() { return tables_; }
    void add_spelling(const std::string& word) { ++spellings_[word]; }

    // Removes the records whose id came again in another worker, and commits for good.
    void finish(const std::vector<std::string>& superseded) {
        for (const auto& id : superseded) part_of(id).delete_document(id_term(id));
        // Commit explicitly: the destructor would commit too but swallow any exception.
        commit();
        for (auto& part : parts_) part.close();
        tables_.close();
    }

private:
    Xapian::WritableDatabase& part_of(const std::string& id) {
        return parts_[shard_of(id, parts_.size())];
    }

    // Spelling frequencies are summed in memory between commits: one add_spelling per word
    // and batch rather than per word and document.
    void commit() {
        for (const auto& [word, frequency] : spellings_) tables_.add_spelling(word, frequency);
        spellings_.clear();
        for (auto& part : parts_) part.commit();
        tables_.commit();
        uncommitted_ = 0;
    }

    std::vector<Xapian::WritableDatabase> parts_;
    Xapian::WritableDatabase tables_;
    Normaliser& normaliser_;
    const Vocabulary& vocabulary_;
    DocumentMaker maker_;
    std::size_t commit_every_;
    std::unordered_set<std::string> ids_;
    std::unordered_map<std::string, Xapian::termcount> spellings_;
    std::size_t uncommitted_ = 0;
};

// Which workers each id went to, so that a repeated id keeps only its last record even when
// its records landed in different workers.
class IdWorkers {
public:
    void note(const std::string& id, std::size_t worker) {
        Seen& seen = seen_[id];
        seen.workers = static_cast<std::uint8_t>(seen.workers | (1u << worker));
        seen.last = static_cast<std::uint8_t>(worker);
    }

    // For each worker, the ids whose last record is in another worker.
    std::vector<std::vector<std::string>> superseded(std::size_t workers) const {
        std::vector<std::vector<std::string>> out(workers);
        for (const auto& [id, seen] : seen_) {
            for (std::size_t worker = 0; worker < workers; ++worker) {
                if (worker != seen.last && (seen.workers & (1u << worker)))
                    out[worker].push_back(id);
            }
        }
        return out;
    }

private:
    static_assert(kMaxWorkers <= 8, "a worker set is a std::uint8_t");
    struct Seen {
        std::uint8_t workers = 0;  // bit k: a record went to worker k
        std::uint8_t last = 0;
    };
    std::unordered_map<std::string, Seen> seen_;
};

// One worker per core: analysis is < 10 % of a build, the rest is Xapian writing, so the writing
// must be parallel too.
std::size_t worker_count() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxWorkers);
}

// Waits for every task (after one failed, others may still use their workers), then rethrows
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

// Reads the stream into batches and writes them: batch k goes to worker k % workers, so a
// stream shorter than a batch all goes to worker 0 (and makes the same database as a single
// writer would). Returns the number of records and how many workers got any.
std::pair<std::size_t, std::size_t> write_batches(const PracticeStream& next, std::size_t expected,
                                                  std::vector<std::unique_ptr<Worker>>& workers,
                                                  IdWorkers& ids, const Progress& progress) {
    // Batch k's task is in flight until batch k + workers is read: a worker has one task at most.
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
        const std::size_t index = batches++ % workers.size();
        for (const auto& practice : batch) ids.note(practice.id, index);
        sizes.push_back(batch.size());
        Worker& worker = *workers[index];
        in_flight.push_back(std::async(
            std::launch::async, [&worker, batch = std::move(batch)]() { worker.write(batch); }));
        return true;
    };
    try {
        while (in_flight.size() < workers.size() && submit()) {
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
    return {done, std::min(batches, workers.size())};
}

// The build's metadata, in a database that will hold it.
void set_build_metadata(Xapian::WritableDatabase& db, const BuildInfo& info) {
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kBuiltAtKey), info.built_at);
    db.set_metadata(std::string(schema::kGenerationKey), info.generation);
}

// Synonyms (forms -> concepts, concepts -> narrower concepts), the forms' spellings and the
// metadata, once (in worker 0's tables).
void write_vocabulary(Worker& worker, const Vocabulary& vocabulary, const BuildInfo& info) {
    Xapian::WritableDatabase& db = worker.tables();
    for (const auto& [form, concept_id] : vocabulary.thesaurus.forms()) {
        db.add_synonym(form, schema::concept_term(concept_id));
        for (const auto& word : split_words(form)) worker.add_spelling(word);
    }
    for (const auto& [broader, narrower] : vocabulary.thesaurus.narrower())
        db.add_synonym(schema::concept_term(broader), schema::concept_term(narrower));
    set_build_metadata(db, info);
    db.set_metadata(std::string(schema::kLabelsKey), vocabulary.labels.dump());
    db.set_metadata(std::string(schema::kFormLanguagesKey),
                    nlohmann::json(vocabulary.thesaurus.form_languages()).dump());
}

// Final deletions and commits, one thread per worker (a commit writes all that is pending).
void finish_workers(std::vector<std::unique_ptr<Worker>>& workers, const IdWorkers& ids) {
    const auto superseded = ids.superseded(workers.size());
    std::deque<std::future<void>> tasks;
    try {
        for (std::size_t k = 0; k < workers.size(); ++k) {
            tasks.push_back(std::async(
                std::launch::async,
                [&worker = *workers[k], &ids = superseded[k]]() { worker.finish(ids); }));
        }
    } catch (...) {  // no thread for worker k: the ones started still use theirs
        for (auto& task : tasks)
            if (task.valid()) task.wait();
        throw;
    }
    join_all(tasks);
}

fs::path worker_path(const fs::path& unmerged, std::size_t k) {
    return unmerged / ("worker-" + std::to_string(k));
}

// Compacting rewrites the tables full: about a third smaller, and faster to search. It
// renumbers the documents database after database (worker 0's keep their ids), sums spelling
// frequencies, joins synonyms and keeps each metadata key's first value.
void compact(const std::vector<fs::path>& sources, const fs::path& target) {
    Xapian::Database merged;
    for (const auto& source : sources) merged.add_database(Xapian::Database(source.string()));
    merged.compact(target.string());
}

// One database: every worker's documents, then every worker's tables.
void compact_single(const fs::path& unmerged, std::size_t workers, const fs::path& building) {
    std::vector<fs::path> sources;
    for (std::size_t k = 0; k < workers; ++k)
        sources.push_back(worker_path(unmerged, k) / shard_name(0));
    for (std::size_t k = 0; k < workers; ++k)
        sources.push_back(worker_path(unmerged, k) / "tables");
    compact(sources, building);
}

// `meta` from the workers' tables, shard k from every worker's part of shard k, each shard
// given the build's metadata (a reader checks that its shards come from one build), and the
// stub that lists them.
void compact_sharded(const fs::path& unmerged, std::size_t workers, const fs::path& building,
                     const BuildInfo& info) {
    fs::create_directories(building);
    std::vector<fs::path> tables;
    for (std::size_t k = 0; k < workers; ++k) tables.push_back(worker_path(unmerged, k) / "tables");
    compact(tables, building / kTablesDatabaseName);
    for (std::size_t shard = 0; shard < info.shards; ++shard) {
        std::vector<fs::path> parts;
        for (std::size_t k = 0; k < workers; ++k)
            parts.push_back(worker_path(unmerged, k) / shard_name(shard));
        compact(parts, building / shard_name(shard));
        Xapian::WritableDatabase db((building / shard_name(shard)).string(), Xapian::DB_OPEN);
        set_build_metadata(db, info);
        db.set_metadata(std::string(schema::kShardKey),
                        std::to_string(shard) + "/" + std::to_string(info.shards));
        db.commit();
    }
    if (auto written = write_stub(building, info.shards); !written)
        throw std::runtime_error(written.error().describe());
}

}  // namespace

Result<std::size_t> write_index(const PracticeStream& next, std::size_t expected,
                                const fs::path& unmerged, const fs::path& building,
                                Normaliser& normaliser, const Vocabulary& vocabulary,
                                const BuildInfo& info, const Progress& progress) {
    const std::size_t count = worker_count();
    const std::size_t commit_every = std::max<std::size_t>(1, kPendingDocuments / count);
    // Each worker has its own Normaliser (ICU objects are not thread-safe).
    std::vector<std::unique_ptr<Normaliser>> own_normalisers;
    for (std::size_t k = 1; k < count; ++k) {
        auto created = Normaliser::create();
        if (!created) return created.error();
        own_normalisers.push_back(std::move(created).value());
    }
    std::size_t done = 0, used = 0;
    {
        std::vector<std::unique_ptr<Worker>> workers;
        for (std::size_t k = 0; k < count; ++k) {
            Normaliser& own = k == 0 ? normaliser : *own_normalisers[k - 1];
            fs::create_directories(worker_path(unmerged, k));
            workers.push_back(std::make_unique<Worker>(worker_path(unmerged, k),
                                                       std::max<std::size_t>(info.shards, 1), own,
                                                       vocabulary, commit_every));
        }
        IdWorkers ids;
        std::tie(done, used) = write_batches(next, expected, workers, ids, progress);
        write_vocabulary(*workers[0], vocabulary, info);
        finish_workers(workers, ids);
    }
    const std::size_t written = std::max<std::size_t>(used, 1);
    if (info.shards == 0) {
        compact_single(unmerged, written, building);
    } else {
        compact_sharded(unmerged, written, building, info);
    }
    return done;
}

}  // namespace cohesio
