#include "search/record_cache.h"

#include "index/schema.h"

namespace cohesio {

namespace {

// A parsed record takes about 2.4 times its JSON text in the heap (map nodes, strings;
// measured over 2,000 synthetic practices), its prose once more; plus the entry's own nodes.
constexpr std::size_t kParsedPerTwoBytes = 5;
constexpr std::size_t kEntryOverhead = 256;

}  // namespace

std::string snippet_source(const nlohmann::json& record) {
    static constexpr const char* kSnippetFields[] = {"description",
                                                     "goal",
                                                     "context",
                                                     "implementation",
                                                     "impact",
                                                     "target_groups",
                                                     "conditions_of_success",
                                                     "concrete_example",
                                                     "remarks",
                                                     "instruments_used",
                                                     "duration",
                                                     "partners"};
    std::string text;
    const auto fields = record.find("text");
    if (fields == record.end()) return text;
    for (const char* key : kSnippetFields) {
        const auto value = fields->find(key);
        if (value == fields->end() || !value->is_string()) continue;
        if (!text.empty()) text += "\n";
        text += value->get_ref<const std::string&>();
    }
    return text;
}

RecordCache::RecordCache(Xapian::Database db, std::size_t max_bytes)
    : db_(std::move(db)), max_bytes_(max_bytes) {}

std::shared_ptr<const StoredRecord> RecordCache::get(Xapian::docid docid) {
    if (const auto found = by_docid_.find(docid); found != by_docid_.end()) {
        recent_.splice(recent_.begin(), recent_, found->second);
        return found->second->stored;
    }
    std::string data;
    auto stored = std::make_shared<const StoredRecord>(read(docid, data));
    const std::size_t bytes =
        data.size() * kParsedPerTwoBytes / 2 + stored->prose.size() + stored->id.size() + kEntryOverhead;
    if (bytes > max_bytes_) return stored;
    while (!recent_.empty() && bytes_ + bytes > max_bytes_) {
        bytes_ -= recent_.back().bytes;
        by_docid_.erase(recent_.back().docid);
        recent_.pop_back();
    }
    recent_.push_front({docid, stored, bytes});
    by_docid_.emplace(docid, recent_.begin());
    bytes_ += bytes;
    return stored;
}

StoredRecord RecordCache::read(Xapian::docid docid, std::string& data) const {
    const Xapian::Document document = db_.get_document(docid);
    StoredRecord stored;
    stored.id = document.get_value(schema::id);
    data = document.get_data();
    stored.record = nlohmann::json::parse(data);
    stored.prose = snippet_source(stored.record);
    return stored;
}

}  // namespace cohesio
