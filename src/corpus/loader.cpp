#include "corpus/loader.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <regex>
#include <tuple>

#include "common/files.h"

namespace cohesio {

namespace {

using nlohmann::json;

// Reads fields out of one record, remembering the first problem with the field's path.
class FieldReader {
public:
    FieldReader(const json& record, std::string file) : record_(record), file_(std::move(file)) {}

    bool failed() const { return error_.has_value(); }
    Error error() const { return *error_; }

    void fail(const std::string& field, const std::string& message) {
        if (!error_) error_ = Error{ErrorKind::invalid_input, file_ + ": " + field, message};
    }

    std::string string(const json& object, const std::string& key, const std::string& path,
                       bool required) {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(path, "missing required field");
            return {};
        }
        if (!it->is_string()) {
            fail(path, "must be a string");
            return {};
        }
        auto value = it->get<std::string>();
        if (required && value.empty()) fail(path, "must not be empty");
        if (value.size() > kMaxFieldBytes) {
            fail(path, "is " + std::to_string(value.size()) + " bytes; the limit is " +
                           std::to_string(kMaxFieldBytes));
            return {};
        }
        return value;
    }

    const json* array(const json& object, const std::string& key, const std::string& path,
                      bool required) {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(path, "missing required field");
            return nullptr;
        }
        if (!it->is_array()) {
            fail(path, "must be an array");
            return nullptr;
        }
        if (required && it->empty()) fail(path, "must not be empty");
        return &*it;
    }

    const json& record() const { return record_; }

    // The schema allows no other fields: a typo like "categorie" must not be dropped quietly.
    void reject_unknown(const json& object, const std::string& path,
                        std::initializer_list<std::string_view> known) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                return fail(path.empty() ? key : path + "." + key, "unknown field");
            }
        }
    }

private:
    const json& record_;
    std::string file_;
    std::optional<Error> error_;
};

bool is_one_of(const std::string& value, std::initializer_list<const char*> allowed) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

bool is_date(const std::string& value) {
    static const std::regex date(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch parts;
    if (!std::regex_match(value, parts, date)) return false;
    const std::chrono::year_month_day day{
        std::chrono::year{std::stoi(parts[1])},
        std::chrono::month{static_cast<unsigned>(std::stoi(parts[2]))},
        std::chrono::day{static_cast<unsigned>(std::stoi(parts[3]))}};
    return day.ok();
}

void read_sources(FieldReader& in, const Reference& reference, Practice& practice) {
    const json* sources = in.array(in.record(), "sources", "sources", true);
    if (!sources) return;
    for (std::size_t i = 0; i < sources->size(); ++i) {
        const std::string path = "sources[" + std::to_string(i) + "]";
        const json& entry = (*sources)[i];
        if (!entry.is_object()) return in.fail(path, "must be an object");
        in.reject_unknown(entry, path, {"document", "section", "label"});
        Source source{in.string(entry, "document", path + ".document", true),
                      in.string(entry, "section", path + ".section", true),
                      in.string(entry, "label", path + ".label", false)};
        if (!source.document.empty() && !reference.documents.contains(source.document)) {
            in.fail(path + ".document", "unknown document '" + source.document + "'");
        }
        practice.sources.push_back(std::move(source));
    }
}

std::vector<int> read_categories(FieldReader& in, const json& list, const std::string& path,
                                 const Reference& reference) {
    std::vector<int> numbers;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& number = list[i];
        // Checked as unsigned before narrowing, so 4294967297 is not read as category 1.
        constexpr std::uint64_t kLastCategory = 9;
        if (!number.is_number_unsigned() || number.get<std::uint64_t>() > kLastCategory ||
            !reference.categories.contains(static_cast<int>(number.get<std::uint64_t>()))) {
            in.fail(path + "[" + std::to_string(i) + "]",
                    "must be a Table 2 category number (1-9)");
            return {};
        }
        numbers.push_back(static_cast<int>(number.get<std::uint64_t>()));
    }
    return numbers;
}

void read_classification(FieldReader& in, const Reference& reference, Practice& practice) {
    if (const json* countries = in.array(in.record(), "countries", "countries", true)) {
        for (std::size_t i = 0; i < countries->size(); ++i) {
            const std::string path = "countries[" + std::to_string(i) + "]";
            const auto& code = (*countries)[i];
            if (!code.is_string()) return in.fail(path, "must be a string");
            if (!reference.countries.contains(code.get<std::string>())) {
                return in.fail(path, "unknown country code '" + code.get<std::string>() + "'");
            }
            practice.countries.push_back(code.get<std::string>());
        }
    }
    if (const json* domains = in.array(in.record(), "priority_domains", "priority_domains", true)) {
        for (std::size_t i = 0; i < domains->size(); ++i) {
            const std::string path = "priority_domains[" + std::to_string(i) + "]";
            const json& entry = (*domains)[i];
            if (!entry.is_object()) return in.fail(path, "must be an object");
            in.reject_unknown(entry, path, {"domain", "provenance"});
            DomainLink link{in.string(entry, "domain", path + ".domain", true),
                            in.string(entry, "provenance", path + ".provenance", true)};
            if (!link.domain.empty() && !reference.domains.contains(link.domain)) {
                in.fail(path + ".domain", "unknown priority domain '" + link.domain + "'");
            }
            if (!link.provenance.empty() && !is_one_of(link.provenance, {"stated", "assigned"})) {
                in.fail(path + ".provenance", "must be 'stated' or 'assigned'");
            }
            practice.domains.push_back(std::move(link));
        }
    }
    if (const json* categories = in.array(in.record(), "categories", "categories", false))
        practice.categories = read_categories(in, *categories, "categories", reference);
    // Ours: for a practice the report did not categorise, our judgement of its categories.
    const auto ours = in.record().find("ours");
    if (ours != in.record().end() && ours->is_object()) {
        if (const json* categories = in.array(*ours, "categories", "ours.categories", false))
            practice.our_categories =
                read_categories(in, *categories, "ours.categories", reference);
    }
    if (const json* articles =
            in.array(in.record(), "charter_articles", "charter_articles", false)) {
        for (std::size_t i = 0; i < articles->size(); ++i) {
            const std::string path = "charter_articles[" + std::to_string(i) + "]";
            const json& entry = (*articles)[i];
            if (!entry.is_object()) return in.fail(path, "must be an object");
            in.reject_unknown(
                entry, path, {"article", "provenance", "evidence", "evidence_terms", "confidence"});
            ArticleLink link{in.string(entry, "article", path + ".article", true),
                             in.string(entry, "provenance", path + ".provenance", true),
                             in.string(entry, "evidence", path + ".evidence", false)};
            // Written by the indexer into the records it serves, so a served record read back
            // (the admin API's PUT of what GET gave) is still valid.
            if (const auto terms = entry.find("evidence_terms"); terms != entry.end()) {
                if (!terms->is_number_unsigned() || terms->get<std::uint64_t>() == 0) {
                    in.fail(path + ".evidence_terms", "must be a whole number of at least 1");
                } else {
                    link.evidence_terms = terms->get<std::size_t>();
                }
            }
            link.confidence = in.string(entry, "confidence", path + ".confidence", false);
            if (!link.confidence.empty() && !is_one_of(link.confidence, {"high", "low"})) {
                in.fail(path + ".confidence", "must be 'high' or 'low'");
            }
            if (!link.article.empty() && !reference.articles.contains(link.article)) {
                in.fail(path + ".article",
                        "unknown European Social Charter article '" + link.article + "'");
            }
            if (!link.provenance.empty() && !is_one_of(link.provenance, {"explicit", "inferred"})) {
                in.fail(path + ".provenance", "must be 'explicit' or 'inferred'");
            }
            practice.articles.push_back(std::move(link));
        }
    }
}

// Our English name of a place the document names in French (Varsovie: Warsaw). A name of a place
// the record does not name would be shown for nothing, so it is refused.
void read_english_places(FieldReader& in, const json& ours, Practice& practice) {
    for (const auto& [name, place, english] :
         {std::tuple{"city", &practice.city, &practice.city_en},
          std::tuple{"region", &practice.region, &practice.region_en}}) {
        const std::string key = std::string(name) + "_en", path = "ours." + key;
        *english = in.string(ours, key, path, false);
        if (ours.contains(key) && english->empty()) {
            in.fail(path, "must not be empty");
        } else if (!english->empty() && place->empty()) {
            in.fail(path, std::string("the record has no ") + name + " to name in English");
        }
    }
}

void read_texts(FieldReader& in, Practice& practice) {
    const auto text = in.record().find("text");
    if (text == in.record().end()) return in.fail("text", "missing required field");
    if (!text->is_object()) return in.fail("text", "must be an object");
    for (const auto& [key, value] : text->items()) {
        const bool known =
            std::any_of(std::begin(kTextFields), std::end(kTextFields),
                        [&name = key](const auto& field) { return name == field.first; });
        if (!known) return in.fail("text." + key, "unknown text field");
    }
    for (const auto& [key, label] : kTextFields) {
        std::string value = in.string(*text, key, std::string("text.") + key, false);
        if (!value.empty()) practice.text.emplace_back(key, std::move(value));
    }
    const auto ours = in.record().find("ours");
    if (ours != in.record().end()) {
        if (!ours->is_object()) return in.fail("ours", "must be an object");
        in.reject_unknown(
            *ours, "ours",
            {"title", "title_en", "city_en", "region_en", "summary_en", "categories", "note"});
        practice.our_title = in.string(*ours, "title", "ours.title", false);
        practice.title_en = in.string(*ours, "title_en", "ours.title_en", false);
        practice.summary_en = in.string(*ours, "summary_en", "ours.summary_en", false);
        practice.our_note = in.string(*ours, "note", "ours.note", false);
        read_english_places(in, *ours, practice);
    }
}

}  // namespace

Result<Practice> parse_practice(const std::string& bytes, const std::filesystem::path& file,
                                const Reference& reference) {
    const std::string name = file.string();
    if (bytes.size() > kMaxRecordBytes) {
        return Error{ErrorKind::invalid_input, name,
                     "record is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                         std::to_string(kMaxRecordBytes)};
    }
    std::size_t bad_offset = 0;
    if (!is_valid_utf8(bytes, bad_offset)) {
        return Error{ErrorKind::invalid_input, name,
                     "invalid UTF-8 at byte " + std::to_string(bad_offset)};
    }
    json record;
    try {
        record = json::parse(bytes);
    } catch (const json::exception& e) {
        // Not only parse_error: a number too large for a double (1e999) is out_of_range.
        return Error{ErrorKind::invalid_input, name, std::string("invalid JSON: ") + e.what()};
    }
    if (!record.is_object()) return Error{ErrorKind::invalid_input, name, "must be a JSON object"};

    FieldReader in(record, name);
    in.reject_unknown(record, "",
                      {"id", "title", "language", "countries", "region", "city", "organisation",
                       "website", "sources", "added", "updated", "priority_domains", "categories",
                       "charter_articles", "text", "ours"});
    Practice practice;
    practice.id = in.string(record, "id", "id", true);
    // Xapian terms are at most 245 bytes; the id becomes the Q term.
    constexpr std::size_t kMaxIdLength = 100;
    if (practice.id.size() > kMaxIdLength) in.fail("id", "longer than 100 characters");
    static const std::regex slug("[a-z0-9]+(-[a-z0-9]+)*");
    if (!practice.id.empty() && !std::regex_match(practice.id, slug)) {
        in.fail("id", "must be a lowercase slug like 'am-national-food-bank'");
    }
    if (!practice.id.empty() && file.stem().string() != practice.id) {
        in.fail("id", "'" + practice.id + "' does not match the file name");
    }
    practice.title = in.string(record, "title", "title", false);
    if (record.contains("title") && practice.title.empty()) in.fail("title", "must not be empty");
    practice.language = in.string(record, "language", "language", true);
    if (!practice.language.empty() && !is_one_of(practice.language, {"fr", "en"})) {
        in.fail("language", "must be 'fr' or 'en'");
    }
    practice.region = in.string(record, "region", "region", false);
    practice.city = in.string(record, "city", "city", false);
    practice.organisation = in.string(record, "organisation", "organisation", false);
    practice.website = in.string(record, "website", "website", false);
    practice.added = in.string(record, "added", "added", true);
    practice.updated = in.string(record, "updated", "updated", true);
    for (const auto& [field, value] :
         {std::pair{"added", &practice.added}, std::pair{"updated", &practice.updated}}) {
        if (!value->empty() && !is_date(*value)) in.fail(field, "must be a date YYYY-MM-DD");
    }
    read_sources(in, reference, practice);
    read_classification(in, reference, practice);
    read_texts(in, practice);
    if (!in.failed() && practice.title.empty() && practice.our_title.empty()) {
        in.fail("title", "missing: give the document's title or ours.title");
    }
    if (in.failed()) return in.error();
    practice.raw = std::move(record);
    return practice;
}

CorpusReader::CorpusReader(const std::filesystem::path& practices_dir, const Reference& reference)
    : CorpusReader(std::vector{practices_dir}, reference) {}

CorpusReader::CorpusReader(const std::vector<std::filesystem::path>& paths,
                           const Reference& reference)
    : reference_(reference) {
    for (const auto& path : paths) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) {
            if (std::filesystem::is_regular_file(path, ec)) {
                files_.push_back(path);
            } else {
                errors_.push_back(
                    Error{ErrorKind::not_found, path.string(), "no such record file or directory"});
            }
            continue;
        }
        std::vector<std::filesystem::path> listed;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
            // Only regular files: a directory or a FIFO named x.json is not a record (a FIFO
            // would block the read forever).
            std::error_code type_error;
            if (entry.path().extension() == ".json" && entry.is_regular_file(type_error)) {
                listed.push_back(entry.path());
            }
        }
        if (ec) {
            errors_.push_back(Error{ErrorKind::not_found, path.string(), ec.message()});
            continue;
        }
        std::sort(listed.begin(), listed.end());
        files_.insert(files_.end(), listed.begin(), listed.end());
    }
}

std::optional<Practice> CorpusReader::next() {
    while (next_file_ < files_.size()) {
        const std::filesystem::path& file = files_[next_file_++];
        auto bytes = read_file(file);
        if (!bytes) {
            errors_.push_back(bytes.error());
            continue;
        }
        auto practice = parse_practice(*bytes, file, reference_);
        if (!practice) {
            errors_.push_back(practice.error());
            continue;
        }
        auto [it, inserted] = file_of_id_.emplace(practice->id, file.string());
        if (!inserted) {
            errors_.push_back(Error{ErrorKind::invalid_input, file.string() + ": id",
                                    "duplicate id '" + practice->id + "', also in " + it->second});
            continue;
        }
        return std::move(practice).value();
    }
    return std::nullopt;
}

CorpusLoad load_corpus(const std::filesystem::path& practices_dir, const Reference& reference) {
    CorpusLoad load;
    CorpusReader reader(practices_dir, reference);
    while (std::optional<Practice> practice = reader.next()) {
        load.practices.push_back(std::move(*practice));
    }
    load.errors = reader.errors();
    load.files_seen = reader.files_seen();
    return load;
}

}  // namespace cohesio
