#include "process.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cohesio::bench {

Result<Child> spawn(const std::vector<std::string>& argv, bool capture, const std::string& log,
                    bool own_group) {
    int pipe_fds[2] = {-1, -1};
    if (capture && pipe(pipe_fds) != 0) return Error{ErrorKind::io, "pipe", std::strerror(errno)};
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int log_fd =
        log.empty() ? -1 : open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const pid_t pid = fork();
    if (pid < 0) return Error{ErrorKind::io, "fork", std::strerror(errno)};
    if (pid == 0) {
        if (capture) {
            dup2(pipe_fds[1], STDOUT_FILENO);
            close(pipe_fds[0]);
            close(pipe_fds[1]);
        }
        if (log_fd >= 0) dup2(log_fd, STDERR_FILENO);
        if (own_group) setpgid(0, 0);
        execv(args[0], args.data());
        // Only async-signal-safe calls after fork in a threaded parent.
        const char message[] = "cohesio_bench: cannot execute child program\n";
        [[maybe_unused]] auto written = write(STDERR_FILENO, message, sizeof message - 1);
        _exit(127);
    }
    if (capture) close(pipe_fds[1]);
    if (log_fd >= 0) close(log_fd);
    return Child{pid, capture ? pipe_fds[0] : -1};
}

Result<Exit> wait_child(pid_t pid) {
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) return Error{ErrorKind::io, "wait4", std::strerror(errno)};
    }
    Exit exit;
    exit.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    exit.max_rss_kib = usage.ru_maxrss;  // Linux reports KiB
    return exit;
}

std::string read_all(int fd) {
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t got = read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        text.append(buffer, static_cast<std::size_t>(got));
    }
    close(fd);
    return text;
}

Result<std::string> run_capture(const std::vector<std::string>& argv) {
    auto child = spawn(argv, true);
    if (!child) return child.error();
    std::string output = read_all(child->output);
    auto exit = wait_child(child->pid);
    if (!exit) return exit.error();
    if (exit->status != 0)
        return Error{ErrorKind::io, argv[0], "exited with status " + std::to_string(exit->status)};
    return output;
}

std::string self_path() { return std::filesystem::read_symlink("/proc/self/exe").string(); }

}  // namespace cohesio::bench
