// The stored records of the practices shown as hits, parsed, with the prose their snippets are
// cut from, kept by docid, least recently used first out, within a byte budget. A hit's record
// was a third of a search's own work (Xapian inflates the stored JSON, then it is parsed), and
// the same practices are hits again and again. Like DocSets, the cache is tied to the Database
// it was given, which a Searcher never reopens, so a record cannot change under it.
#pragma once

#include <xapian.h>

#include <list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

namespace cohesio {

struct StoredRecord {
    std::string id;         // the practice's id, from its value slot
    nlohmann::json record;  // the document data, parsed
    std::string prose;      // the record's text fields, as snippets are cut from them
};

class RecordCache {
public:
    RecordCache(Xapian::Database db, std::size_t max_bytes);

    // The record of `docid`, read and parsed on first use. Throws what Xapian and the JSON
    // parser throw.
    std::shared_ptr<const StoredRecord> get(Xapian::docid docid);

    std::size_t cached_bytes() const { return bytes_; }

private:
    struct Entry {
        Xapian::docid docid;
        std::shared_ptr<const StoredRecord> stored;
        std::size_t bytes;  // what it was counted as
    };

    // The document's id, record and prose; `data` is left holding its JSON text.
    StoredRecord read(Xapian::docid docid, std::string& data) const;

    Xapian::Database db_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    std::list<Entry> recent_;  // most recently used first
    std::unordered_map<Xapian::docid, std::list<Entry>::iterator> by_docid_;
};

// The prose a snippet is cut from: what the practice does first, who runs it last.
std::string snippet_source(const nlohmann::json& record);

}  // namespace cohesio
