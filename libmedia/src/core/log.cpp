// SPDX-License-Identifier: Apache-2.0
#include "media/core/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>

namespace media {
namespace {

LogLevel level_from_environment() {
    const char* value = std::getenv("SLATE_LOG");
    if (value == nullptr) return LogLevel::Warning;
    return parse_log_level(value).value_or(LogLevel::Warning);
}

std::atomic<int>& level_store() {
    static std::atomic<int> level{static_cast<int>(level_from_environment())};
    return level;
}

struct SinkState {
    std::mutex mutex;
    LogSink sink;
};

SinkState& sink_state() {
    static SinkState state;
    return state;
}

// One fputs per line, so messages from several threads never interleave mid-line.
void write_to_stderr(LogLevel level, std::string_view message) {
    std::string line = "slate: ";
    if (level != LogLevel::Info) {
        line += to_string(level);
        line += ": ";
    }
    line += message;
    line += '\n';
    std::fputs(line.c_str(), stderr);
}

}  // namespace

LogLevel log_level() {
    return static_cast<LogLevel>(level_store().load(std::memory_order_relaxed));
}

void set_log_level(LogLevel level) {
    level_store().store(static_cast<int>(level), std::memory_order_relaxed);
}

bool log_enabled(LogLevel level) {
    return static_cast<int>(level) <= level_store().load(std::memory_order_relaxed);
}

void set_log_sink(LogSink sink) {
    SinkState& state = sink_state();
    std::lock_guard lock(state.mutex);
    state.sink = std::move(sink);
}

void log(LogLevel level, std::string_view message) {
    if (!log_enabled(level)) return;
    SinkState& state = sink_state();
    std::lock_guard lock(state.mutex);
    if (state.sink)
        state.sink(level, message);
    else
        write_to_stderr(level, message);
}

std::string_view to_string(LogLevel level) {
    switch (level) {
        case LogLevel::Error:
            return "error";
        case LogLevel::Warning:
            return "warning";
        case LogLevel::Info:
            return "info";
        case LogLevel::Debug:
            return "debug";
    }
    return "unknown";
}

std::optional<LogLevel> parse_log_level(std::string_view text) {
    for (LogLevel level : {LogLevel::Error, LogLevel::Warning, LogLevel::Info, LogLevel::Debug})
        if (text == to_string(level)) return level;
    return std::nullopt;
}

}  // namespace media
