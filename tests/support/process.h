// Child processes and free ports for tests that start real servers (nginx, xapian-tcpsrv).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace cohesio::testing {

// Runs `command` (searched in PATH), output discarded, and waits; true when it exited with 0.
inline bool run(const std::vector<std::string>& command) {
    std::vector<std::string> copy = command;
    std::vector<char*> argv;
    for (auto& argument : copy) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A port nothing listens on now (bound, then released).
inline int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

// Whether something accepts connections on 127.0.0.1:`port`.
inline bool listening(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    ::close(fd);
    return connected;
}

// A server started in a process group of its own, so that stopping it reaches the children it
// forks per connection (xapian-tcpsrv does); killed with its group when the object goes away.
class Server {
public:
    Server() = default;
    explicit Server(const std::vector<std::string>& command) {
        std::vector<std::string> copy = command;
        std::vector<char*> argv;
        for (auto& argument : copy) argv.push_back(argument.data());
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::setpgid(0, 0);
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            ::execvp(argv[0], argv.data());
            ::_exit(127);
        }
        ::setpgid(pid_, pid_);  // also here: whichever of parent and child runs first
    }
    Server(Server&& other) noexcept : pid_(std::exchange(other.pid_, -1)) {}
    Server& operator=(Server&& other) noexcept {
        std::swap(pid_, other.pid_);
        return *this;
    }
    ~Server() { kill(); }

    // Waits up to 10 s for it to accept connections on `port`.
    bool wait_listening(int port) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (listening(port)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    void pause() const { ::killpg(pid_, SIGSTOP); }   // a shard that hangs
    void resume() const { ::killpg(pid_, SIGCONT); }  // and recovers
    void kill() {
        if (pid_ <= 0) return;
        ::killpg(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

private:
    pid_t pid_ = -1;
};

}  // namespace cohesio::testing
