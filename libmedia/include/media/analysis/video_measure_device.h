// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <string>

#include "media/analysis/video_measure.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::analysis {

/// measure_video on a CUDA device for planar Y'CbCr frames (8..16 bit, no alpha): the frame and
/// its predecessor are uploaded, every measure (SignalStats, LevelsMeasure, ActiveArea, mafd,
/// blockiness) is reduced there to 328 bytes of integers, and those are finished on the host
/// with the same arithmetic, so the figures equal measure_video's exactly (tests/unit/gpu
/// StatsParity checks the shared reference). Frames the kernels do not take (R'G'B', gray,
/// float, with alpha), PQ frames with light_level on, and options without signal_stats are
/// measured by measure_video on the CPU. Thread-safe: each concurrent call gets its own stream
/// and buffers.
class DeviceVideoMeasurer {
public:
    /// DeviceError when the build has no CUDA or the device cannot be used.
    static Result<std::unique_ptr<DeviceVideoMeasurer>> create(int device_index);
    ~DeviceVideoMeasurer();
    DeviceVideoMeasurer(const DeviceVideoMeasurer&) = delete;
    DeviceVideoMeasurer& operator=(const DeviceVideoMeasurer&) = delete;

    /// Same contract as measure_video.
    Result<VideoMeasures> measure(const Frame& frame, const Frame* previous,
                                  const VideoMeasureOptions& options) const;
    /// "cuda:N".
    std::string device_name() const;

    class Impl;

private:
    explicit DeviceVideoMeasurer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace media::analysis
