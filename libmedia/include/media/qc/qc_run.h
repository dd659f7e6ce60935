// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/analysis/interlace.h"
#include "media/analysis/video_measure.h"
#include "media/core/device.h"
#include "media/core/result.h"
#include "media/qc/profile.h"
#include "media/qc/qc_report.h"

namespace media::qc {

/// One analysed frame as the runner saw it.
struct FrameObservation {
    std::string_view file;  ///< input as given (valid during the call)
    int64_t frame = 0;
    std::string timecode;  ///< "" when the file has none
    double seconds = 0.0;  ///< presentation time
    bool corrupt = false;
    const analysis::VideoMeasures* measures = nullptr;
    const analysis::CombingMeasure* combing = nullptr;  ///< null when interlace is off
    double flash_luminance = -1.0;  ///< mean cd/m² of the flash grid; < 0 when off
};

struct QcRequest {
    std::vector<std::string> inputs;  ///< files or image-sequence patterns
    QcProfile profile;
    int threads = 0;  ///< analysis workers; 0 = every core
    /// Where the per-frame signal statistics run (Auto: a CUDA device when there is one; Cuda
    /// that cannot be met is an error of the request).
    DevicePolicy device = DevicePolicy::Auto;
    bool continuous = false;  ///< inputs are consecutive parts: timecode must run on
    /// Compare every input with this reference (VMAF and PSNR, the fidelity check): a second
    /// pass over the input and the reference after the QC pass. Empty: no comparison.
    std::string reference;
    /// Called for every analysed video frame, in frame order, from the runner's ordered stage
    /// (per-frame CSV); must not block for long.
    std::function<void(const FrameObservation&)> on_frame;
    /// Called after each file with its report (progress, evidence, streaming output).
    std::function<void(FileReport&)> on_file;
};

/// QCs every input with one decode pass each. Unreadable inputs become FileReports with
/// FileVerdict::Error, never errors; an Error is returned only for a bad request (no inputs, an
/// output that cannot be written).
Result<QcReport> run_qc(const QcRequest& request);

}  // namespace media::qc
