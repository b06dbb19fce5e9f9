#include "inprocess.h"

#include <memory>

#include "fts5.h"
#include "recommend/similar.h"
#include "search/suggest.h"
#include "xapian_peers.h"

namespace cohesio::bench {

namespace {

constexpr Xapian::doccount kSimilar = 5;
constexpr Xapian::doccount kSuggestions = 10;

// An operation that fails every time: what a thread runs when it cannot open its engine,
// so the failure shows as errors in the table instead of a crash mid-run.
Operation failing() {
    return [](std::size_t) { return false; };
}

// Wraps an engine call: an exception (a Xapian or SQLite failure) counts as an error.
template <class Call>
Operation guarded(Call call) {
    return [call = std::move(call)](std::size_t i) mutable {
        try {
            return call(i);
        } catch (const std::exception&) {
            return false;
        } catch (const Xapian::Error&) {
            return false;
        }
    };
}

MakeOperation make_cohesio(Engine engine, const Inputs& inputs) {
    return [engine, &inputs]() -> Operation {
        auto opened = Searcher::open(inputs.index, inputs.lexicon, inputs.timeouts);
        if (!opened) return failing();
        std::shared_ptr<Searcher> searcher = std::move(*opened);
        const QuerySet& q = inputs.queries;
        switch (engine) {
            case Engine::search:
                return guarded([searcher, &q](std::size_t i) {
                    return searcher->search(to_request(q.searches[i % q.searches.size()])).ok();
                });
            case Engine::similar:
                return guarded([searcher, &q](std::size_t i) {
                    const auto& id = q.similar_ids[i % q.similar_ids.size()];
                    return similar_practices(*searcher, SimilarRequest::for_practice(id, kSimilar))
                        .ok();
                });
            case Engine::similar_text:
                return guarded([searcher, &q](std::size_t i) {
                    SimilarRequest request;
                    request.text = q.situations[i % q.situations.size()];
                    request.limit = kSimilar;
                    return similar_practices(*searcher, request).ok();
                });
            default:
                return guarded([searcher, &q](std::size_t i) {
                    const auto& typed = q.typed[i % q.typed.size()];
                    suggest(searcher->database(), searcher->normaliser(), typed, kSuggestions);
                    return true;
                });
        }
    };
}

MakeOperation make_floor(const Inputs& inputs) {
    return [&inputs]() -> Operation {
        auto floor = Floor::open(inputs.index, inputs.queries.searches);
        if (!floor) return failing();
        auto shared = std::make_shared<Floor>(std::move(*floor));
        return guarded([shared](std::size_t i) {
            shared->run(i);  // no hits is a valid answer (a typo, say)
            return true;
        });
    };
}

MakeOperation make_fts5(const Inputs& inputs) {
    return [&inputs]() -> Operation {
        auto opened = Fts5Searcher::open(inputs.fts5);
        if (!opened) return failing();
        std::shared_ptr<Fts5Searcher> fts5 = std::move(*opened);
        const auto& searches = inputs.queries.searches;
        return guarded([fts5, &searches](std::size_t i) {
            return fts5->search(searches[i % searches.size()]).ok();
        });
    };
}

}  // namespace

namespace {

// Each engine's name in the report and in --engines.
struct EngineNames {
    Engine engine;
    const char* report;
    std::string_view option;
};
constexpr EngineNames kEngineNames[] = {
    {Engine::search, "search", "search"},
    {Engine::floor, "floor", "floor"},
    {Engine::fts5, "FTS5", "fts5"},
    {Engine::similar, "similar", "similar"},
    {Engine::similar_text, "similar --text", "similar-text"},
    {Engine::suggest, "suggest", "suggest"},
};

}  // namespace

const char* engine_name(Engine engine) {
    for (const auto& names : kEngineNames) {
        if (names.engine == engine) return names.report;
    }
    return "?";
}

std::optional<Engine> engine_from_option(std::string_view name) {
    for (const auto& names : kEngineNames) {
        if (names.option == name) return names.engine;
    }
    return std::nullopt;
}

Latency time_engine(Engine engine, const Inputs& inputs, unsigned threads, const Budget& budget) {
    switch (engine) {
        case Engine::floor:
            return measure(threads, budget, make_floor(inputs));
        case Engine::fts5:
            return measure(threads, budget, make_fts5(inputs));
        default:
            return measure(threads, budget, make_cohesio(engine, inputs));
    }
}

}  // namespace cohesio::bench
