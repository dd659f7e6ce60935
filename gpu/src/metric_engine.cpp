// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/metric_engine.h"

#include <cstddef>

namespace slate_gpu::cuda {

MetricEngine::MetricEngine() = default;

MetricEngine::~MetricEngine() {
    for (void* blur : m_blur) cudaFree(blur);
    if (m_fork != nullptr) cudaEventDestroy(m_fork);
    if (m_join != nullptr) cudaEventDestroy(m_join);
    if (m_side != nullptr) cudaStreamDestroy(m_side);
}

cudaError_t MetricEngine::configure(const MetricSelection& selection, int width, int height) {
    if (!selection_valid(selection) || width <= 0 || height <= 0) return cudaErrorInvalidValue;
    m_selection = selection;
    m_have_previous = false;
    m_had_previous = false;
    // Until this configure() succeeds, score() refuses every frame (no luma is 0 x 0 wide).
    m_width = 0;
    m_height = 0;
    // The blur pair is reallocated on every configure() (synchronous, rare): it always has the
    // size of the last successful one, whatever the earlier selections were.
    for (void*& blur : m_blur) {
        cudaFree(blur);
        blur = nullptr;
    }
    if (m_side == nullptr)
        if (const cudaError_t e = cudaStreamCreateWithFlags(&m_side, cudaStreamNonBlocking);
            e != cudaSuccess)
            return e;
    for (cudaEvent_t* event : {&m_fork, &m_join})
        if (*event == nullptr)
            if (const cudaError_t e = cudaEventCreateWithFlags(event, cudaEventDisableTiming);
                e != cudaSuccess)
                return e;
    const bool features = selection.feature_sets > 0;
    if (selection.psnr)
        if (const cudaError_t e = m_psnr.reserve(width, height); e != cudaSuccess) return e;
    if (selection.ssim || selection.ms_ssim)
        if (const cudaError_t e = m_ssim.reserve(width, height); e != cudaSuccess) return e;
    if (features) {
        if (const cudaError_t e = m_vif.reserve(width, height); e != cudaSuccess) return e;
        if (const cudaError_t e = m_adm.reserve(width, height); e != cudaSuccess) return e;
    }
    if (selection.motion) {
        if (const cudaError_t e = m_motion.reserve(width, height); e != cudaSuccess) return e;
        for (void*& blur : m_blur)
            if (const cudaError_t e = cudaMallocPitch(
                    &blur, &m_blur_pitch, static_cast<std::size_t>(width) * sizeof(uint16_t),
                    static_cast<std::size_t>(height));
                e != cudaSuccess)
                return e;
    }
    m_width = width;
    m_height = height;
    return cudaSuccess;
}

cudaError_t MetricEngine::score(const MetricPlane reference[3], const MetricPlane distorted[3],
                                FrameMetricsRaw* device_out, cudaStream_t stream) {
    const MetricSelection& s = m_selection;
    const MetricPlane& ref_y = reference[0];
    const MetricPlane& dist_y = distorted[0];
    if (m_width <= 0 || ref_y.width != m_width || ref_y.height != m_height || device_out == nullptr)
        return cudaErrorInvalidValue;
    for (int p = 0; p < s.planes; ++p)
        if (!metric_pair_valid(reference[p], distorted[p])) return cudaErrorInvalidValue;
    // Fields the selection leaves out are zero, as the reference writes them.
    if (const cudaError_t e = cudaMemsetAsync(device_out, 0, sizeof(FrameMetricsRaw), stream);
        e != cudaSuccess)
        return e;
    // PSNR, SSIM and MS-SSIM on the side stream when there is VMAF work to overlap them with.
    const bool side_work = s.psnr || s.ssim || s.ms_ssim;
    const bool fork = side_work && (s.feature_sets > 0 || s.motion);
    cudaStream_t side = stream;
    if (fork) {
        if (const cudaError_t e = cudaEventRecord(m_fork, stream); e != cudaSuccess) return e;
        if (const cudaError_t e = cudaStreamWaitEvent(m_side, m_fork, 0); e != cudaSuccess)
            return e;
        side = m_side;
    }
    if (s.psnr)
        for (int p = 0; p < s.planes; ++p)
            if (const cudaError_t e = sum_squared_error(reference[p], distorted[p], m_psnr,
                                                        &device_out->sse[p], side);
                e != cudaSuccess)
                return e;
    if (s.ssim)
        if (const cudaError_t e =
                float_ssim(ref_y, dist_y, s.ssim_scale, m_ssim, &device_out->ssim, side);
            e != cudaSuccess)
            return e;
    if (s.ms_ssim)
        if (const cudaError_t e = float_ms_ssim(ref_y, dist_y, m_ssim, &device_out->ms_ssim, side);
            e != cudaSuccess)
            return e;
    if (fork)
        if (const cudaError_t e = cudaEventRecord(m_join, m_side); e != cudaSuccess) return e;
    for (int f = 0; f < s.feature_sets; ++f) {
        if (const cudaError_t e = vif(ref_y, dist_y, s.vif[f], m_vif, &device_out->vif[f], stream);
            e != cudaSuccess)
            return e;
        if (const cudaError_t e = adm(ref_y, dist_y, s.adm[f], m_adm, &device_out->adm[f], stream);
            e != cudaSuccess)
            return e;
    }
    m_had_previous = false;
    if (s.motion) {
        auto blur = [&](int i) {
            return Plane<uint16_t>{static_cast<uint16_t*>(m_blur[i]),
                                   static_cast<std::ptrdiff_t>(m_blur_pitch), m_width, m_height};
        };
        const Plane<uint16_t> current = blur(m_current);
        if (const cudaError_t e = motion_blur(ref_y, current, m_motion, stream); e != cudaSuccess)
            return e;
        if (m_have_previous) {
            const Plane<uint16_t> previous = blur(1 - m_current);
            const Plane<const uint16_t> a{current.data, current.pitch, current.width,
                                          current.height};
            const Plane<const uint16_t> b{previous.data, previous.pitch, previous.width,
                                          previous.height};
            if (const cudaError_t e = motion_sad(a, b, m_motion, &device_out->motion_sad, stream);
                e != cudaSuccess)
                return e;
            m_had_previous = true;
        }
        m_have_previous = true;
        m_current = 1 - m_current;
    }
    // The caller's stream continues only once the side stream's metrics are done.
    if (fork)
        if (const cudaError_t e = cudaStreamWaitEvent(stream, m_join, 0); e != cudaSuccess)
            return e;
    return cudaSuccess;
}

}  // namespace slate_gpu::cuda
