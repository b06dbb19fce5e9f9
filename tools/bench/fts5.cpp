#include "fts5.h"

namespace cohesio::bench {

namespace {

constexpr int kBatch = 5000;  // rows per transaction: few commits, bounded journal

const char* const kSchema = R"(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE VIRTUAL TABLE practice USING fts5(
    id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE facet(name TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL,
                   PRIMARY KEY (name, value, doc)) WITHOUT ROWID;
)";

Error sqlite_error(sqlite3* db, const std::string& where) {
    return Error{ErrorKind::io, where, db ? sqlite3_errmsg(db) : "out of memory"};
}

// Owns a prepared statement.
struct Statement {
    sqlite3_stmt* handle = nullptr;
    ~Statement() { sqlite3_finalize(handle); }
    void bind(int at, const std::string& text) {
        sqlite3_bind_text(handle, at, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    }
};

std::string body_of(const Practice& practice) {
    std::string body = practice.summary_en;
    for (const auto& [field, value] : practice.text) body += "\n" + value;
    for (const auto* place : {&practice.region, &practice.city, &practice.organisation})
        body += "\n" + *place;
    return body;
}

std::vector<std::pair<std::string, std::string>> facets_of(const Practice& practice) {
    std::vector<std::pair<std::string, std::string>> facets;
    for (const auto& code : practice.countries) facets.emplace_back("country", code);
    for (const auto& link : practice.domains) facets.emplace_back("domain", link.domain);
    for (int category : practice.categories)
        facets.emplace_back("category", std::to_string(category));
    for (const auto& link : practice.articles) facets.emplace_back("article", link.article);
    return facets;
}

Status insert(sqlite3* db, Statement& row, Statement& facet, sqlite3_int64 rowid,
              const Practice& practice) {
    sqlite3_bind_int64(row.handle, 1, rowid);
    row.bind(2, practice.id);
    row.bind(3, practice.title + "\n" + practice.our_title + "\n" + practice.title_en);
    row.bind(4, body_of(practice));
    if (sqlite3_step(row.handle) != SQLITE_DONE) return sqlite_error(db, "fts5 insert");
    sqlite3_reset(row.handle);
    for (const auto& [name, value] : facets_of(practice)) {
        facet.bind(1, name);
        facet.bind(2, value);
        sqlite3_bind_int64(facet.handle, 3, rowid);
        // A duplicate value in one record is harmless: OR IGNORE.
        if (sqlite3_step(facet.handle) != SQLITE_DONE) return sqlite_error(db, "facet insert");
        sqlite3_reset(facet.handle);
    }
    return ok_status();
}

// "SELECT ... WHERE practice MATCH ?1 AND rowid IN (facet subquery) ... ORDER BY bm25".
std::string select_for(const BenchQuery& query) {
    std::string filters;
    for (const auto& [name, values] : query.filters) {
        std::string in;
        for (std::size_t i = 0; i < values.size(); ++i) in += i ? ",?" : "?";
        filters += " AND rowid IN (SELECT doc FROM facet WHERE name = ? AND value IN (" + in + "))";
    }
    const std::string columns = "SELECT rowid, id FROM practice WHERE ";
    // Titles weigh five times the body, as in Cohesio's index.
    if (query.words.empty()) return columns + "1" + filters + " LIMIT 10";
    return columns + "practice MATCH ?" + filters +
           " ORDER BY bm25(practice, 0.0, 5.0, 1.0) LIMIT 10";
}

}  // namespace

std::string fts5_match(const BenchQuery& query) {
    // Built with push_back and append: GCC 12 warns falsely (-Wrestrict) on `"\"" + text`.
    const auto quote = [](std::string& out, const std::string& word) {
        out.push_back('"');
        for (char c : word) {
            out.push_back(c);
            if (c == '"') out.push_back('"');  // FTS5 escapes a quote by doubling it
        }
        out.push_back('"');
    };
    std::string match;
    if (query.kind == QueryKind::phrase) {
        std::string phrase;
        for (const auto& word : query.words) phrase.append(phrase.empty() ? "" : " ").append(word);
        quote(match, phrase);
        return match;
    }
    for (const auto& word : query.words) {
        if (!match.empty()) match.append(" OR ");
        quote(match, word);
    }
    return match;
}

std::string sqlite_version() { return sqlite3_libversion(); }

Result<std::size_t> build_fts5(const PracticeStream& next, const std::filesystem::path& path) {
    std::filesystem::remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        Error error = sqlite_error(db, path.string());
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> owner(db, sqlite3_close);
    if (sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return sqlite_error(db, "schema");
    Statement row, facet;
    sqlite3_prepare_v2(db, "INSERT INTO practice(rowid, id, title, body) VALUES (?, ?, ?, ?)", -1,
                       &row.handle, nullptr);
    sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO facet VALUES (?, ?, ?)", -1, &facet.handle,
                       nullptr);
    std::size_t count = 0;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    while (auto practice = next()) {
        ++count;
        if (auto inserted = insert(db, row, facet, static_cast<sqlite3_int64>(count), *practice);
            !inserted)
            return inserted.error();
        if (count % kBatch == 0) sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return sqlite_error(db, "commit");
    // Merge the FTS5 segments, as Xapian's compact does for the Xapian indexes.
    sqlite3_exec(db, "INSERT INTO practice(practice) VALUES ('optimize')", nullptr, nullptr,
                 nullptr);
    return count;
}

Result<std::unique_ptr<Fts5Searcher>> Fts5Searcher::open(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        Error error = sqlite_error(db, path.string());
        sqlite3_close(db);
        return error;
    }
    return std::unique_ptr<Fts5Searcher>(new Fts5Searcher(db));
}

Fts5Searcher::Fts5Searcher(sqlite3* db) : db_(db) {
    // Checked every few thousand virtual-machine steps: cheap, and a few ms late at most.
    constexpr int kStepsBetweenChecks = 10000;
    sqlite3_progress_handler(db_, kStepsBetweenChecks, &Fts5Searcher::past_deadline, this);
}

Fts5Searcher::~Fts5Searcher() { sqlite3_close(db_); }

int Fts5Searcher::past_deadline(void* searcher) {
    return std::chrono::steady_clock::now() > static_cast<Fts5Searcher*>(searcher)->deadline_;
}

Result<std::vector<std::string>> Fts5Searcher::search(const BenchQuery& query, bool ids) {
    Statement select;
    // Preparing is part of the cost a caller pays per distinct query shape; it is small.
    if (sqlite3_prepare_v2(db_, select_for(query).c_str(), -1, &select.handle, nullptr) !=
        SQLITE_OK)
        return sqlite_error(db_, "prepare");
    int at = 1;
    if (!query.words.empty()) select.bind(at++, fts5_match(query));
    for (const auto& [name, values] : query.filters) {
        select.bind(at++, name);
        for (const auto& value : values) select.bind(at++, value);
    }
    std::vector<std::string> found;
    deadline_ = std::chrono::steady_clock::now() + kQueryLimit;
    int step;
    while ((step = sqlite3_step(select.handle)) == SQLITE_ROW) {
        found.push_back(ids ? reinterpret_cast<const char*>(sqlite3_column_text(select.handle, 1))
                            : std::to_string(sqlite3_column_int64(select.handle, 0)));
    }
    if (step == SQLITE_INTERRUPT)
        return Error{ErrorKind::io, "search",
                     "interrupted after " + std::to_string(kQueryLimit.count()) + " s"};
    if (step != SQLITE_DONE) return sqlite_error(db_, "search");
    return found;
}

}  // namespace cohesio::bench
