// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "media/io/media_info.h"

namespace slate {

/// The readable summary `slate probe` prints for one input: a header line with the path, then
/// indented lines for the container, duration, timecode, sequence and one line per stream, e.g.
/// "  #0 video: prores (4444) ap4h, 1920x1080 SAR 1:1 DAR 16:9, 24 fps, yuv444p12le 12-bit 4:4:4,
/// bt709/bt709/bt709 tv, 48 frames". Colour is primaries/transfer/matrix then range.
std::string format_summary(const media::MediaInfo& info);

/// One stream's line, without indentation or newline.
std::string format_stream(const media::StreamInfo& stream);

}  // namespace slate
