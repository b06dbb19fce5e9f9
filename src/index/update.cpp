#include "index/update.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "index/document.h"
#include "index/schema.h"
#include "index/shards.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

// Where a practice's document is: which of the target's shards, and its docid there.
struct Located {
    std::size_t shard = 0;
    Xapian::docid document = 0;
};

// The databases an update writes: the generation's one database, or a sharded generation's
// shards, with `meta` for the spelling frequencies (index/shards.h). A record goes to the shard
// its id hashes to, as the build put it; one already indexed is replaced where it is.
class Target {
public:
    explicit Target(const fs::path& generation) {
        const std::size_t shards = shard_count(generation);
        sharded_ = shards > 0;
        if (!sharded_) {
            shards_.emplace_back(generation.string(), Xapian::DB_OPEN);
            tables_ = shards_.front();  // the same database, one handle
            return;
        }
        tables_ =
            Xapian::WritableDatabase((generation / kTablesDatabaseName).string(), Xapian::DB_OPEN);
        for (std::size_t shard = 0; shard < shards; ++shard) {
            shards_.emplace_back((generation / shard_name(shard)).string(), Xapian::DB_OPEN);
        }
    }

    Xapian::WritableDatabase& tables() { return tables_; }
    Xapian::WritableDatabase& shard(std::size_t shard) { return shards_[shard]; }
    std::size_t home_of(const std::string& id) const { return shard_of(id, shards_.size()); }

    std::optional<Located> find(const std::string& id) {
        const std::string term = id_term(id);
        for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
            Xapian::PostingIterator posting = shards_[shard].postlist_begin(term);
            if (posting != shards_[shard].postlist_end(term)) return Located{shard, *posting};
        }
        return std::nullopt;
    }

    // One transaction per database: a crash leaves each as it was or changed. Shards commit
    // before `meta`, so a crash between them leaves spelling frequencies off by the update's
    // words; an update that touches several shards is atomic per shard, not across them
    // (Xapian has no transaction across databases).
    void begin() {
        for (auto& shard : shards_) shard.begin_transaction();
        if (sharded_) tables_.begin_transaction();
    }
    void commit() {
        for (auto& shard : shards_) shard.commit_transaction();
        if (sharded_) tables_.commit_transaction();
    }
    void close() {
        for (auto& shard : shards_) shard.close();
        tables_.close();
    }

private:
    std::vector<Xapian::WritableDatabase> shards_;
    Xapian::WritableDatabase tables_;
    bool sharded_ = false;
};

void add_spellings(Xapian::WritableDatabase& tables, const Xapian::Document& document) {
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        if (is_spelling_word(*term)) tables.add_spelling(*term, 1);
    }
}

void remove_spellings(Xapian::WritableDatabase& tables, Xapian::Database& shard,
                      Xapian::docid document) {
    for (auto term = shard.termlist_begin(document); term != shard.termlist_end(document); ++term) {
        if (is_spelling_word(*term)) tables.remove_spelling(*term, 1);
    }
}

// The documents of the ids to delete; an id not indexed, or also updated, is an error.
Result<std::vector<Located>> documents_to_delete(Target& target,
                                                 const std::vector<std::string>& deletions,
                                                 const std::vector<Practice>& upserts) {
    std::vector<Located> doomed;
    const std::set<std::string> unique(deletions.begin(), deletions.end());
    for (const std::string& id : unique) {
        const bool also_updated = std::any_of(upserts.begin(), upserts.end(),
                                              [&id](const Practice& p) { return p.id == id; });
        if (also_updated) {
            return Error{ErrorKind::invalid_input, "id",
                         quote_input(id) + " is both updated and deleted; nothing was changed"};
        }
        const auto document = target.find(id);
        if (!document) {
            return Error{ErrorKind::not_found, "id",
                         "no practice " + quote_input(id) + " is indexed; nothing was changed"};
        }
        doomed.push_back(*document);
    }
    return doomed;
}

// The changes, inside the caller's transaction.
UpdateSummary apply(Target& target, const std::vector<Practice>& upserts,
                    const std::vector<Located>& doomed, Normaliser& normaliser,
                    const Vocabulary& vocabulary) {
    UpdateSummary summary;
    DocumentMaker maker(normaliser, vocabulary);
    for (const Practice& practice : upserts) {
        const Xapian::Document document = maker.make(enrich(practice, vocabulary, normaliser));
        std::size_t shard = target.home_of(practice.id);
        if (const auto old = target.find(practice.id)) {
            shard = old->shard;
            remove_spellings(target.tables(), target.shard(shard), old->document);
            ++summary.replaced;
        } else {
            ++summary.added;
        }
        add_spellings(target.tables(), document);
        target.shard(shard).replace_document(id_term(practice.id), document);
    }
    for (const Located& document : doomed) {
        remove_spellings(target.tables(), target.shard(document.shard), document.document);
        target.shard(document.shard).delete_document(document.document);
        ++summary.deleted;
    }
    Xapian::WritableDatabase& tables = target.tables();
    tables.set_metadata(std::string(schema::kUpdatedAtKey), index_timestamp());
    const std::string updates = tables.get_metadata(std::string(schema::kUpdatesKey));
    tables.set_metadata(std::string(schema::kUpdatesKey),
                        std::to_string(std::strtoull(updates.c_str(), nullptr, 10) + 1));
    return summary;
}

}  // namespace

Result<UpdateSummary> update_index(const fs::path& root, const std::vector<Practice>& upserts,
                                   const std::vector<std::string>& deletions,
                                   Normaliser& normaliser, const Vocabulary& vocabulary,
                                   std::chrono::milliseconds lock_wait) {
    // Resolved first so that a missing index is not created by the lock.
    if (auto generation = resolve_index(root); !generation) return generation.error();
    auto lock = IndexLock::acquire(root, lock_wait);
    if (!lock) return lock.error();
    return update_index(*lock, root, upserts, deletions, normaliser, vocabulary);
}

Result<UpdateSummary> update_index(const IndexLock&, const fs::path& root,
                                   const std::vector<Practice>& upserts,
                                   const std::vector<std::string>& deletions,
                                   Normaliser& normaliser, const Vocabulary& vocabulary) {
    // Resolved under the lock: a rebuild may have swapped generations before it was taken.
    const auto generation = resolve_index(root);
    if (!generation) return generation.error();
    try {
        Target target(*generation);
        const std::string version =
            target.tables().get_metadata(std::string(schema::kSchemaVersionKey));
        if (version != schema::kSchemaVersion) {
            return Error{ErrorKind::version, root.string(),
                         "index has schema version '" + version +
                             "'; rebuild it with `cohesio index` before updating it"};
        }
        auto doomed = documents_to_delete(target, deletions, upserts);
        if (!doomed) return doomed.error();
        // One transaction (per shard when sharded): readers and a crash see every change of a
        // database or none.
        target.begin();
        UpdateSummary summary = apply(target, upserts, *doomed, normaliser, vocabulary);
        target.commit();
        target.close();
        summary.generation = *generation;
        return summary;
    } catch (const Xapian::DatabaseLockError&) {
        return Error{ErrorKind::busy, generation->string(),
                     "index busy: another program has it open for writing"};
    } catch (const Xapian::Error& e) {
        // The transaction was not committed: the database is as it was (with shards, those
        // committed before the failure keep their part: say so).
        return Error{ErrorKind::io, generation->string(),
                     e.get_description() + (shard_count(*generation) > 1
                                                ? " (sharded: the update may be partly applied; "
                                                  "apply it again)"
                                                : "")};
    }
}

}  // namespace cohesio
