// The HTTP service: the route table served by cpp-httplib, with CORS, metrics, an access log
// and graceful shutdown. This header does not expose httplib.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>

#include "common/result.h"
#include "http/config.h"

namespace cohesio {

class Service {
public:
    Service(ServeConfig config, std::ostream& access_log);
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Binds the socket (port 0: any free port); the bound port is then port().
    Status bind();
    int port() const;
    // Loads the word lists spelling correction reads (half a second), so that no request
    // waits for them; returns the lists that could not be read (correction then works, but
    // may rewrite real words no practice contains).
    std::vector<std::filesystem::path> warm_up();
    // Serves until stop(); blocks.
    Status run();
    // Safe from another thread; run() returns once in-flight requests are done.
    void stop();
    bool running() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cohesio
