#include "xapian_peers.h"

#include "index/schema.h"

namespace cohesio::bench {

namespace {

constexpr Xapian::doccount kTop = 10;
constexpr Xapian::doccount kCommitEvery = 10000;  // bounded memory, as Cohesio's batches

}  // namespace

Result<std::size_t> build_plain(const PracticeStream& next, const std::filesystem::path& path) {
    try {
        std::filesystem::remove_all(path);
        Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator terms;
        terms.set_stemmer(Xapian::Stem("french"));
        std::size_t count = 0;
        while (auto practice = next()) {
            Xapian::Document document;
            terms.set_document(document);
            for (const auto* text : {&practice->title, &practice->our_title, &practice->title_en,
                                     &practice->summary_en, &practice->region, &practice->city,
                                     &practice->organisation}) {
                terms.index_text(*text);
                terms.increase_termpos();
            }
            for (const auto& [field, value] : practice->text) {
                terms.index_text(value);
                terms.increase_termpos();
            }
            db.add_document(document);
            if (++count % kCommitEvery == 0) db.commit();
        }
        // Explicitly: the destructor would swallow a failure to commit.
        db.commit();
        return count;
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, path.string(), e.get_description()};
    }
}

Status compact(const std::filesystem::path& from, const std::filesystem::path& to) {
    try {
        std::filesystem::remove_all(to);
        Xapian::Database(from.string()).compact(to.string());
        return ok_status();
    } catch (const Xapian::Error& e) {
        return Error{ErrorKind::io, from.string(), e.get_description()};
    }
}

std::uintmax_t directory_size(const std::filesystem::path& path) {
    std::uintmax_t bytes = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
}

SearchRequest to_request(const BenchQuery& query) {
    SearchRequest request;
    request.query = query.text();
    request.filters = query.filters;
    request.limit = kTop;
    return request;
}

Result<Floor> Floor::open(const std::filesystem::path& index,
                          const std::vector<BenchQuery>& queries) {
    auto searcher = Searcher::open(index);
    if (!searcher) return searcher.error();
    std::vector<Xapian::Query> built;
    for (const auto& query : queries) {
        auto ranking = (*searcher)->ranking_query(to_request(query));
        if (!ranking) return ranking.error();
        built.push_back(*ranking);
    }
    return Floor(std::move(*searcher), std::move(built));
}

std::vector<std::string> Floor::run(std::size_t i, bool ids) {
    Xapian::Enquire enquire(searcher_->database());
    enquire.set_weighting_scheme(ranking_weight());
    enquire.set_query(queries_[i % queries_.size()]);
    const Xapian::MSet matches = enquire.get_mset(0, kTop);
    std::vector<std::string> found;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        found.push_back(ids ? it.get_document().get_value(schema::id) : std::to_string(*it));
    }
    return found;
}

}  // namespace cohesio::bench
