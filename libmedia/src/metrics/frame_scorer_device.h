// SPDX-License-Identifier: Apache-2.0
// Private to metrics/: the CUDA path of the per-frame scoring. Frames are decoded and converted
// on the CPU (swscale, as the CPU path: the conversion is part of the definition of the scores),
// uploaded once, and every metric of the plan runs on the device (gpu/'s MetricEngine); the raw
// sums come back in one transfer and are finished on the host by the same code as the
// references', into rows laid out exactly as score_frame lays them out. The VMAF models then
// score every row on the device.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "frame_scorer.h"
#include "media/core/result.h"
#include "media/metrics/sample_plane.h"
#include "slate_gpu/frame_metrics.h"

namespace media::metrics::detail {

/// What the device computes for a plan; empty reason when it can take the plan.
struct DeviceSelection {
    slate_gpu::MetricSelection selection;
    std::string unsupported;  ///< why the device path cannot take this plan
};
DeviceSelection device_selection(const ScorePlan& plan);

/// The row score_frame would write, from the raw sums of a frame pair whose planes are
/// `reference` (sizes and depth): every column but motion2 and the models (NaN, as there).
void row_from_raw(const ScorePlan& plan, const slate_gpu::FrameMetricsRaw& raw,
                  const std::array<SamplePlane, 3>& reference, std::vector<double>& row);

/// motion(i) of a frame from its raw sums (0 when there was no previous frame).
double motion_from_raw(const slate_gpu::FrameMetricsRaw& raw, int width, int height);

/// finish_rows with the models evaluated by `predict` (one call per model over every row's
/// features, in VmafFeature order): the host reference or the device.
using PredictRows = Result<void> (*)(const ModelColumn& model, const VmafPredictOptions& options,
                                     const std::vector<double>& features, std::vector<double>& out,
                                     void* context);
Result<void> finish_rows_with(const ScorePlan& plan, const std::vector<double>& motion,
                              std::vector<std::vector<double>>& rows,
                              const VmafPredictOptions& options, PredictRows predict,
                              void* context);

/// Scores frame pairs on one CUDA device, in order (motion keeps the previous reference's blur
/// on the device).
class DeviceFrameScorer {
public:
    /// Errors: DeviceError when the device cannot be used or the plan is not supported there.
    static Result<std::unique_ptr<DeviceFrameScorer>> create(const ScorePlan& plan,
                                                             int device_index);
    ~DeviceFrameScorer();
    DeviceFrameScorer(const DeviceFrameScorer&) = delete;
    DeviceFrameScorer& operator=(const DeviceFrameScorer&) = delete;

    /// One frame pair (the next in order): the row as score_frame writes it and motion(i).
    Result<void> score(const std::array<SamplePlane, 3>& reference,
                       const std::array<SamplePlane, 3>& distorted, std::vector<double>& row,
                       double& motion);
    /// motion2 and every model's column, the models evaluated on the device.
    Result<void> finish_rows(const std::vector<double>& motion,
                             std::vector<std::vector<double>>& rows,
                             const VmafPredictOptions& options);
    /// "cuda:0 (NVIDIA H100 80GB HBM3)".
    std::string device_name() const;
    /// Wall time spent in score() so far: uploads, kernels and the download of the sums.
    double seconds() const;

    struct Impl;

private:
    explicit DeviceFrameScorer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace media::metrics::detail
