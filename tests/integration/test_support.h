// SPDX-License-Identifier: Apache-2.0
// Helpers for integration tests: a scratch folder, running commands (slate, ffmpeg, ffprobe),
// and a watchdog that turns a hang into a failure naming what hung.
#pragma once

#include <sys/wait.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "scratch_dir.h"

namespace media::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

inline std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// Runs a shell command, capturing stdout and stderr (through a file in `scratch`).
inline CommandResult run_command(const std::string& command, const ScratchDir& scratch) {
    CommandResult result;
    const std::string err_file = scratch.file(".stderr");
    FILE* pipe = popen((command + " 2>" + quote(err_file)).c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    size_t n = 0;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = read_file(err_file);
    return result;
}

/// True when `program` runs from PATH.
inline bool have_program(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

/// Runs the ffmpeg CLI quietly (a fixture maker only); true when it succeeded.
inline bool ffmpeg(const std::string& args) {
    const std::string command =
        "ffmpeg -hide_banner -nostdin -loglevel error -y " + args + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

/// Aborts the test binary with a message if it is not destroyed within `limit`: a hang inside a
/// third-party reader cannot be interrupted, so it is turned into a loud failure instead.
class Watchdog {
public:
    Watchdog(std::string what, std::chrono::seconds limit)
        : m_what(std::move(what)), m_thread([this, limit] { watch(limit); }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

private:
    void watch(std::chrono::seconds limit) {
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, limit, [this] { return m_done; })) return;
        std::cerr << "TIMEOUT after " << limit.count() << " s: " << m_what << std::endl;
        std::_Exit(124);
    }

    std::string m_what;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    std::thread m_thread;
};

}  // namespace media::test
