// SPDX-License-Identifier: Apache-2.0
#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <system_error>
#include <thread>

extern char** environ;

namespace media::batch {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kPollMs = 50;
// How long a child has to exit after SIGTERM before it gets SIGKILL.
constexpr auto kTermGrace = std::chrono::seconds(3);

std::string errno_text(int err) {
    return std::error_code(err, std::generic_category()).message();
}

// Owns the spawn attributes and file actions; both need destroying on every path.
class SpawnSetup {
public:
    SpawnSetup() {
        posix_spawnattr_init(&m_attr);
        posix_spawn_file_actions_init(&m_actions);
    }
    ~SpawnSetup() {
        posix_spawnattr_destroy(&m_attr);
        posix_spawn_file_actions_destroy(&m_actions);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    // Our handlers (SIGINT for cancelling) and blocked signals are not the child's business.
    void reset_signals(bool new_group) {
        sigset_t defaults;
        sigemptyset(&defaults);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD})
            sigaddset(&defaults, sig);
        sigset_t none;
        sigemptyset(&none);
        posix_spawnattr_setsigdefault(&m_attr, &defaults);
        posix_spawnattr_setsigmask(&m_attr, &none);
        short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
        if (new_group) {
            flags |= POSIX_SPAWN_SETPGROUP;
            posix_spawnattr_setpgroup(&m_attr, 0);
        }
        posix_spawnattr_setflags(&m_attr, flags);
    }

    void open(int fd, const std::string& path, int flags) {
        posix_spawn_file_actions_addopen(&m_actions, fd, path.c_str(), flags, 0644);
    }
    void dup2(int from, int to) { posix_spawn_file_actions_adddup2(&m_actions, from, to); }

    int spawn(pid_t* pid, const std::vector<std::string>& argv) {
        std::vector<char*> args;
        args.reserve(argv.size() + 1);
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        return posix_spawnp(pid, args[0], &m_actions, &m_attr, args.data(), environ);
    }

private:
    posix_spawnattr_t m_attr;
    posix_spawn_file_actions_t m_actions;
};

struct Pipe {
    int read = -1;
    int write = -1;
    ~Pipe() { close_both(); }
    bool open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) return false;
        read = fds[0];
        write = fds[1];
        return true;
    }
    void close_write() {
        if (write >= 0) ::close(write);
        write = -1;
    }
    void close_both() {
        close_write();
        if (read >= 0) ::close(read);
        read = -1;
    }
};

// Sends SIGTERM once cancel turns true, SIGKILL after the grace period.
class Killer {
public:
    Killer(pid_t pid, bool group, const std::atomic<bool>* cancel)
        : m_target(group ? -pid : pid), m_cancel(cancel) {}

    void check() {
        if (!m_cancel || !m_cancel->load()) return;
        const auto now = Clock::now();
        if (!m_terminated) {
            ::kill(m_target, SIGTERM);
            m_terminated = true;
            m_term_time = now;
        } else if (!m_killed && now - m_term_time > kTermGrace) {
            ::kill(m_target, SIGKILL);
            m_killed = true;
        }
    }
    bool fired() const { return m_terminated; }
    // What a cancelled child started may outlive it; its group goes with it.
    void finish(bool group) const {
        if (m_terminated && group) ::kill(m_target, SIGKILL);
    }

private:
    pid_t m_target;
    const std::atomic<bool>* m_cancel;
    bool m_terminated = false;
    bool m_killed = false;
    Clock::time_point m_term_time;
};

void record_status(int status, ProcessResult& result) {
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signalled = true;
        result.exit_code = 128 + WTERMSIG(status);
    }
}

// Reaps the child, polling for cancel when there is a flag to watch.
void wait_for(pid_t pid, Killer& killer, bool watch, ProcessResult& result) {
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, watch ? WNOHANG : 0);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) return;
        if (done == 0) {
            killer.check();
            std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
        }
    }
    record_status(status, result);
}

void drain(Pipe& out, Pipe& err, Killer& killer, ProcessResult& result) {
    char buffer[4096];
    while (out.read >= 0 || err.read >= 0) {
        pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
        const int ready = ::poll(fds, 2, kPollMs);
        killer.check();
        if (ready <= 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            Pipe& pipe = i == 0 ? out : err;
            std::string& text = i == 0 ? result.out : result.err;
            const ssize_t n = ::read(pipe.read, buffer, sizeof buffer);
            if (n > 0) {
                text.append(buffer, static_cast<size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                pipe.close_both();
            }
        }
    }
}

}  // namespace

std::string find_on_path(const std::string& program) {
    if (program.empty()) return {};
    if (program.find('/') != std::string::npos)
        return ::access(program.c_str(), X_OK) == 0 ? program : std::string();
    const char* path = std::getenv("PATH");
    std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    while (!dirs.empty()) {
        const size_t colon = dirs.find(':');
        std::string dir(dirs.substr(0, colon));
        dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
        std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + program;
        struct stat info {};
        if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

Result<ProcessResult> run_process(const ProcessOptions& options) {
    if (options.argv.empty() || options.argv[0].empty())
        return Error(ErrorCode::InvalidArgument, "no program to run");
    SpawnSetup setup;
    setup.reset_signals(options.new_process_group);
    setup.open(0, "/dev/null", O_RDONLY);
    Pipe out;
    Pipe err;
    if (options.capture) {
        if (!out.open() || !err.open())
            return Error(ErrorCode::IoError, "cannot create a pipe: " + errno_text(errno));
        setup.dup2(out.write, 1);
        setup.dup2(err.write, 2);
    } else if (!options.output_file.empty()) {
        // Opened here first so that a bad path is an error naming the file, not a child's exit.
        const int probe =
            ::open(options.output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (probe < 0)
            return Error(ErrorCode::IoError, "cannot open the log: " + errno_text(errno))
                .with_file(options.output_file);
        ::close(probe);
        setup.open(1, options.output_file, O_WRONLY | O_APPEND);
        setup.dup2(1, 2);
    }
    pid_t pid = 0;
    if (const int failed = setup.spawn(&pid, options.argv); failed != 0)
        return Error(failed == ENOENT ? ErrorCode::NotFound : ErrorCode::IoError,
                     "cannot run '" + options.argv[0] + "': " + errno_text(failed));
    out.close_write();
    err.close_write();
    ProcessResult result;
    Killer killer(pid, options.new_process_group, options.cancel);
    if (options.capture) drain(out, err, killer, result);
    wait_for(pid, killer, options.cancel != nullptr, result);
    killer.finish(options.new_process_group);
    result.cancelled = killer.fired();
    return result;
}

}  // namespace media::batch
