// SPDX-License-Identifier: Apache-2.0
#pragma once

// The input of every reference-metric kernel (PSNR, SSIM, MS-SSIM, VIF, ADM, motion): one plane
// of integer samples, as libmedia's media::metrics::SamplePlane describes it, in host memory for
// the scalar references and device memory for the CUDA kernels.

#include <cstddef>
#include <cstdint>

#include "slate_gpu/plane.h"

namespace slate_gpu {

/// 8-bit samples as uint8_t, 9- to 16-bit samples as native uint16_t, rows `pitch` bytes apart.
struct MetricPlane {
    const void* data = nullptr;
    std::ptrdiff_t pitch = 0;
    int width = 0;
    int height = 0;
    int bit_depth = 8;  ///< 8..16

    SLATE_GPU_HD bool wide() const { return bit_depth > 8; }
    /// Sample (x, y); no bounds check.
    SLATE_GPU_HD uint32_t sample(int x, int y) const {
        const auto* r =
            static_cast<const unsigned char*>(data) + static_cast<std::ptrdiff_t>(y) * pitch;
        return wide() ? reinterpret_cast<const uint16_t*>(r)[x] : r[x];
    }
};

/// True when the plane has memory for its size, a pitch that holds a row and a depth of 8..16.
/// 16-bit samples must be 2-byte aligned (address and pitch): the device faults on a misaligned
/// load, and that kills the CUDA context.
inline bool metric_plane_valid(const MetricPlane& p) {
    if (p.bit_depth < 8 || p.bit_depth > 16 || p.width < 0 || p.height < 0) return false;
    if (p.width == 0 || p.height == 0) return true;
    if (p.wide() && (reinterpret_cast<std::uintptr_t>(p.data) % 2 != 0 || p.pitch % 2 != 0))
        return false;
    return p.data != nullptr &&
           p.pitch >= static_cast<std::ptrdiff_t>(p.width) * (p.wide() ? 2 : 1);
}

/// True when reference and distorted planes can be compared: same size and depth, both valid.
inline bool metric_pair_valid(const MetricPlane& a, const MetricPlane& b) {
    return metric_plane_valid(a) && metric_plane_valid(b) && a.width == b.width &&
           a.height == b.height && a.bit_depth == b.bit_depth;
}

}  // namespace slate_gpu
