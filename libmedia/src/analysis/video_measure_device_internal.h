// SPDX-License-Identifier: Apache-2.0
// What the CUDA statistics path of DeviceVideoMeasurer does on the host, exposed so that it can
// be tested without a GPU: the same configuration and finishing run around the scalar reference
// of the kernel (measure_video_reference), which must equal measure_video.
#pragma once

#include "media/analysis/video_measure.h"
#include "slate_gpu/frame_stats.h"

namespace media::analysis::detail {

/// True when the device path takes the frame with these options (planar Y'CbCr 8..16 bit
/// without alpha, signal statistics on, not PQ with light level on).
bool device_measurable(const Frame& frame, const VideoMeasureOptions& options);
/// `previous` when measure_video would use it, else null.
const Frame* usable_previous_frame(const Frame& frame, const Frame* previous);
/// The kernel's configuration for a frame: depth, range, subsampling, thresholds in codes.
slate_gpu::StatsConfig stats_config(const Frame& frame, const VideoMeasureOptions& options);
/// VideoMeasures from the kernel's integers.
VideoMeasures measures_from_stats(const slate_gpu::FrameStatsRaw& raw,
                                  const slate_gpu::StatsConfig& config, bool has_previous,
                                  const VideoMeasureOptions& options);
/// The device path with the kernel's scalar reference in its place (host memory).
Result<VideoMeasures> measure_video_reference(const Frame& frame, const Frame* previous,
                                              const VideoMeasureOptions& options);

}  // namespace media::analysis::detail
