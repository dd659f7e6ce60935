// SPDX-License-Identifier: Apache-2.0
#include "av_log.h"

#include <cstdarg>
#include <mutex>
#include <string>

extern "C" {
#include <libavutil/log.h>
}

#include "media/core/log.h"

namespace media::av {
namespace {

LogLevel level_of(int av_level) {
    if (av_level <= AV_LOG_ERROR) return LogLevel::Error;
    if (av_level <= AV_LOG_INFO) return LogLevel::Info;
    return LogLevel::Debug;
}

// A damaged file makes a decoder say the same thing for every frame: like ffmpeg, a line equal
// to the previous one is counted, not printed, and the count is said before the next new line.
void emit(LogLevel level, const std::string& line) {
    static std::mutex mutex;
    static std::string last;
    static LogLevel last_level = LogLevel::Error;
    static int repeated = 0;
    std::lock_guard lock(mutex);
    if (line == last && level == last_level) {
        ++repeated;
        return;
    }
    if (repeated > 0)
        log(last_level, "last message repeated " + std::to_string(repeated) + " times");
    repeated = 0;
    last = line;
    last_level = level;
    log(level, line);
}

// libav hands over lines in pieces; each thread gathers its own until the newline.
void forward(void* context, int av_level, const char* format, va_list args) {
    // Filtered before formatting: decoders may log per frame at debug and trace levels.
    if (av_level > av_log_get_level() || av_level > AV_LOG_DEBUG) return;
    const LogLevel level = level_of(av_level);
    if (!log_enabled(level)) return;
    thread_local std::string pending;
    thread_local int print_prefix = 1;
    char piece[1024];
    av_log_format_line2(context, av_level, format, args, piece, sizeof piece, &print_prefix);
    pending += piece;
    if (pending.empty() || pending.back() != '\n') return;
    pending.pop_back();
    emit(level, pending);
    pending.clear();
}

}  // namespace

void route_av_log() {
    static std::once_flag once;
    std::call_once(once, [] {
        // libav's own threshold is AV_LOG_INFO by default; debug output needs it lowered too.
        if (log_level() == LogLevel::Debug) av_log_set_level(AV_LOG_DEBUG);
        av_log_set_callback(forward);
    });
}

}  // namespace media::av
