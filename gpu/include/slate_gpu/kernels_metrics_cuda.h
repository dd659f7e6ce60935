// SPDX-License-Identifier: Apache-2.0
#pragma once

// CUDA implementations of the reference metrics (psnr.h, motion.h, ssim.h, vif.h, adm.h,
// vmaf_predict.h). Planes and results are in device memory. Every function enqueues its work on
// `stream` and returns the launch status (cudaErrorInvalidValue for invalid arguments); nothing
// synchronises, nothing allocates per frame: the workspaces allocate once in reserve() and are
// reused. Results are written (not added) to `*device_result`; reductions are deterministic
// (fixed-order partial sums), so a frame gives the same bits on every run.

#include <cuda_runtime_api.h>

#include <cstdint>
#include <memory>

#include "slate_gpu/adm.h"
#include "slate_gpu/metric_plane.h"
#include "slate_gpu/motion.h"
#include "slate_gpu/plane.h"
#include "slate_gpu/psnr.h"
#include "slate_gpu/ssim.h"
#include "slate_gpu/vif.h"
#include "slate_gpu/vmaf_predict.h"

namespace slate_gpu::cuda {

/// Device scratch of one metric, owned (pImpl so each metric keeps its own buffers). reserve()
/// allocates synchronously for planes up to width x height (regrowing when larger) and must be
/// called before the metric runs; a workspace serves one stream at a time.
#define SLATE_GPU_WORKSPACE(Name)                   \
    class Name {                                    \
    public:                                         \
        Name();                                     \
        ~Name();                                    \
        Name(Name&&) noexcept;                      \
        Name& operator=(Name&&) noexcept;           \
        Name(const Name&) = delete;                 \
        Name& operator=(const Name&) = delete;      \
        cudaError_t reserve(int width, int height); \
        struct Impl;                                \
        Impl* impl() const { return m_impl.get(); } \
                                                    \
    private:                                        \
        std::unique_ptr<Impl> m_impl;               \
    }

SLATE_GPU_WORKSPACE(PsnrWorkspace);
SLATE_GPU_WORKSPACE(MotionWorkspace);
SLATE_GPU_WORKSPACE(SsimWorkspace);
SLATE_GPU_WORKSPACE(VifWorkspace);
SLATE_GPU_WORKSPACE(AdmWorkspace);

#undef SLATE_GPU_WORKSPACE

// ---- PSNR ----
cudaError_t sum_squared_error(const MetricPlane& a, const MetricPlane& b, PsnrWorkspace& ws,
                              uint64_t* device_result, cudaStream_t stream);

// ---- motion ----
cudaError_t motion_blur(const MetricPlane& ref, const Plane<uint16_t>& out, MotionWorkspace& ws,
                        cudaStream_t stream);
cudaError_t motion_sad(const Plane<const uint16_t>& a, const Plane<const uint16_t>& b,
                       MotionWorkspace& ws, uint64_t* device_result, cudaStream_t stream);

// ---- SSIM, MS-SSIM ----
cudaError_t float_ssim(const MetricPlane& ref, const MetricPlane& dist, int scale,
                       SsimWorkspace& ws, SsimRaw* device_result, cudaStream_t stream);
cudaError_t float_ms_ssim(const MetricPlane& ref, const MetricPlane& dist, SsimWorkspace& ws,
                          MsSsimRaw* device_result, cudaStream_t stream);

// ---- VIF ----
cudaError_t vif(const MetricPlane& ref, const MetricPlane& dist, const VifConfig& config,
                VifWorkspace& ws, VifRaw* device_result, cudaStream_t stream);

// ---- ADM ----
cudaError_t adm(const MetricPlane& ref, const MetricPlane& dist, const AdmConfig& config,
                AdmWorkspace& ws, AdmRaw* device_result, cudaStream_t stream);

// ---- VMAF model ----
/// A model uploaded once (synchronous); move-only.
class DeviceVmafModel {
public:
    DeviceVmafModel();
    ~DeviceVmafModel();
    DeviceVmafModel(DeviceVmafModel&&) noexcept;
    DeviceVmafModel& operator=(DeviceVmafModel&&) noexcept;
    DeviceVmafModel(const DeviceVmafModel&) = delete;
    DeviceVmafModel& operator=(const DeviceVmafModel&) = delete;
    cudaError_t upload(const VmafModelHost& model);
    struct Impl;
    Impl* impl() const { return m_impl.get(); }

private:
    std::unique_ptr<Impl> m_impl;
};

/// Scores `rows` frames: device_features[r * kVmafFeatureSlots + f] -> device_scores[r].
cudaError_t vmaf_predict(const DeviceVmafModel& model, const double* device_features, int rows,
                         double* device_scores, cudaStream_t stream);

}  // namespace slate_gpu::cuda
