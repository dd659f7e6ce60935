// SPDX-License-Identifier: Apache-2.0
// The row kernels of VMAF's motion feature (motion.cpp drives them), exactly libvmaf's
// integer_motion: the 5-tap integer Gaussian run vertically (rounded to 1/256 of an 8-bit level)
// and then horizontally (rounded again), the blurred planes compared by their sum of absolute
// differences. Each kernel has a scalar reference (scalar_*), which the GPU port mirrors, and a
// SIMD version (motion_simd.cpp); all are integer-exact, so the two agree exactly.
#pragma once

#include <cstdint>

#include "slate_gpu/detail/motion_math.h"

namespace media::metrics::detail {

inline constexpr int kMotionRadius = 2;
inline constexpr uint16_t kMotionTaps[5] = {3571, 16004, 26386, 16004, 3571};

/// Row or column i of a plane n long as libvmaf's motion blur mirrors it: about the first sample
/// without repeating it, about the last one repeating it; planes shorter than the filter reflect
/// again.
inline int motion_mirror(int i, int n) {
    return slate_gpu::detail::motion_mirror(i, n);  // one definition for both paths
}

/// One blurred row: the five input rows around it (mirrored), samples of `bit_depth` bits.
template <typename T>
struct MotionRows {
    const T* rows[5] = {};
    int width = 0;
    int bit_depth = 8;
};

/// uint32_t a blur row needs as scratch for rows `width` wide.
inline int motion_scratch(int width) {
    return (width + 63) / 64 * 64 + 2 * 64;
}

/// Blurs one row into `out` (8-bit units: the 1/256 steps libvmaf keeps, as float).
void scalar_motion_blur_row(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out);
void scalar_motion_blur_row(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out);
void motion_blur_row(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out);
void motion_blur_row(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out);

/// Sum of |a - b| over n blurred values (exact: the values are multiples of 1/256 below 256).
double scalar_motion_sad_row(const float* a, const float* b, int n);
double motion_sad_row(const float* a, const float* b, int n);

}  // namespace media::metrics::detail
