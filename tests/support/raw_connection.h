// Raw TCP (or TLS, to nginx) to the service under test: exactly what is sent and when, for
// slow, pipelined and hostile clients that an HTTP client library would not produce.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cohesio::testing {

// A plain TCP client, so a test controls exactly what is sent and when; closed on destruction.
class RawConnection {
public:
    // From `from` (another loopback address is another client to the service), to loopback.
    explicit RawConnection(int port, const char* from = "127.0.0.1")
        : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        // A safety net against a hung test, not an assertion on time.
        const timeval limit{10, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from, &local.sin_addr);
        if (::bind(fd_, reinterpret_cast<const sockaddr*>(&local), sizeof(local)) != 0) return;
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ =
            ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    }
    ~RawConnection() {
        if (tls_) SSL_free(tls_);
        if (tls_context_) SSL_CTX_free(tls_context_);
        ::close(fd_);
    }
    // Goes on in TLS (the handshake, without checking the certificate: a test's own).
    bool start_tls() {
        tls_context_ = SSL_CTX_new(TLS_client_method());
        if (!tls_context_) return false;
        // The peer closing without close_notify is an end of stream, not an error.
        SSL_CTX_set_options(tls_context_, SSL_OP_IGNORE_UNEXPECTED_EOF);
        tls_ = SSL_new(tls_context_);
        return tls_ && SSL_set_fd(tls_, fd_) == 1 && SSL_connect(tls_) == 1;
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return connected_; }
    int fd() const { return fd_; }
    bool send_text(const std::string& text) const {
        if (tls_) {
            return SSL_write(tls_, text.data(), static_cast<int>(text.size())) ==
                   static_cast<int>(text.size());
        }
        return ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(text.size());
    }
    // Reads one response with a Content-Length body; returns its status line, or "" on failure.
    // Bytes after it (a pipelined response) are kept for the next call.
    std::string read_response() {
        while (true) {
            const auto end = pending_.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto length_at = pending_.find("Content-Length: ");
                if (length_at == std::string::npos || length_at > end) return "";
                const std::size_t length = std::stoul(pending_.substr(length_at + 16));
                if (pending_.size() >= end + 4 + length) {
                    head_ = pending_.substr(0, end + 2);
                    pending_.erase(0, end + 4 + length);
                    return head_.substr(0, head_.find("\r\n"));
                }
            }
            if (!receive()) return "";
        }
    }
    // The status line and headers of the last response read, each line ending in CRLF.
    const std::string& head() const { return head_; }
    // True when the service has sent something (or closed) that is not read yet; never waits.
    bool has_bytes_waiting() const {
        if (!pending_.empty()) return true;
        char byte = 0;
        return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
    }
    // True when the service closes the connection with nothing more to read.
    bool closed_by_peer() {
        if (!pending_.empty()) return false;
        char byte = 0;
        if (tls_) {
            const int got = SSL_read(tls_, &byte, 1);
            return got <= 0 && SSL_get_error(tls_, got) == SSL_ERROR_ZERO_RETURN;
        }
        return ::recv(fd_, &byte, 1, 0) == 0;
    }
    // How long a read may wait before it fails (10 s unless set): a bound on what a test
    // waits for, where an answer that comes later is as good as none.
    void set_receive_timeout(std::chrono::milliseconds wait) const {
        const timeval limit{static_cast<time_t>(wait.count() / 1000),
                            static_cast<suseconds_t>(wait.count() % 1000 * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    }

private:
    bool receive() {
        char buffer[4096];
        const ssize_t got = tls_ ? SSL_read(tls_, buffer, static_cast<int>(sizeof(buffer)))
                                 : ::recv(fd_, buffer, sizeof(buffer), 0);
        if (got <= 0) return false;
        pending_.append(buffer, static_cast<std::size_t>(got));
        return true;
    }

    int fd_;
    bool connected_ = false;
    SSL_CTX* tls_context_ = nullptr;
    SSL* tls_ = nullptr;
    std::string pending_;
    std::string head_;
};

inline bool same_endpoint(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_family == b.sin_family && a.sin_port == b.sin_port &&
           a.sin_addr.s_addr == b.sin_addr.s_addr;
}

// The service runs in this process, so its end of our connection is one of our descriptors:
// the socket whose peer is our connection's local address. -1 when not found.
inline int server_end_of(const RawConnection& client) {
    sockaddr_in local{};
    socklen_t length = sizeof(local);
    if (::getsockname(client.fd(), reinterpret_cast<sockaddr*>(&local), &length) != 0) return -1;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        const int fd = std::stoi(entry.path().filename().string());
        sockaddr_in peer{};
        socklen_t peer_length = sizeof(peer);
        if (fd == client.fd() ||
            ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0)
            continue;
        if (peer_length == sizeof(peer) && same_endpoint(peer, local)) return fd;
    }
    return -1;
}

}  // namespace cohesio::testing
