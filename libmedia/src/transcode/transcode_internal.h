// SPDX-License-Identifier: Apache-2.0
// Private to transcode/: the parts of a plan the pipeline needs beyond what TranscodePlan shows.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/core/rational.h"
#include "media/frame/pixel_format.h"
#include "media/io/frame_resize.h"
#include "media/io/media_source.h"
#include "media/transcode/preset.h"
#include "media/transcode/transcode.h"

namespace media::transcode {

struct GeometryPlan {
    std::optional<PixelRect> crop;       ///< part of the source used (fill, odd sizes)
    std::optional<PixelRect> placement;  ///< where the picture goes (pad)
    Rational sar{1, 1};                  ///< signalled pixel aspect of the output
};

struct AudioPlan {
    AudioMode mode = AudioMode::None;  ///< None, Copy (packets), Pcm or Aac (decoded)
    int stream = -1;
    std::vector<int> channels;  ///< source channels, in output order
    std::string codec;
    int64_t bit_rate = 0;
    int sample_rate = 0;
};

struct PlanDetails {
    TranscodePlan plan;
    GeometryPlan geometry;
    AudioPlan audio;
    int64_t first_frame_number = 0;  ///< image sequences: number of the first file
    /// The source as the plan opened it, for the run to read (nothing decoded yet).
    std::shared_ptr<MediaSource> source;
    bool source_reads_audio = false;
};

Result<PlanDetails> plan_details(const TranscodeRequest& request);

inline std::string info_name(PixelFormat format) {
    return std::string(info(format).name);
}
inline const PixelFormatInfo& info_of(PixelFormat format) {
    return info(format);
}

}  // namespace media::transcode
