// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string_view>

namespace media {

/// How much libmedia says on its own (and lets FFmpeg's libraries say), most severe first.
enum class LogLevel { Error, Warning, Info, Debug };

/// Where messages go: called with each whole message (no trailing newline), one at a time.
using LogSink = std::function<void(LogLevel level, std::string_view message)>;

/// The most verbose level shown. Warning unless the environment variable SLATE_LOG
/// (error|warning|info|debug) says otherwise; set_log_level overrides both.
LogLevel log_level();
void set_log_level(LogLevel level);
/// True when a message at `level` would be shown.
bool log_enabled(LogLevel level);

/// Replaces the sink; an empty one restores the default, which writes "slate: warning: ..."
/// lines to stderr. Thread-safe.
void set_log_sink(LogSink sink);

/// Sends one message to the sink when its level is enabled. Thread-safe.
void log(LogLevel level, std::string_view message);

/// "error", "warning", "info", "debug".
std::string_view to_string(LogLevel level);
/// The level named by `text` (as to_string writes it); nullopt for anything else.
std::optional<LogLevel> parse_log_level(std::string_view text);

}  // namespace media
