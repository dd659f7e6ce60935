// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

#include "media/core/result.h"
#include "media/io/media_info.h"

namespace media {

/// What probe does beyond reading headers.
struct ProbeOptions {
    /// Decode every video frame and fill StreamInfo::decoded_frame_count (like ffprobe
    /// -count_frames). Slow: it reads the whole file.
    bool count_frames = false;
    /// Frames larger than this many pixels are refused before anything is allocated for them.
    int64_t max_pixels = int64_t{1} << 28;
};

/// Describes a media file, a single image, or an image sequence. `path` is always a local file
/// name ("concat:x.mov" is the file of that name). A path holding a frame-number pattern
/// (name.%06d.exr, name.####.dpx, name.@.tif) that names no existing file is probed as an image
/// sequence. The container format is detected by content, not by extension. Every error names the
/// file; no exception escapes.
Result<MediaInfo> probe(const std::string& path, const ProbeOptions& options = {});

}  // namespace media
