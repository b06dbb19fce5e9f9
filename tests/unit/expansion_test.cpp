// Query expansion computed by Cohesio (recommend/expansion.h) against Xapian's own get_eset,
// and the term statistics cache it reads through, over small in-memory collections where
// many words share a frequency, so ties and the overflow of the expansion set are common.
#include "recommend/expansion.h"

#include <gtest/gtest.h>

#include <random>

#include "search/term_stats.h"

namespace cohesio {
namespace {

// `documents` documents of 3 to 40 words drawn from `vocabulary` words, with a fixed seed.
Xapian::WritableDatabase random_collection(Xapian::doccount documents, int vocabulary,
                                           unsigned seed) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> length(3, 40), word(0, vocabulary - 1);
    for (Xapian::doccount k = 0; k < documents; ++k) {
        Xapian::Document document;
        for (int n = length(random); n > 0; --n) {
            const int drawn = word(random);
            document.add_term((drawn % 3 == 0 ? "Zx" : "Zy") + std::to_string(drawn));
        }
        db.add_document(document);
    }
    db.commit();
    return db;
}

class AcceptAll : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string&) const override { return true; }
};

class OnlyPrefix : public Xapian::ExpandDecider {
public:
    explicit OnlyPrefix(std::string prefix) : prefix_(std::move(prefix)) {}
    bool operator()(const std::string& term) const override { return term.starts_with(prefix_); }

private:
    std::string prefix_;
};

std::vector<TermUse> terms_of(const Xapian::Database& db, Xapian::docid docid) {
    std::vector<TermUse> terms;
    for (auto term = db.termlist_begin(docid); term != db.termlist_end(docid); ++term)
        terms.push_back({*term, term.get_wdf()});
    return terms;
}

TEST(Bo1Expansion, GivesXapiansEsetTermsWeightsAndOrder) {
    const AcceptAll all;
    const OnlyPrefix some("Zx");
    struct Case {
        Xapian::doccount documents;
        int vocabulary;
        unsigned seed;
        const Xapian::ExpandDecider* decider;
        std::size_t count;
    };
    const Case cases[] = {
        {60, 30, 1, &all, 20},  {60, 30, 2, &all, 5},    {200, 500, 3, &all, 20},
        {200, 50, 4, &some, 3}, {200, 50, 5, &some, 20}, {30, 8, 6, &all, 2},
    };
    for (const auto& c : cases) {
        const Xapian::Database db = random_collection(c.documents, c.vocabulary, c.seed);
        const auto collection_freq = [&db](const std::string& term) {
            return db.get_collection_freq(term);
        };
        for (Xapian::docid docid = 1; docid <= db.get_doccount(); ++docid) {
            SCOPED_TRACE("seed " + std::to_string(c.seed) + ", document " + std::to_string(docid));
            Xapian::RSet relevant;
            relevant.add_document(docid);
            Xapian::Enquire enquire(db);
            enquire.set_expansion_scheme("bo1");
            const Xapian::ESet expected =
                enquire.get_eset(static_cast<Xapian::termcount>(c.count), relevant, c.decider);
            const auto got = bo1_expansion(terms_of(db, docid), db.get_doccount(), collection_freq,
                                           *c.decider, c.count);
            ASSERT_EQ(got.size(), static_cast<std::size_t>(expected.size()));
            std::size_t k = 0;
            for (auto it = expected.begin(); it != expected.end(); ++it, ++k) {
                EXPECT_EQ(got[k].term, *it);
                EXPECT_EQ(got[k].weight, it.get_weight());
            }
        }
    }
}

TEST(Bo1Expansion, NothingAskedForGivesNothing) {
    const Xapian::Database db = random_collection(10, 5, 7);
    const AcceptAll all;
    const auto collection_freq = [&db](const std::string& term) {
        return db.get_collection_freq(term);
    };
    EXPECT_TRUE(bo1_expansion(terms_of(db, 1), db.get_doccount(), collection_freq, all, 0).empty());
    EXPECT_TRUE(bo1_expansion({}, db.get_doccount(), collection_freq, all, 5).empty());
}

TEST(TermStats, AnswersAsTheDatabaseAndForgetsWhenFull) {
    const Xapian::Database db = random_collection(50, 20, 8);
    TermStats stats(db, 4);
    for (const std::string term : {"Zx0", "Zy1", "Zy2", "Zx3", "Zx3", "nothing"}) {
        EXPECT_EQ(stats.termfreq(term), db.get_termfreq(term)) << term;
        EXPECT_EQ(stats.collection_freq(term), db.get_collection_freq(term)) << term;
        EXPECT_LE(stats.size(), 4u);
    }
    // Four distinct terms filled it; the fifth started it afresh.
    EXPECT_EQ(stats.size(), 1u);
}

// Prefetched statistics are the combined database's, and are answered from then on without
// asking it (the databases are closed to show it); without parts, prefetching asks nothing.
TEST(TermStats, PrefetchAsksEveryPartAtOnceAndKeepsTheSums) {
    std::vector<Xapian::Database> parts{random_collection(30, 20, 1), random_collection(40, 20, 2),
                                        random_collection(20, 20, 3)};
    Xapian::Database combined;
    for (const auto& part : parts) combined.add_database(part);
    const std::vector<std::string> terms{"Zx0", "Zy1", "Zx0", "Zy19", "nothing"};
    std::vector<std::pair<Xapian::doccount, Xapian::termcount>> expected;
    for (const auto& term : terms)
        expected.emplace_back(combined.get_termfreq(term), combined.get_collection_freq(term));

    TermStats stats(combined, 100);
    TermStats lazy(combined, 100);
    stats.ask_in_parallel(parts);
    stats.prefetch(terms, TermStats::Stat::termfreq);
    stats.prefetch(terms, TermStats::Stat::collection_freq);
    lazy.prefetch(terms, TermStats::Stat::termfreq);
    EXPECT_EQ(stats.size(), 4u);
    EXPECT_EQ(lazy.size(), 0u);
    combined.close();

    for (std::size_t at = 0; at < terms.size(); ++at) {
        EXPECT_EQ(stats.termfreq(terms[at]), expected[at].first) << terms[at];
        EXPECT_EQ(stats.collection_freq(terms[at]), expected[at].second) << terms[at];
    }
    EXPECT_THROW(stats.termfreq("Zy2"), Xapian::DatabaseClosedError);
    EXPECT_THROW(lazy.termfreq("Zx0"), Xapian::DatabaseClosedError);
}

}  // namespace
}  // namespace cohesio
