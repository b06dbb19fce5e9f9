#include "index/update.h"

#include <xapian.h>

#include <algorithm>
#include <optional>
#include <set>

#include "index/document.h"
#include "index/schema.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

// The document of `id`, if indexed.
std::optional<Xapian::docid> find_practice(Xapian::Database& db, const std::string& id) {
    const std::string term = id_term(id);
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) return std::nullopt;
    return *posting;
}

void add_spellings(Xapian::WritableDatabase& db, const Xapian::Document& document) {
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        if (is_spelling_word(*term)) db.add_spelling(*term, 1);
    }
}

void remove_spellings(Xapian::WritableDatabase& db, Xapian::docid document) {
    for (auto term = db.termlist_begin(document); term != db.termlist_end(document); ++term) {
        if (is_spelling_word(*term)) db.remove_spelling(*term, 1);
    }
}

// The documents of the ids to delete; an id not indexed, or also updated, is an error.
Result<std::vector<Xapian::docid>> documents_to_delete(Xapian::Database& db,
                                                       const std::vector<std::string>& deletions,
                                                       const std::vector<Practice>& upserts) {
    std::vector<Xapian::docid> doomed;
    const std::set<std::string> unique(deletions.begin(), deletions.end());
    for (const std::string& id : unique) {
        const bool also_updated = std::any_of(upserts.begin(), upserts.end(),
                                              [&id](const Practice& p) { return p.id == id; });
        if (also_updated) {
            return Error{ErrorKind::invalid_input, "id",
                         quote_input(id) + " is both updated and deleted; nothing was changed"};
        }
        const auto document = find_practice(db, id);
        if (!document) {
            return Error{ErrorKind::not_found, "id",
                         "no practice " + quote_input(id) + " is indexed; nothing was changed"};
        }
        doomed.push_back(*document);
    }
    return doomed;
}

// The changes, inside the caller's transaction.
UpdateSummary apply(Xapian::WritableDatabase& db, const std::vector<Practice>& upserts,
                    const std::vector<Xapian::docid>& doomed, Normaliser& normaliser,
                    const Vocabulary& vocabulary) {
    UpdateSummary summary;
    DocumentMaker maker(normaliser, vocabulary);
    for (const Practice& practice : upserts) {
        const Xapian::Document document = maker.make(enrich(practice, vocabulary, normaliser));
        if (const auto old = find_practice(db, practice.id)) {
            remove_spellings(db, *old);
            ++summary.replaced;
        } else {
            ++summary.added;
        }
        add_spellings(db, document);
        db.replace_document(id_term(practice.id), document);
    }
    for (const Xapian::docid document : doomed) {
        remove_spellings(db, document);
        db.delete_document(document);
        ++summary.deleted;
    }
    db.set_metadata(std::string(schema::kUpdatedAtKey), index_timestamp());
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
        Xapian::WritableDatabase db(generation->string(), Xapian::DB_OPEN);
        const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
        if (version != schema::kSchemaVersion) {
            return Error{ErrorKind::version, root.string(),
                         "index has schema version '" + version +
                             "'; rebuild it with `cohesio index` before updating it"};
        }
        auto doomed = documents_to_delete(db, deletions, upserts);
        if (!doomed) return doomed.error();
        // One transaction: readers and a crash see every change or none.
        db.begin_transaction();
        UpdateSummary summary = apply(db, upserts, *doomed, normaliser, vocabulary);
        db.commit_transaction();
        db.close();
        summary.generation = *generation;
        return summary;
    } catch (const Xapian::DatabaseLockError&) {
        return Error{ErrorKind::busy, generation->string(),
                     "index busy: another program has it open for writing"};
    } catch (const Xapian::Error& e) {
        // The transaction was not committed: the database is as it was.
        return Error{ErrorKind::io, generation->string(), e.get_description()};
    }
}

}  // namespace cohesio
