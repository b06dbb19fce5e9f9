// Child processes: the indexer measured alone (its own peak RSS), `cohesio serve`, and wrk.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio::bench {

struct Child {
    pid_t pid = -1;
    int output = -1;  // read end of the child's stdout, or -1 when not captured
};

// Starts argv[0] with its stdout on a pipe when `capture`; its stderr goes to `log` when
// given (a server's access log would flood the report), else stays ours. `own_group`: in a
// process group of its own, for a server that signals its whole group when it stops
// (xapian-tcpsrv does, to end the children it forked, and would take the benchmark with it).
Result<Child> spawn(const std::vector<std::string>& argv, bool capture,
                    const std::string& log = "", bool own_group = false);

struct Exit {
    int status = 0;        // exit code, or 128 + signal
    long max_rss_kib = 0;  // the child's own peak resident set (ru_maxrss)
};

// Waits for the child and returns its exit and resource usage (wait4).
Result<Exit> wait_child(pid_t pid);

// Reads a captured stdout to its end.
std::string read_all(int fd);

// Runs argv to completion, returning its stdout; an error when it exits non-zero.
Result<std::string> run_capture(const std::vector<std::string>& argv);

// This program's own path, to start it again in a sub-mode.
std::string self_path();

}  // namespace cohesio::bench
