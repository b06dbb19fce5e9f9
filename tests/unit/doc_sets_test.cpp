// DocSets::evaluate() against Xapian's own match on a small database: for each operator,
// exactly the documents an Enquire returns, whether evaluated on bitsets or matched by Xapian.
#include "search/doc_sets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "support/test_index.h"

namespace cohesio {
namespace {

using Query = Xapian::Query;
using Docids = std::vector<Xapian::docid>;

// Seven documents, the fifth deleted so that docids have a gap, plus a value for ranges.
Xapian::Database fixture_database(const std::filesystem::path& path) {
    const std::vector<std::vector<std::string>> documents = {
        {"a", "b", "c"}, {"a", "b"}, {"b", "c"}, {"c", "d"}, {"a"}, {"a", "d", "e"}, {"e"},
    };
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (const auto& terms : documents) {
        Xapian::Document document;
        Xapian::termpos position = 0;
        for (const auto& term : terms) document.add_posting(term, ++position);
        document.add_value(0, terms.front());
        db.add_document(document);
    }
    db.delete_document(5);
    db.commit();
    return Xapian::Database(path.string());
}

// Xapian 1.4's Query has no initializer-list constructor.
Query all_of(Query::op op, const std::vector<Query>& subqueries, Xapian::termcount parameter = 0) {
    return Query(op, subqueries.begin(), subqueries.end(), parameter);
}

Docids xapian_match(const Xapian::Database& db, const Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    Docids docids;
    for (auto it = all.begin(); it != all.end(); ++it) docids.push_back(*it);
    std::sort(docids.begin(), docids.end());
    return docids;
}

Docids members(const DocSet& set) {
    Docids docids;
    set.for_each([&docids](Xapian::docid docid) { docids.push_back(docid); });
    return docids;
}

class DocSetsTest : public ::testing::Test {
protected:
    testing::TempDir dir_;
    Xapian::Database db_ = fixture_database(dir_.path() / "db");
};

TEST_F(DocSetsTest, EvaluatedOperatorsMatchWhatXapianMatches) {
    const Query a("a"), b("b"), c("c"), d("d"), e("e");
    const std::vector<std::pair<std::string, Query>> cases = {
        {"term", a},
        {"absent term", Query("zzz")},
        {"deleted document's only term", Query(Query::OP_AND, a, Query::MatchAll)},
        {"MatchAll", Query::MatchAll},
        {"MatchNothing", Query::MatchNothing},
        {"AND", Query(Query::OP_AND, a, b)},
        {"OR", Query(Query::OP_OR, b, d)},
        {"SYNONYM", Query(Query::OP_SYNONYM, a, e)},
        {"AND_NOT", Query(Query::OP_AND_NOT, a, b)},
        {"AND_NOT of three", all_of(Query::OP_AND_NOT, {a, b, d})},
        {"pure NOT", Query(Query::OP_AND_NOT, Query::MatchAll, a)},
        {"FILTER", Query(Query::OP_FILTER, c, d)},
        {"AND_MAYBE", Query(Query::OP_AND_MAYBE, a, c)},
        {"AND_MAYBE of nothing", Query(Query::OP_AND_MAYBE, Query("zzz"), a)},
        {"SCALE_WEIGHT", Query(2.5, Query(Query::OP_OR, a, d))},
        {"nested", Query(Query::OP_OR, Query(Query::OP_AND, a, b), Query(Query::OP_AND_NOT, c, d))},
        {"OR of five", all_of(Query::OP_OR, {a, b, c, d, e})},
        {"AND of three", all_of(Query::OP_AND, {b, c, Query(Query::OP_OR, a, d)})},
    };
    DocSets sets(db_, 1 << 20);
    for (const auto& [name, query] : cases) {
        SCOPED_TRACE(name + ": " + query.get_description());
        const DocSet evaluated = sets.evaluate(query);
        EXPECT_EQ(members(evaluated), xapian_match(db_, query));
        EXPECT_EQ(evaluated.count(), xapian_match(db_, query).size());
    }
}

TEST_F(DocSetsTest, OtherOperatorsAreMatchedByXapianOnceThenCached) {
    const Query a("a"), b("b"), c("c");
    const std::vector<std::pair<std::string, Query>> cases = {
        {"PHRASE", Query(Query::OP_PHRASE, a, b)},
        {"NEAR", Query(Query::OP_NEAR, a, b)},
        {"WILDCARD", Query(Query::OP_WILDCARD, "a")},
        {"ELITE_SET", all_of(Query::OP_ELITE_SET, {a, b, c}, 2)},
        {"VALUE_RANGE", Query(Query::OP_VALUE_RANGE, 0, "a", "b")},
        {"VALUE_GE", Query(Query::OP_VALUE_GE, 0, "b")},
        {"MAX", Query(Query::OP_MAX, a, b)},
        {"XOR", Query(Query::OP_XOR, a, b)},
        {"PHRASE inside AND", Query(Query::OP_AND, c, Query(Query::OP_PHRASE, a, b))},
        {"NEAR on the right of AND_NOT", Query(Query::OP_AND_NOT, c, Query(Query::OP_NEAR, a, b))},
        {"PHRASE in AND_MAYBE's weight",
         Query(Query::OP_AND_MAYBE, Query(Query::OP_PHRASE, a, b), c)},
    };
    DocSets sets(db_, 1 << 20);
    for (const auto& [name, query] : cases) {
        SCOPED_TRACE(name + ": " + query.get_description());
        EXPECT_EQ(members(sets.evaluate(query)), xapian_match(db_, query));
        const std::size_t cached = sets.cached_bytes();
        EXPECT_EQ(members(sets.evaluate(query)), xapian_match(db_, query));
        EXPECT_EQ(sets.cached_bytes(), cached) << "the second evaluation adds nothing";
    }
}

TEST_F(DocSetsTest, StaysWithinItsBudgetAndStaysRight) {
    // Room for about two terms' sets at a time: every evaluation reads terms back in.
    const std::size_t budget = 2 * (DocSet(db_.get_lastdocid()).bytes() + 130);
    DocSets sets(db_, budget);
    for (int round = 0; round < 3; ++round) {
        for (const char* term : {"a", "b", "c", "d", "e"}) {
            const Query query(Query::OP_OR, Query(term), Query("b"));
            EXPECT_EQ(members(sets.evaluate(query)), xapian_match(db_, query)) << term;
            EXPECT_LE(sets.cached_bytes(), budget);
        }
    }
}

TEST(DocSet, CountAndIsTheSizeOfTheIntersection) {
    const Xapian::docid last = 200;
    DocSet twos(last), threes(last);
    for (Xapian::docid docid = 1; docid <= last; ++docid) {
        if (docid % 2 == 0) twos.add(docid);
        if (docid % 3 == 0) threes.add(docid);
    }
    DocSet both = twos;
    both &= threes;
    EXPECT_EQ(twos.count_and(threes), 33u);  // multiples of 6 up to 200
    EXPECT_EQ(twos.count_and(threes), both.count());
    EXPECT_EQ(twos.count_and(DocSet(last)), 0u);
    EXPECT_EQ(twos.count_and(twos), twos.count());
}

}  // namespace
}  // namespace cohesio
