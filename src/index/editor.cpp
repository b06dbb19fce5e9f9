#include "index/editor.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/files.h"
#include "corpus/loader.h"
#include "index/rebuild.h"
#include "index/update.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

// An edit waits this long for another writer, then the client is told to retry: a request
// must not hang for the length of a rebuild.
constexpr std::chrono::milliseconds kEditLockWait{2000};

std::string lower_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// A record's error as a client of the API sees it: about the body, not a server file.
Error about_body(Error error, const std::string& file_name) {
    if (error.where.starts_with(file_name))
        error.where = "body" + error.where.substr(file_name.size());
    return error;
}

// Writes `bytes` to `file` through a temporary file and a rename: readers (a rebuild) see the
// old record or the new one, never half of one.
Status replace_file(const fs::path& file, const std::string& bytes) {
    const fs::path staged =
        file.parent_path() / std::string(".").append(file.filename().string()).append(".tmp");
    {
        std::ofstream out(staged, std::ios::binary | std::ios::trunc);
        out << bytes;
        out.flush();
        if (!out) return Error{ErrorKind::io, staged.string(), "cannot write the record file"};
    }
    std::error_code ec;
    fs::rename(staged, file, ec);
    if (ec) {
        fs::remove(staged, ec);
        return Error{ErrorKind::io, file.string(), "cannot write the record file"};
    }
    return ok_status();
}

// Puts `file` back as it was (`previous`: its bytes, or nothing when it did not exist).
void restore_file(const fs::path& file, const std::optional<std::string>& previous) {
    std::error_code ec;
    if (previous) {
        (void)replace_file(file, *previous);
    } else {
        fs::remove(file, ec);
    }
}

}  // namespace

Result<std::unique_ptr<Editor>> Editor::open(const fs::path& corpus, const fs::path& index) {
    auto reference = Reference::load(corpus / "reference");
    if (!reference) return reference.error();
    auto normaliser = Normaliser::create();
    if (!normaliser) return normaliser.error();
    auto vocabulary = Vocabulary::load(corpus / "reference", **normaliser);
    if (!vocabulary) return vocabulary.error();
    std::error_code ec;
    if (!fs::is_directory(corpus / "practices", ec)) {
        return Error{ErrorKind::not_found, (corpus / "practices").string(),
                     "no practices directory for the admin API to keep records in"};
    }
    return std::unique_ptr<Editor>(
        new Editor(corpus, index, std::move(reference).value(), std::move(normaliser).value(),
                   std::make_unique<Vocabulary>(std::move(vocabulary).value())));
}

Editor::Editor(fs::path corpus, fs::path index, Reference reference,
               std::unique_ptr<Normaliser> normaliser, std::unique_ptr<Vocabulary> vocabulary)
    : corpus_(std::move(corpus)),
      index_(std::move(index)),
      reference_(std::move(reference)),
      normaliser_(std::move(normaliser)),
      vocabulary_(std::move(vocabulary)) {}

Editor::~Editor() {
    if (rebuilder_.joinable()) rebuilder_.join();
}

Result<Editor::Outcome> Editor::put(const std::string& path_id, const std::string& record) {
    const std::string id = lower_case(path_id);
    const std::string file_name = id + ".json";
    // The id is checked against the path before the record's fields, with a message that
    // speaks of the path rather than of a file name.
    try {
        const auto parsed = nlohmann::json::parse(record);
        if (parsed.is_object() && parsed.contains("id") && parsed["id"] != id) {
            return Error{ErrorKind::invalid_input, "body: id",
                         "the record's id is not the one in the path " + quote_input(id)};
        }
    } catch (const nlohmann::json::exception&) {
        return Error{ErrorKind::invalid_input, "body", "is not valid JSON"};
    }
    auto practice = parse_practice(record, fs::path(file_name), reference_);
    if (!practice) return about_body(practice.error(), file_name);

    const std::lock_guard edit(edit_mutex_);
    auto lock = IndexLock::acquire(index_, kEditLockWait);
    if (!lock) return lock.error();
    const fs::path file = corpus_ / "practices" / file_name;
    std::optional<std::string> previous;
    if (auto old = read_file(file)) previous = std::move(old).value();
    if (auto written = replace_file(file, record); !written) return written.error();
    auto updated = update_index(*lock, index_, {*practice}, {}, *normaliser_, *vocabulary_);
    if (!updated) {
        restore_file(file, previous);
        return updated.error();
    }
    return Outcome{id, updated->added ? Change::added : Change::replaced, updated->generation};
}

Result<Editor::Outcome> Editor::remove(const std::string& path_id) {
    const std::string id = lower_case(path_id);
    const std::lock_guard edit(edit_mutex_);
    auto lock = IndexLock::acquire(index_, kEditLockWait);
    if (!lock) return lock.error();
    auto updated = update_index(*lock, index_, {}, {id}, *normaliser_, *vocabulary_);
    if (!updated) return updated.error();
    std::error_code ec;
    fs::remove(corpus_ / "practices" / (id + ".json"), ec);
    if (ec) {
        return Error{
            ErrorKind::io, (corpus_ / "practices" / (id + ".json")).string(),
            "deleted from the index, but its record file could not be removed: " + ec.message()};
    }
    return Outcome{id, Change::deleted, updated->generation};
}

bool Editor::start_rebuild() {
    const std::lock_guard lock(state_mutex_);
    if (state_.running) return false;
    if (rebuilder_.joinable()) rebuilder_.join();  // the last one, finished
    state_ = RebuildState{true, index_timestamp(), "", 0, 0, ""};
    rebuilder_ = std::thread([this] { rebuild(); });
    return true;
}

Editor::RebuildState Editor::rebuild_state() const {
    const std::lock_guard lock(state_mutex_);
    return state_;
}

void Editor::rebuild() {
    RebuildState outcome;
    // Its own Normaliser: edits may use theirs meanwhile (ICU objects are not thread-safe).
    auto normaliser = Normaliser::create();
    if (!normaliser) {
        outcome.error = normaliser.error().describe();
    } else {
        // A rebuild waits for edits, not the reverse: edits give up after a moment.
        auto rebuilt = rebuild_from(
            corpus_ / "practices", reference_, index_, **normaliser, *vocabulary_,
            [](const Error&) {}, {}, std::chrono::minutes(1));
        if (rebuilt) {
            outcome.documents = rebuilt->built.documents;
            outcome.rejected = rebuilt->rejected;
        } else {
            outcome.error = rebuilt.error().describe();
        }
    }
    const std::lock_guard lock(state_mutex_);
    state_.running = false;
    state_.finished_at = index_timestamp();
    state_.documents = outcome.documents;
    state_.rejected = outcome.rejected;
    state_.error = outcome.error;
}

}  // namespace cohesio
