// Scale-out on Xapian's own remote backend and replication, with the real servers of Debian's
// xapian-tools started by the test: the shipped corpus indexed once as one database and once as
// three shards served by xapian-tcpsrv and searched as one (the same answers to every judged
// query); a shard killed or stuck (a clear error within a bound, and recovery); a replica kept
// by xapian-replicate (the same answers, before and after an update).
#include "index/shards.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "corpus/loader.h"
#include "http/routes.h"
#include "http/searcher_pool.h"
#include "index/rebuild.h"
#include "index/update.h"
#include "recommend/similar.h"
#include "support/process.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::Server;
using testing::TempDir;

constexpr int kShards = 3;
// Loopback answers in microseconds; a loaded CI machine under ASan may take a good part of
// that to fork xapian-tcpsrv and open a shard: a shard slower than this is down.
constexpr std::chrono::milliseconds kShardTimeout{500};
constexpr RemoteOptions kTimeouts{kShardTimeout, kShardTimeout};
// What "never a hang" means here: a few timeouts (an exchange, a probe), not Xapian's 10 s.
constexpr std::chrono::milliseconds kBound = 5 * kShardTimeout;

// Runs a shell command line, its standard error with its output; the exit status.
int run_shell(const std::string& command, std::string& output) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return -1;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    return ::pclose(pipe);
}

// An environment variable set for the scope of a test, whatever way it leaves.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
    ~ScopedEnv() { ::unsetenv(name_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
};
const fs::path kPractices = testing::kSourceDir / "corpus/practices";

// The judged queries of `cohesio eval`, as search requests.
std::vector<SearchRequest> judged_requests() {
    std::ifstream in(testing::kSourceDir / "tests/eval/judgments.json");
    const nlohmann::json judgments = nlohmann::json::parse(in);
    std::vector<SearchRequest> requests;
    for (const auto& query : judgments["queries"]) {
        SearchRequest request;
        request.query = query["text"].get<std::string>();
        for (const auto& [facet, values] : query["filters"].items())
            request.filters[facet] = values.get<std::vector<std::string>>();
        requests.push_back(std::move(request));
    }
    return requests;
}

std::vector<std::string> judged_similar_ids() {
    std::ifstream in(testing::kSourceDir / "tests/eval/judgments.json");
    const nlohmann::json judgments = nlohmann::json::parse(in);
    std::vector<std::string> ids;
    for (const auto& judged : judgments["similar"]) ids.push_back(judged["id"]);
    return ids;
}

// Whether a snippet highlights a word.
bool highlights(const std::string& snippet) { return snippet.find("<mark>") != std::string::npos; }

// Everything a reader sees of an answer but its scores, whose last bits depend on the order
// Xapian sums the shards' statistics in, and its snippets' passages: Xapian chooses a passage by
// its terms' greatest possible weights, which are bounds per shard, so with shards it may pick
// another passage of the same text (3 of the 94 judged queries here). Whether each hit's
// snippet highlights words is the same.
nlohmann::json seen(const SearchResponse& response) {
    nlohmann::json out;
    out["total"] = response.total;
    out["corrected"] = response.corrected_query;
    out["auto_corrected"] = response.auto_corrected;
    out["any_word"] = response.matching == WordMatch::any;
    for (const auto& hit : response.hits) out["hits"].push_back({hit.id, highlights(hit.snippet)});
    for (const auto& [facet, values] : response.facets) {
        for (const auto& value : values) out["facets"][facet][value.value] = value.count;
    }
    return out;
}

nlohmann::json answer(Searcher& searcher, const SearchRequest& request) {
    auto response = searcher.search(request);
    if (!response) return {{"error", response.error().describe()}};
    return seen(*response);
}

std::vector<std::string> suggested(Searcher& searcher, const std::string& id) {
    auto suggestions = similar_practices(searcher, SimilarRequest::for_practice(id, 5));
    if (!suggestions) return {"error: " + suggestions.error().describe()};
    std::vector<std::string> ids;
    for (const auto& suggestion : *suggestions) ids.push_back(suggestion.id);
    return ids;
}

// An index root built from the shipped corpus, one database or `shards` shards.
void build(const fs::path& root, std::size_t shards) {
    const Reference reference = testing::load_reference();
    auto normaliser = Normaliser::create();
    ASSERT_TRUE(normaliser.ok());
    auto vocabulary = Vocabulary::load(testing::kReferenceDir, **normaliser);
    ASSERT_TRUE(vocabulary.ok());
    auto built = rebuild_from(
        kPractices, reference, root, **normaliser, *vocabulary,
        [](const Error& error) { ADD_FAILURE() << error.describe(); }, {}, kDefaultLockWait,
        shards);
    ASSERT_TRUE(built.ok()) << built.error().describe();
}

// Adds (or replaces) a copy of a practice under `id` with `word` in its title, in `root`.
void add_variant(const fs::path& root, const fs::path& scratch, const std::string& id,
                 const std::string& word) {
    const fs::path file = testing::write_practice_variant(scratch, "bg-food-bank-model", id, word);
    const Reference reference = testing::load_reference();
    CorpusReader reader(std::vector<fs::path>{file}, reference);
    std::vector<Practice> practices;
    while (std::optional<Practice> practice = reader.next()) practices.push_back(*practice);
    ASSERT_EQ(practices.size(), 1u);
    auto normaliser = Normaliser::create();
    ASSERT_TRUE(normaliser.ok());
    auto vocabulary = Vocabulary::load(testing::kReferenceDir, **normaliser);
    ASSERT_TRUE(vocabulary.ok());
    auto updated = update_index(root, practices, {}, **normaliser, *vocabulary);
    ASSERT_TRUE(updated.ok()) << updated.error().describe();
}

// A sharded root with a xapian-tcpsrv per shard, and a stub naming them: the front end's
// `meta` local, the shards remote.
class Cluster {
public:
    explicit Cluster(const fs::path& root) : root_(root) {
        build(root_, kShards);
        stub_ = root_.parent_path() / (root_.filename().string() + ".stub");
        std::ofstream stub(stub_);
        stub << "# written by shards_test\nauto " << (root_ / "current" / "meta").string() << "\n";
        for (int shard = 0; shard < kShards; ++shard) {
            ports_.push_back(testing::free_port());
            start(shard);
            stub << "remote 127.0.0.1:" << ports_.back() << "\n";
        }
    }

    // xapian-tcpsrv serving the shard's path through `current`, as deploy/ does.
    void start(int shard) {
        const std::string path = (root_ / "current" / shard_name(shard)).string();
        servers_.resize(kShards);
        servers_[shard] = Server({"xapian-tcpsrv", "--port", std::to_string(ports_[shard]), path});
        ASSERT_TRUE(servers_[shard].wait_listening(ports_[shard])) << "xapian-tcpsrv " << path;
    }
    Server& server(int shard) { return servers_[shard]; }
    const fs::path& stub() const { return stub_; }
    const fs::path& root() const { return root_; }

private:
    fs::path root_;
    fs::path stub_;
    std::vector<int> ports_;
    std::vector<Server> servers_;
};

std::unique_ptr<Searcher> open_or_fail(const fs::path& index) {
    auto searcher = Searcher::open(index, {}, kTimeouts);
    EXPECT_TRUE(searcher.ok()) << searcher.error().describe();
    return searcher.ok() ? std::move(searcher).value() : nullptr;
}

// One single-database index and one three-shard cluster of the same corpus, for the tests that
// only read.
class Shards : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        build(dir_->path() / "one", 0);
        cluster_ = new Cluster(dir_->path() / "sharded");
    }
    static void TearDownTestSuite() {
        delete cluster_;
        delete dir_;
    }
    static TempDir* dir_;
    static Cluster* cluster_;
};
TempDir* Shards::dir_ = nullptr;
Cluster* Shards::cluster_ = nullptr;

TEST_F(Shards, BuildWritesShardsAStubAndTheMetadataInEveryDatabase) {
    const fs::path generation = fs::canonical(cluster_->root() / "current");
    EXPECT_EQ(shard_count(generation), static_cast<std::size_t>(kShards));
    Xapian::Database meta((generation / kTablesDatabaseName).string());
    EXPECT_EQ(meta.get_doccount(), 0u);
    EXPECT_NE(meta.spellings_begin(), meta.spellings_end());
    EXPECT_NE(meta.synonym_keys_begin(), meta.synonym_keys_end());
    Xapian::doccount documents = 0;
    for (int shard = 0; shard < kShards; ++shard) {
        Xapian::Database part((generation / shard_name(shard)).string());
        EXPECT_EQ(part.get_metadata("cohesio.schema_version"),
                  meta.get_metadata("cohesio.schema_version"));
        EXPECT_EQ(part.get_metadata("cohesio.generation"), generation.filename().string());
        EXPECT_EQ(part.get_metadata("cohesio.shard"), std::to_string(shard) + "/3");
        EXPECT_EQ(part.spellings_begin(), part.spellings_end()) << "spellings belong in meta";
        // Every practice is in the shard its id hashes to.
        for (auto id = part.allterms_begin("Q"); id != part.allterms_end("Q"); ++id)
            EXPECT_EQ(shard_of((*id).substr(1), kShards), static_cast<std::size_t>(shard)) << *id;
        EXPECT_GT(part.get_doccount(), 20u) << "a shard of 138 practices by hash";
        documents += part.get_doccount();
    }
    Xapian::Database one((fs::canonical(dir_->path() / "one" / "current")).string());
    EXPECT_EQ(documents, one.get_doccount());
}

TEST_F(Shards, JudgedQueriesGetTheSameAnswersFromRemoteAndLocalShards) {
    auto one = open_or_fail(dir_->path() / "one");
    auto remote = open_or_fail(cluster_->stub());
    auto local = open_or_fail(cluster_->root());
    ASSERT_TRUE(one && remote && local);
    std::vector<SearchRequest> requests = judged_requests();
    ASSERT_GT(requests.size(), 80u);
    SearchRequest browse;  // browsing a Charter article ranks by strength, then title
    browse.filters["article"] = {"31"};
    requests.push_back(browse);
    SearchRequest both = browse;  // AND-ed articles: their facet counted within the filter
    both.filters["article"] = {"19", "31"};
    both.all_articles = true;
    requests.push_back(both);
    SearchRequest filtered;  // facets counted beside their own filters
    filtered.query = "refugies";
    filtered.filters["country"] = {"PL", "IT"};
    filtered.filters["domain"] = {"migrants_refugees"};
    requests.push_back(filtered);
    for (const auto& request : requests) {
        const nlohmann::json expected = answer(*one, request);
        ASSERT_FALSE(expected.contains("error")) << request.query;
        EXPECT_EQ(answer(*remote, request), expected) << request.query;
        EXPECT_EQ(answer(*local, request), expected) << request.query;
    }
}

TEST_F(Shards, SuggestionsAreTheSameSharded) {
    auto one = open_or_fail(dir_->path() / "one");
    auto remote = open_or_fail(cluster_->stub());
    ASSERT_TRUE(one && remote);
    for (const auto& id : judged_similar_ids())
        EXPECT_EQ(suggested(*remote, id), suggested(*one, id)) << id;
}

TEST_F(Shards, SpellingAndThesaurusWorkWithRemoteShards) {
    // Over the remote backend these tables are empty: they come from the local `meta`.
    auto remote = open_or_fail(cluster_->stub());
    ASSERT_TRUE(remote);
    EXPECT_EQ(remote->database().get_spelling_suggestion("integraton"), "integration");
    EXPECT_NE(remote->database().synonyms_begin("banque alimentaire"),
              remote->database().synonyms_end("banque alimentaire"));
    SearchRequest typo;
    typo.query = "integraton des refugies";
    auto corrected = remote->search(typo);
    ASSERT_TRUE(corrected.ok());
    EXPECT_TRUE(corrected->auto_corrected);
    EXPECT_GT(corrected->total, 0u);
    // "food bank" is a thesaurus form of the concept the French record is indexed under.
    SearchRequest english;
    english.query = "food bank";
    auto found = remote->search(english);
    ASSERT_TRUE(found.ok());
    ASSERT_FALSE(found->hits.empty());
    EXPECT_EQ(found->hits.front().id, "am-national-food-bank");
}

TEST_F(Shards, AStubWhoseFirstDatabaseIsRemoteIsRefused) {
    const fs::path stub = dir_->path() / "remote-first.stub";
    std::ofstream(stub) << "remote 127.0.0.1:1\n";
    auto opened = Searcher::open(stub, {}, kTimeouts);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().describe().find("remote-first.stub:1"), std::string::npos);
    EXPECT_NE(opened.error().message.find("must be local"), std::string::npos);
    std::ofstream(stub) << "auto meta\nremote tcp 127.0.0.1 7000\n";
    auto bad = Searcher::open(stub, {}, kTimeouts);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().describe().find("remote-first.stub:2"), std::string::npos);
}

// How long `call` took.
template <class Call>
std::chrono::milliseconds timed(Call&& call) {
    const auto started = Clock::now();
    call();
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
}

TEST(ShardFailure, ADeadOrStuckShardIsAClearErrorWithinABoundAndHealsWhenBack) {
    TempDir dir;
    Cluster cluster(dir.path() / "sharded");
    SearcherPool pool(cluster.stub(), 1, std::chrono::milliseconds(1000), kTimeouts);
    const Route* search_route = nullptr;
    for (const auto& route : api_routes())
        if (route.name == "/api/v1/search") search_route = &route;
    const ApiRequest request{"GET", "/api/v1/search", {{"q", "logement"}}, {}, "", ""};
    const ApiResponse first = dispatch(*search_route, pool, request);
    ASSERT_EQ(first.status, 200) << first.log_note << first.body;
    auto open = open_or_fail(cluster.stub());
    ASSERT_TRUE(open);

    cluster.server(1).kill();
    ApiResponse refused;
    EXPECT_LT(timed([&] { refused = dispatch(*search_route, pool, request); }), kBound);
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.body.find("127.0.0.1"), std::string::npos) << "no addresses to clients";
    EXPECT_NE(refused.log_note.find("shard-1"), std::string::npos) << refused.log_note;
    Result<std::unique_ptr<Searcher>> reopened = Error{};
    EXPECT_LT(timed([&] { reopened = Searcher::open(cluster.stub(), {}, kTimeouts); }), kBound);
    ASSERT_FALSE(reopened.ok());
    EXPECT_NE(reopened.error().describe().find("shard-1 (remote 127.0.0.1:"), std::string::npos);
    SearchRequest words;
    words.query = "logement";
    Result<SearchResponse> failed = Error{};
    EXPECT_LT(timed([&] { failed = open->search(words); }), kBound);
    EXPECT_FALSE(failed.ok());

    cluster.start(1);  // back: the next request opens afresh and answers
    const ApiResponse healed = dispatch(*search_route, pool, request);
    EXPECT_EQ(healed.status, 200) << healed.log_note;

    cluster.server(2).pause();  // accepts connections (the kernel does) but never answers
    EXPECT_LT(timed([&] { refused = dispatch(*search_route, pool, request); }), kBound);
    EXPECT_EQ(refused.status, 503);
    cluster.server(2).resume();
    const ApiResponse resumed = dispatch(*search_route, pool, request);
    EXPECT_EQ(resumed.status, 200) << resumed.log_note;
}

TEST(ShardFailure, WhenConfiguredTheOtherShardsAnswerFlaggedPartial) {
    TempDir dir;
    Cluster cluster(dir.path() / "sharded");
    RemoteOptions answer = kTimeouts;
    answer.answer_without_missing = true;
    SearcherPool pool(cluster.stub(), 1, std::chrono::milliseconds(1000), answer);
    const auto route = [](std::string_view name) {
        for (const auto& candidate : api_routes())
            if (candidate.name == name && candidate.method == "GET") return &candidate;
        throw std::logic_error("no route");
    };
    const ApiRequest search{"GET", "/api/v1/search", {{"q", "refugies"}}, {}, "", ""};
    const ApiResponse whole = dispatch(*route("/api/v1/search"), pool, search);
    ASSERT_EQ(whole.status, 200);
    const nlohmann::json whole_body = nlohmann::json::parse(whole.body);
    EXPECT_FALSE(whole_body.contains("partial"));

    cluster.server(1).kill();
    ApiResponse partial;
    EXPECT_LT(timed([&] { partial = dispatch(*route("/api/v1/search"), pool, search); }), kBound);
    ASSERT_EQ(partial.status, 200) << partial.log_note;
    const nlohmann::json body = nlohmann::json::parse(partial.body);
    EXPECT_EQ(body.value("partial", false), true);
    EXPECT_EQ(body["missing_shards"], nlohmann::json({"shard-1"}));
    EXPECT_LT(body["total"].get<int>(), whole_body["total"].get<int>());
    const bool flagged = std::any_of(partial.headers.begin(), partial.headers.end(), [](auto& h) {
        return h.first == "X-Cohesio-Partial" && h.second == "shard-1";
    });
    EXPECT_TRUE(flagged);
    // A practice not found among the shards that answered may be on the missing one: 503.
    std::string on_missing_shard;
    for (const auto& file : fs::directory_iterator(kPractices)) {
        const std::string id = file.path().stem().string();
        if (shard_of(id, kShards) == 1) on_missing_shard = id;
    }
    const ApiRequest practice{"GET", "/api/v1/practices/" + on_missing_shard, {}, {on_missing_shard},
                              "", ""};
    EXPECT_EQ(dispatch(*route("/api/v1/practices/{id}"), pool, practice).status, 503);

    cluster.start(1);  // tried again after a short while, not on every request
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    const nlohmann::json healed =
        nlohmann::json::parse(dispatch(*route("/api/v1/search"), pool, search).body);
    EXPECT_FALSE(healed.contains("partial"));
    EXPECT_EQ(healed["total"], whole_body["total"]);
}

TEST(ShardFailure, TheCommandLineExitsWithAClearMessage) {
    TempDir dir;
    Cluster cluster(dir.path() / "sharded");
    cluster.server(0).kill();
    const std::string command = std::string(COHESIO_BINARY) + " search logement --index " +
                                cluster.stub().string() + " --shard-timeout 1000";
    std::string output;
    int status = 0;
    const auto took = timed([&] { status = run_shell(command, output); });
    EXPECT_LT(took, kBound);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << output;
    EXPECT_NE(output.find("shard-0 (remote 127.0.0.1:"), std::string::npos) << output;
    EXPECT_NE(output.find("unavailable"), std::string::npos) << output;

    output.clear();
    status = run_shell(std::string(COHESIO_BINARY) + " search logement --json --index " +
                           cluster.stub().string() + " --missing-shards answer",
                       output);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
    EXPECT_NE(output.find("partial answer: shard-0 is unavailable"), std::string::npos) << output;
    EXPECT_NE(output.find("\"partial\": true"), std::string::npos) << output;
}

TEST(ShardUpdates, AnUpdateGoesToItsShardAndTheServedShardsSeeIt) {
    TempDir dir;
    build(dir.path() / "one", 0);
    Cluster cluster(dir.path() / "sharded");
    SearcherPool remote(cluster.stub(), 1, std::chrono::milliseconds(1000), kTimeouts);
    SearcherPool one(dir.path() / "one", 1, std::chrono::milliseconds(1000));
    ASSERT_TRUE(remote.acquire().ok());
    for (const auto& root : {dir.path() / "one", cluster.root()})
        add_variant(root, dir.path(), "zz-shard-update", "quokkazz");
    const fs::path generation = fs::canonical(cluster.root() / "current");
    const std::size_t home = shard_of("zz-shard-update", kShards);
    Xapian::Database part((generation / shard_name(home)).string());
    EXPECT_EQ(part.get_termfreq("Qzz-shard-update"), 1u);
    Xapian::Database meta((generation / kTablesDatabaseName).string());
    EXPECT_EQ(meta.get_spelling_suggestion("quokkaz"), "quokkazz") << "spellings go to meta";

    SearchRequest request;
    request.query = "quokkazz";
    auto sharded_lease = remote.acquire();
    auto one_lease = one.acquire();
    ASSERT_TRUE(sharded_lease.ok() && one_lease.ok());
    const nlohmann::json after = answer(one_lease->searcher(), request);
    EXPECT_EQ(after["total"], 1);
    EXPECT_EQ(answer(sharded_lease->searcher(), request), after);
    for (const auto& judged : judged_requests()) {
        EXPECT_EQ(answer(sharded_lease->searcher(), judged), answer(one_lease->searcher(), judged))
            << judged.query;
    }
}

// One pass of `xapian-replicate` for the database `name` under the served root: -o, once;
// -r 0, changesets applied without the 30 s wait for readers.
bool replicate_once(int port, const std::string& name, const fs::path& replica) {
    return testing::run({"xapian-replicate", "-h", "127.0.0.1", "-p", std::to_string(port), "-m",
                         name, "-o", "-r", "0", replica.string()});
}

// What a replica directory's own stub names: replica_0 or replica_1, switched by a full copy.
std::string copy_named(const fs::path& replica) {
    std::ifstream stub(replica / kStubFileName);
    return std::string(std::istreambuf_iterator<char>(stub), {});
}

void expect_same_answers(SearcherPool& replica, SearcherPool& master,
                         const std::vector<SearchRequest>& requests) {
    auto from_replica = replica.acquire();
    auto from_master = master.acquire();
    ASSERT_TRUE(from_replica.ok()) << from_replica.error().describe();
    ASSERT_TRUE(from_master.ok());
    for (const auto& request : requests) {
        EXPECT_EQ(answer(from_replica->searcher(), request),
                  answer(from_master->searcher(), request))
            << request.query;
    }
}

// The judged queries and one for the practice an update adds.
std::vector<SearchRequest> judged_and(const std::string& word) {
    SearchRequest added;
    added.query = word;
    std::vector<SearchRequest> requests = judged_requests();
    requests.push_back(added);
    return requests;
}

// A master index of `shards` shards (0: one database) under xapian-replicate-server, written
// with changesets on: without XAPIAN_MAX_CHANGESETS each update is sent as a full copy.
class ReplicatedMaster {
public:
    explicit ReplicatedMaster(std::size_t shards) : changesets_("XAPIAN_MAX_CHANGESETS", "10") {
        build(root(), shards);
        server_ = Server({"xapian-replicate-server", "-p", std::to_string(port_), root().string()});
    }
    bool listening() { return server_.wait_listening(port_); }
    fs::path root() const { return dir_.path() / "master"; }
    const fs::path& scratch() const { return dir_.path(); }
    bool replicate(const std::string& name, const fs::path& replica) const {
        return replicate_once(port_, name, replica);
    }

private:
    ScopedEnv changesets_;
    TempDir dir_;
    int port_ = testing::free_port();
    Server server_;
};

TEST(Replication, AReplicaAnswersAsItsMasterBeforeAndAfterAnUpdate) {
    ReplicatedMaster master(0);
    ASSERT_TRUE(master.listening());
    const fs::path replica = master.scratch() / "replica";
    ASSERT_TRUE(master.replicate("current", replica));
    SearcherPool replica_pool(replica, 1, std::chrono::milliseconds(1000));
    SearcherPool master_pool(master.root(), 1, std::chrono::milliseconds(1000));
    expect_same_answers(replica_pool, master_pool, judged_requests());
    const std::string first_copy = copy_named(replica);

    add_variant(master.root(), master.scratch(), "zz-replicated", "wombatzz");
    ASSERT_TRUE(master.replicate("current", replica));
    // Still the same copy: the update came as a changeset (a full copy switches replica_N).
    EXPECT_EQ(copy_named(replica), first_copy);
    expect_same_answers(replica_pool, master_pool, judged_and("wombatzz"));
    auto lease = replica_pool.acquire();
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ(answer(lease->searcher(), judged_and("wombatzz").back())["total"], 1);
}

// docs/scaling.md's set-up: each shard and `meta` replicated on its own, shards first, and a
// stub of ours in the replica root naming the replicas as local databases.
TEST(Replication, ShardedReplicasAnswerAsTheirMasterBeforeAndAfterAnUpdate) {
    ReplicatedMaster master(3);
    ASSERT_TRUE(master.listening());
    const fs::path replicas = master.scratch() / "replicas";
    const std::vector<std::string> names = {shard_name(0), shard_name(1), shard_name(2),
                                            std::string(kTablesDatabaseName)};
    const auto replicate_all = [&] {
        for (const auto& name : names)
            ASSERT_TRUE(master.replicate("current/" + name, replicas / name)) << name;
    };
    fs::create_directories(replicas);
    replicate_all();
    std::ofstream(replicas / kStubFileName)
        << "auto meta\nauto shard-0\nauto shard-1\nauto shard-2\n";
    SearcherPool replica_pool(replicas, 1, std::chrono::milliseconds(1000));
    SearcherPool master_pool(master.root(), 1, std::chrono::milliseconds(1000));
    expect_same_answers(replica_pool, master_pool, judged_requests());
    std::vector<std::string> first_copies;
    for (const auto& name : names) first_copies.push_back(copy_named(replicas / name));

    add_variant(master.root(), master.scratch(), "zz-replicated", "wombatzz");
    replicate_all();
    for (std::size_t k = 0; k < names.size(); ++k)
        EXPECT_EQ(copy_named(replicas / names[k]), first_copies[k]) << names[k];
    expect_same_answers(replica_pool, master_pool, judged_and("wombatzz"));
    auto lease = replica_pool.acquire();
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ(answer(lease->searcher(), judged_and("wombatzz").back())["total"], 1);
}

}  // namespace
}  // namespace cohesio
