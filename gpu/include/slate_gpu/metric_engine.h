// SPDX-License-Identifier: Apache-2.0
#pragma once

// The whole metric set of a frame pair from device-resident planes: each metric's kernels
// (kernels_metrics_cuda.h), results into one FrameMetricsRaw in device memory, the blurred
// reference kept on the device for the next frame's motion. It equals ref::frame_metrics
// (frame_metrics.h) up to each metric's tolerance (the registry's).
//
// VIF, ADM and motion run on the caller's stream; PSNR, SSIM and MS-SSIM on a side stream of the
// engine's, forked from and joined back into the caller's stream, so that their FP64 and
// conversion-bound work overlaps VIF's and ADM's. The caller sees one stream: everything is done
// when its stream reaches the point after score().

#include <cuda_runtime_api.h>

#include <cstddef>

#include "slate_gpu/frame_metrics.h"
#include "slate_gpu/kernels_metrics_cuda.h"

namespace slate_gpu::cuda {

class MetricEngine {
public:
    MetricEngine();
    ~MetricEngine();
    MetricEngine(const MetricEngine&) = delete;
    MetricEngine& operator=(const MetricEngine&) = delete;

    /// Allocates every workspace for pictures of luma width x height (synchronous, on the
    /// current device) and forgets any previous frame. cudaErrorInvalidValue for an invalid
    /// selection or size.
    cudaError_t configure(const MetricSelection& selection, int width, int height);

    /// Enqueues the selection's metrics of one pair of device pictures (selection.planes planes
    /// each, luma of the configured size) and writes *device_out. The first frame after
    /// configure() or reset_motion() has no previous frame: motion_sad is 0 and has_previous()
    /// false afterwards.
    cudaError_t score(const MetricPlane reference[3], const MetricPlane distorted[3],
                      FrameMetricsRaw* device_out, cudaStream_t stream);

    /// Whether the last score() compared motion with a previous frame.
    bool had_previous() const { return m_had_previous; }
    void reset_motion() { m_have_previous = false; }

    const MetricSelection& selection() const { return m_selection; }

private:
    MetricSelection m_selection{};
    int m_width = 0;
    int m_height = 0;
    PsnrWorkspace m_psnr;
    SsimWorkspace m_ssim;
    VifWorkspace m_vif;
    AdmWorkspace m_adm;
    MotionWorkspace m_motion;
    void* m_blur[2] = {nullptr, nullptr};
    cudaStream_t m_side = nullptr;  // PSNR, SSIM, MS-SSIM
    cudaEvent_t m_fork = nullptr;
    cudaEvent_t m_join = nullptr;
    std::size_t m_blur_pitch = 0;
    int m_current = 0;
    bool m_have_previous = false;
    bool m_had_previous = false;
};

}  // namespace slate_gpu::cuda
