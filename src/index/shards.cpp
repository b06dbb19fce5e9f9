#include "index/shards.h"

#include <charconv>
#include <fstream>
#include <future>
#include <sstream>

#include "index/schema.h"

namespace cohesio {

namespace fs = std::filesystem;

namespace {

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

Result<StubEntry> parse_remote(std::string_view address, const std::string& where) {
    // Xapian 1.4's syntax is `remote HOST:PORT` (and `remote :PROGRAM`, which we do not run).
    const auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return Error{ErrorKind::invalid_input, where,
                     "expected `remote HOST:PORT`, got " + quote_input(address)};
    }
    StubEntry entry;
    entry.host = std::string(address.substr(0, colon));
    const std::string_view port = address.substr(colon + 1);
    const auto [end, failure] = std::from_chars(port.data(), port.data() + port.size(), entry.port);
    if (failure != std::errc() || end != port.data() + port.size() || entry.port == 0 ||
        entry.port > 65535) {
        return Error{ErrorKind::invalid_input, where, "bad port " + quote_input(port)};
    }
    return entry;
}

Result<StubEntry> parse_line(std::string_view line, const fs::path& directory,
                             const std::string& where) {
    const auto space = line.find_first_of(" \t");
    const std::string_view kind = line.substr(0, space);
    const std::string_view rest =
        space == std::string_view::npos ? std::string_view{} : trimmed(line.substr(space));
    if (rest.empty()) return Error{ErrorKind::invalid_input, where, "no database named"};
    if (kind == "remote") return parse_remote(rest, where);
    if (kind == "auto" || kind == "glass") {
        StubEntry entry;
        const fs::path named{std::string(rest)};
        entry.path = named.is_absolute() ? named : directory / named;
        return entry;
    }
    return Error{ErrorKind::invalid_input, where,
                 "unknown database type " + quote_input(kind) +
                     "; a Cohesio stub lists `auto PATH` and `remote HOST:PORT` lines"};
}

Xapian::Database open_entry(const StubEntry& entry, const RemoteOptions& options) {
    if (!entry.remote()) {
        // Through `current` resolved now: Glass rereads its version file by path on reopen(),
        // and a swap of the link must not mix two builds under one handle.
        std::error_code ec;
        const fs::path resolved = fs::canonical(entry.path, ec);
        return Xapian::Database((ec ? entry.path : resolved).string());
    }
    // Xapian counts these timeouts in milliseconds despite their useconds_t type.
    return Xapian::Remote::open(entry.host, entry.port,
                                static_cast<useconds_t>(options.io.count()),
                                static_cast<useconds_t>(options.connect.count()));
}

Status check_same_build(Xapian::Database& shard, const Xapian::Database& first,
                        const std::string& shard_name_shown) {
    const std::string version = shard.get_metadata(std::string(schema::kSchemaVersionKey));
    if (version != schema::kSchemaVersion) {
        return Error{ErrorKind::version, shard_name_shown,
                     "has schema version '" + version + "' but this cohesio reads version " +
                         std::string(schema::kSchemaVersion)};
    }
    const std::string key(schema::kGenerationKey);
    const std::string expected = first.get_metadata(key);
    const std::string found = shard.get_metadata(key);
    if (found != expected) {
        return Error{ErrorKind::io, shard_name_shown,
                     "serves generation '" + found + "' but the index is at '" + expected +
                         "'; restart its server on the index's `current` generation"};
    }
    return ok_status();
}

}  // namespace

std::size_t shard_count(const fs::path& generation) {
    std::error_code ec;
    if (!fs::is_regular_file(generation / kStubFileName, ec)) return 0;
    auto entries = read_stub(generation / kStubFileName);
    return entries && !entries->empty() ? entries->size() - 1 : 0;
}

std::string shard_name(std::size_t shard) { return "shard-" + std::to_string(shard); }

std::size_t shard_of(std::string_view id, std::size_t shards) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return static_cast<std::size_t>(hash % std::max<std::size_t>(shards, 1));
}

std::string StubEntry::describe(std::size_t position) const {
    const std::string name =
        position == 0 ? std::string(kTablesDatabaseName) : shard_name(position - 1);
    if (remote()) return name + " (remote " + host + ":" + std::to_string(port) + ")";
    return name + " (" + path.filename().string() + ")";
}

Result<std::vector<StubEntry>> read_stub(const fs::path& stub) {
    std::ifstream in(stub);
    if (!in) return Error{ErrorKind::not_found, stub.string(), "cannot read the stub file"};
    std::vector<StubEntry> entries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::string_view content = trimmed(line);
        if (content.empty() || content.front() == '#') continue;
        const std::string where = stub.string() + ":" + std::to_string(number);
        auto entry = parse_line(content, stub.parent_path(), where);
        if (!entry) return entry.error();
        entry->line = number;
        entries.push_back(std::move(entry).value());
    }
    if (entries.empty()) return Error{ErrorKind::invalid_input, stub.string(), "lists no database"};
    return entries;
}

Status write_stub(const fs::path& generation, std::size_t shards) {
    const fs::path stub = generation / kStubFileName;
    std::ofstream out(stub);
    out << "auto " << kTablesDatabaseName << "\n";
    for (std::size_t shard = 0; shard < shards; ++shard)
        out << "auto " << shard_name(shard) << "\n";
    out.close();
    if (!out) return Error{ErrorKind::io, stub.string(), "cannot write the stub file"};
    return ok_status();
}

bool is_stub(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return true;
    return fs::is_regular_file(path / kStubFileName, ec);
}

fs::path stub_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) ? path / kStubFileName : path;
}

Result<OpenedIndex> open_stub(const fs::path& stub, const RemoteOptions& options) {
    auto entries = read_stub(stub);
    if (!entries) return entries.error();
    if (entries->front().remote()) {
        return Error{ErrorKind::invalid_input,
                     stub.string() + ":" + std::to_string(entries->front().line),
                     "the first database must be local (`auto PATH`): it holds the spelling "
                     "and synonym tables, which Xapian's remote backend does not serve"};
    }
    // All at once: with shards down or stalled, opening takes one timeout, not one per shard.
    // (libstdc++ runs a task in the caller when no thread can be had.)
    std::vector<std::future<Xapian::Database>> opening;
    for (const StubEntry& entry : *entries) {
        opening.push_back(std::async(std::launch::async | std::launch::deferred,
                                     [&entry, &options]() { return open_entry(entry, options); }));
    }
    OpenedIndex opened;
    Xapian::Database first;
    for (std::size_t position = 0; position < entries->size(); ++position) {
        const StubEntry& entry = (*entries)[position];
        const std::string shown = stub.string() + ": " + entry.describe(position);
        try {
            Xapian::Database database = opening[position].get();
            if (position == 0) {
                first = database;
            } else if (auto same = check_same_build(database, first, shown); !same) {
                return same.error();
            }
            opened.database.add_database(database);
            opened.parts.push_back(database);
            opened.remote = opened.remote || entry.remote();
        } catch (const Xapian::Error& e) {
            // The tables (position 0) are never optional: without them nothing reads right.
            if (position == 0 || !options.answer_without_missing)
                return Error{ErrorKind::io, shown, "unavailable: " + e.get_msg()};
            opened.missing_shards.push_back(shard_name(position - 1));
        }
    }
    if (opened.missing_shards.size() + 1 == entries->size() && entries->size() > 1)
        return Error{ErrorKind::io, stub.string(), "every shard is unavailable"};
    return opened;
}

namespace {

// `nested`: also the stubs its local databases are (one level: a stub naming itself must not
// loop).
std::string identity_of(const fs::path& stub, bool nested) {
    auto entries = read_stub(stub);
    if (!entries) return stub.string();
    std::ostringstream identity;
    identity << stub.string();
    for (const auto& entry : *entries) {
        identity << '\n';
        if (entry.remote()) {
            identity << entry.host << ":" << entry.port;
            continue;
        }
        std::error_code ec;
        identity << fs::canonical(entry.path, ec).string();
        // A replica's directory is itself a stub, naming replica_0 or replica_1: a full copy
        // switches it, and the reader must then open afresh.
        if (nested && fs::is_regular_file(entry.path / kStubFileName, ec))
            identity << " {" << identity_of(entry.path / kStubFileName, false) << "}";
    }
    return identity.str();
}

}  // namespace

std::string stub_identity(const fs::path& stub) { return identity_of(stub, true); }

}  // namespace cohesio
