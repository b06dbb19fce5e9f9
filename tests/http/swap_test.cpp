// A rebuilt index swapped in on disk is picked up without restart and without a failed or
// wrong request: rebuild the index (alternating two corpora) while clients query the running
// service, then check every answer against the generation it names (X-Cohesio-Index).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/server.h"
#include "search/searcher.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int kClients = 4;
constexpr int kMinRequests = 150;        // per client
constexpr int kMaxRequests = 1500;       // per client, whatever happens
constexpr int kRequestsAfterSwaps = 10;  // per client, once the last build is current
constexpr int kRebuilds = 4;             // B, A, B, A after the initial A
constexpr char kSearch[] = "/api/v1/search?q=refugies";

struct Expected {
    std::size_t documents = 0, total = 0;  // /readyz documents, kSearch total
};

struct Answer {
    std::string path, error, generation, body;
    int status = 0;
};

class SwapTest : public ::testing::Test {
protected:
    void SetUp() override {
        reference_ = testing::load_reference();
        CorpusLoad load = load_corpus(testing::kFixtureCorpus / "practices", reference_);
        for (const auto& error : load.errors) ADD_FAILURE() << error.describe();
        corpus_['A'] = load.practices;
        const std::set<std::string> subset = {"gr-athens-young-refugees-pilot",
                                              "se-malmo-yalla-trappan", "am-national-food-bank",
                                              "cz-paternity-leave"};
        for (const auto& practice : load.practices)
            if (subset.count(practice.id)) corpus_['B'].push_back(practice);
        ASSERT_EQ(corpus_['A'].size(), 13u) << "fixture corpus changed";
        ASSERT_EQ(corpus_['B'].size(), subset.size());
        auto normaliser = Normaliser::create();
        ASSERT_TRUE(normaliser.ok()) << normaliser.error().describe();
        normaliser_ = std::move(normaliser).value();
        auto vocabulary = Vocabulary::load(testing::kReferenceDir, *normaliser_);
        ASSERT_TRUE(vocabulary.ok()) << vocabulary.error().describe();
        vocabulary_ = std::move(vocabulary).value();
    }

    // Builds `kind` into the root (swapping `current`) and records what its generation answers.
    void build(char kind) {
        auto built = build_index(corpus_[kind], root_.path(), *normaliser_, vocabulary_);
        ASSERT_TRUE(built.ok()) << built.error().describe();
        auto current = resolve_index(root_.path());
        ASSERT_TRUE(current.ok()) << current.error().describe();
        const std::string name = current->filename().string();
        ASSERT_EQ(name, built->generation.filename().string());
        auto searcher = Searcher::open(*current);
        ASSERT_TRUE(searcher.ok()) << searcher.error().describe();
        SearchRequest request;
        request.query = "refugies";
        auto response = (*searcher)->search(request);
        ASSERT_TRUE(response.ok()) << response.error().describe();
        const Expected expected{(*searcher)->database().get_doccount(), response->total};
        EXPECT_EQ(expected.documents, corpus_[kind].size());
        if (!expected_.count(kind)) expected_[kind] = expected;
        EXPECT_EQ(expected.total, expected_[kind].total)
            << "corpus " << kind << " answers differently";
        // Only this thread touches kinds_; answers are checked against it once clients are done.
        const auto [it, inserted] = kinds_.emplace(name, kind);
        EXPECT_EQ(it->second, kind)
            << "generation name " << name
            << " reused for another corpus: answers naming it cannot be "
               "attributed, and a worker still holding the old one would keep serving it";
        builds_.push_back(name);
    }

    std::map<char, std::vector<Practice>> corpus_;
    Reference reference_;
    std::unique_ptr<Normaliser> normaliser_;
    Vocabulary vocabulary_;
    TempDir root_;
    std::map<std::string, char> kinds_;  // generation name -> corpus built into it
    std::map<char, Expected> expected_;
    std::vector<std::string> builds_;
};

Answer get(httplib::Client& client, const std::string& path) {
    Answer answer;
    answer.path = path;
    auto result = client.Get(path.c_str());
    if (!result) answer.error = httplib::to_string(result.error());
    if (!result) return answer;
    answer.status = result->status;
    answer.generation = result->get_header_value("X-Cohesio-Index");
    answer.body = result->body;
    return answer;
}

TEST_F(SwapTest, RebuildsAreServedWithoutFailedOrWrongAnswers) {
    const auto started = Clock::now();
    build('A');
    ASSERT_FALSE(HasFatalFailure());

    std::ostringstream access_log;
    ServeConfig config;
    config.port = 0;
    config.index = root_.path().string();
    config.threads = 4;
    Service service(config, access_log);
    ASSERT_TRUE(service.bind().ok()) << "cannot bind a port";
    const int port = service.port();
    Status served = ok_status();
    std::thread server([&] { served = service.run(); });
    struct StopServer {  // also on an early return
        Service& service;
        std::thread& thread;
        ~StopServer() {
            service.stop();
            if (thread.joinable()) thread.join();
        }
    } stop_server{service, server};
    for (auto deadline = Clock::now() + std::chrono::seconds(5);
         !service.running() && Clock::now() < deadline;)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(service.running()) << "service not running after 5 s";

    std::atomic<int> done_requests{0}, clients_finished{0};
    std::atomic<bool> builds_done{false};
    std::vector<std::vector<Answer>> answers(kClients);
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", port);
            client.set_connection_timeout(5, 0);
            client.set_read_timeout(20, 0);
            client.set_write_timeout(5, 0);
            int after_swaps = 0;
            for (int i = 0; i < kMaxRequests; ++i) {
                if (i >= kMinRequests && builds_done && after_swaps++ >= kRequestsAfterSwaps) break;
                answers[static_cast<std::size_t>(c)].push_back(
                    get(client, (i + c) % 2 ? "/readyz" : kSearch));
                ++done_requests;
            }
            ++clients_finished;
        });
    }
    struct JoinClients {
        std::vector<std::thread>& threads;
        ~JoinClients() {
            for (auto& t : threads) t.join();
        }
    } join_clients{clients};

    // Each rebuild waits (bounded) until clients have been served a few answers since the last.
    for (int b = 0; b < kRebuilds && !HasFatalFailure(); ++b) {
        const int before = done_requests;
        for (auto deadline = Clock::now() + std::chrono::seconds(10);
             done_requests < before + 2 * kClients && clients_finished < kClients &&
             Clock::now() < deadline;)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        build(b % 2 == 0 ? 'B' : 'A');
    }
    builds_done = true;
    for (auto& t : clients) t.join();
    clients.clear();
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_EQ(expected_.size(), 2u);
    ASSERT_NE(expected_['A'].total, expected_['B'].total)
        << "the query must tell the corpora apart";
    ASSERT_NE(expected_['A'].documents, expected_['B'].documents);

    // Every answer: 200, naming a generation, and agreeing with the corpus built into it.
    std::vector<std::string> failures;
    std::map<std::string, int> seen;  // generation -> answers
    int total_answers = 0;
    for (const auto& client_answers : answers) {
        for (const Answer& answer : client_answers) {
            ++total_answers;
            const auto fail = [&](const std::string& why) {
                failures.push_back(answer.path + " [" + answer.generation + "]: " + why);
            };
            if (!answer.error.empty()) {
                fail("request failed: " + answer.error);
                continue;
            }
            if (answer.status != 200) {
                fail("status " + std::to_string(answer.status) + ": " + answer.body);
                continue;
            }
            const auto kind = kinds_.find(answer.generation);
            if (kind == kinds_.end()) {
                fail("names no generation that was built");
                continue;
            }
            ++seen[answer.generation];
            const Expected& expected = expected_[kind->second];
            const json body = json::parse(answer.body, nullptr, false);
            if (body.is_discarded()) {
                fail("body is not JSON");
                continue;
            }
            if (body.value("index", "") != answer.generation)
                fail("body names another index: " + answer.body.substr(0, 200));
            const bool health = answer.path == "/readyz";
            const char* field = health ? "documents" : "total";
            const std::size_t want = health ? expected.documents : expected.total;
            if (!body.contains(field) || body[field] != want)
                fail(std::string(field) + " " +
                     (body.contains(field) ? body[field].dump() : "missing") + ", expected " +
                     std::to_string(want) + " (corpus " + kind->second + ")");
        }
    }
    std::string first_failures;
    for (std::size_t i = 0; i < failures.size() && i < 10; ++i)
        first_failures += "\n  " + failures[i];
    EXPECT_TRUE(failures.empty()) << failures.size() << " of " << total_answers
                                  << " answers wrong:" << first_failures;

    // The service really moved on: a rebuilt A and a B were served, and the last build is live.
    int rebuilt_a = 0, b_answers = 0;
    for (const auto& [generation, count] : seen) {
        if (kinds_[generation] == 'B') b_answers += count;
        if (kinds_[generation] == 'A' && generation != builds_.front()) rebuilt_a += count;
    }
    EXPECT_GT(b_answers, 0) << "no answer came from a swapped-in B generation";
    EXPECT_GT(rebuilt_a, 0) << "no answer came from a rebuilt A generation";
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(20, 0);
    const Answer last = get(client, "/readyz");
    EXPECT_EQ(last.status, 200) << last.error << last.body;
    EXPECT_EQ(last.generation, builds_.back()) << "the last build is not the one answering";

    service.stop();
    server.join();
    EXPECT_TRUE(served.ok()) << (served.ok() ? "" : served.error().describe());
    std::cout << "[ swap     ] " << total_answers << " answers from " << seen.size() << " of "
              << builds_.size() << " generations in "
              << std::chrono::duration<double>(Clock::now() - started).count() << " s\n";
}

}  // namespace
}  // namespace cohesio
