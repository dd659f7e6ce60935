// SPDX-License-Identifier: Apache-2.0
// Private to io/: FFmpeg's libraries log through media::log (see media/core/log.h).
#pragma once

namespace media::av {

/// Installs libmedia's av_log callback, once per process; io calls it before using libav.
/// libav's errors map to LogLevel::Error; its warnings and info lines to LogLevel::Info (so the
/// default level, Warning, hides "moov atom not found" and the like); verbose and debug lines to
/// LogLevel::Debug. av_log_set_level still applies on top.
void route_av_log();

}  // namespace media::av
