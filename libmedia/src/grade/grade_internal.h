// SPDX-License-Identifier: Apache-2.0
// Private to grade/: what run_grade and the preview writer share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "media/color/color_processor.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/frame.h"
#include "media/io/media_source.h"

namespace media::grade::detail {

/// A hidden name beside `final_path` with the same extension (image writers pick the format
/// from it): "<dir>/.<name>.partial-<pid>-<n><ext>".
std::string temporary_path_for(const std::string& final_path);

/// Moves a finished temporary file onto its final name; removes it when that fails.
Result<void> commit_file(const std::string& temporary, const std::string& final_path);

/// Applies the processor to an RgbFloat frame (a graded copy; `rgb` is unchanged) and adds the
/// NaN/Inf pixels met to `nonfinite`.
Result<Frame> graded_copy(const color::ColorProcessor& processor, const Frame& rgb,
                          int64_t& nonfinite);

/// An RgbFloat copy of `rgb` scaled to fit within max_width (area filter), even sizes kept when
/// `even`; the frame itself when it is already small enough.
Result<Frame> shrink_to_width(const Frame& rgb, int max_width, bool even);

/// What the preview writer needs from run_grade.
struct PreviewJob {
    std::string input;   ///< for messages
    std::string output;  ///< .mp4 path (MediaSink writes a temporary name and renames it)
    double seconds = 0;
    int max_width = 1920;
    Rational frame_rate{24, 1};
    std::optional<Timecode> start_timecode;
    int64_t frame_count = 0;  ///< frames in the clip (the preview stops there)
};

/// Writes a graded H.264 (yuv420p, BT.709-tagged, crf 18) preview of the clip's first seconds,
/// decoding from frame 0 of `source`. Returns the frames written; NaN/Inf pixels met are added
/// to `nonfinite`.
Result<int64_t> write_preview(MediaSource& source, const color::ColorProcessor& processor,
                              const PreviewJob& job, int64_t& nonfinite);

}  // namespace media::grade::detail
