// SIGTERM of `cohesio serve`: it stops within its drain bound even when a client never finishes
// its request, and exits cleanly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "support/raw_connection.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using Clock = std::chrono::steady_clock;

// `cohesio serve` on a free port; its first line of output gives the port.
struct ServeProcess {
    pid_t pid = -1;
    int port = -1;
};

ServeProcess start_serve(const std::filesystem::path& index) {
    int out[2];
    if (::pipe(out) != 0) return {};
    const std::string binary = COHESIO_BINARY;
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        std::freopen("/dev/null", "w", stderr);
        ::execl(binary.c_str(), binary.c_str(), "serve", "--index", index.c_str(), "--port", "0",
                "--timeout", "1", "--keep-alive", "1", nullptr);
        ::_exit(127);
    }
    ::close(out[1]);
    FILE* output = ::fdopen(out[0], "r");
    char line[512] = {};
    ServeProcess process{child, -1};
    // "cohesio: serving http://127.0.0.1:PORT/ (...)"
    if (std::fgets(line, sizeof(line), output) != nullptr) {
        const std::string text = line;
        const auto colon = text.find(':', text.find("127.0.0.1"));
        if (colon != std::string::npos) process.port = std::stoi(text.substr(colon + 1));
    }
    std::fclose(output);
    return process;
}

TEST(StopSignal, DrainsWithinItsBoundEvenWithAClientThatNeverFinishes) {
    testing::TempDir root;
    testing::build_fixture_index(testing::kFixtureCorpus, root.path());
    const ServeProcess serve = start_serve(root.path());
    ASSERT_GT(serve.pid, 0);
    ASSERT_GT(serve.port, 0) << "no port in the service's first line";
    // A client that keeps sending header lines, each within the read timeout: it would hold
    // its connection thread, and so the stop, for ever.
    testing::RawConnection slow(serve.port);
    ASSERT_TRUE(slow.connected());
    ASSERT_TRUE(slow.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n"));
    std::atomic<bool> done = false;
    std::thread trickle([&] {
        while (!done) {
            (void)slow.send_text("X-Slow: yes\r\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
    });
    testing::RawConnection answered(serve.port);
    ASSERT_TRUE(answered.send_text("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    EXPECT_EQ(answered.read_response(), "HTTP/1.1 200 OK");

    const auto signalled = Clock::now();
    ::kill(serve.pid, SIGTERM);
    // The bound is one read timeout and one keep-alive (1 s + 1 s here); a stop that takes
    // more than a few times that is one that would not end.
    int status = 0;
    pid_t ended = 0;
    while ((ended = ::waitpid(serve.pid, &status, WNOHANG)) == 0 &&
           Clock::now() - signalled < std::chrono::seconds(10)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    done = true;
    trickle.join();
    if (ended == 0) {
        ::kill(serve.pid, SIGKILL);
        ::waitpid(serve.pid, &status, 0);
        FAIL() << "still running 10 s after SIGTERM";
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_GE(Clock::now() - signalled, std::chrono::seconds(1));  // it did wait for it
}

}  // namespace
}  // namespace cohesio
