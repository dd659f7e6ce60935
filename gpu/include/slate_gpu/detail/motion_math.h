// SPDX-License-Identifier: Apache-2.0
#pragma once

// The per-sample maths of VMAF's motion feature (libvmaf's integer_motion, libmedia's
// motion_kernels.h), shared by the scalar reference (gpu/ref/motion.cpp) and the CUDA kernels
// (gpu/cuda/motion.cu): the 5-tap integer Gaussian, run vertically (rounded to 1/256 of an 8-bit
// level) then horizontally (rounded again), with libvmaf's mirroring at the plane edges. All
// integer: both sides give the same values.

#include <cstdint>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu::detail {

constexpr int kMotionRadius = 2;
constexpr int kMotionTaps = 5;

/// Tap k of the filter (3571, 16004, 26386, 16004, 3571; they sum to 65536).
SLATE_GPU_HD constexpr uint32_t motion_tap(int k) {
    return k == 0 || k == 4 ? 3571u : k == 1 || k == 3 ? 16004u : 26386u;
}

/// Row or column i of a plane n long as libvmaf's motion blur mirrors it (i = -1 reads 1,
/// i = n reads n - 2); planes shorter than the filter reflect again; n <= 1 reads 0.
SLATE_GPU_HD inline int motion_mirror(int i, int n) {
    if (n <= 1) return 0;
    for (;;) {
        if (i < 0)
            i = -i;
        else if (i >= n)
            i = 2 * n - 2 - i;
        else
            return i;
    }
}

/// The vertical pass at one sample: five input samples (rows y-2..y+2, mirrored) of `bit_depth`
/// bits to 1/256 of an 8-bit level (below 65536). The sum fits 32 bits (65535 * 65536); the
/// rounding is added in 64 bits as libvmaf does.
SLATE_GPU_HD inline uint32_t motion_vertical(uint32_t s0, uint32_t s1, uint32_t s2, uint32_t s3,
                                             uint32_t s4, int bit_depth) {
    const uint32_t sum = motion_tap(0) * s0 + motion_tap(1) * s1 + motion_tap(2) * s2 +
                         motion_tap(3) * s3 + motion_tap(4) * s4;
    const uint64_t round = uint64_t{1} << (bit_depth - 1);
    return static_cast<uint32_t>((uint64_t{sum} + round) >> bit_depth);
}

/// The horizontal pass at one sample: five vertical results (columns x-2..x+2, mirrored) to the
/// blurred value in 1/256 of an 8-bit level (the CPU path's float value times 256).
SLATE_GPU_HD inline uint16_t motion_horizontal(uint32_t t0, uint32_t t1, uint32_t t2, uint32_t t3,
                                               uint32_t t4) {
    const uint32_t sum = motion_tap(0) * t0 + motion_tap(1) * t1 + motion_tap(2) * t2 +
                         motion_tap(3) * t3 + motion_tap(4) * t4;
    return static_cast<uint16_t>((uint64_t{sum} + 32768u) >> 16);
}

/// |a - b| of two blurred values.
SLATE_GPU_HD inline uint32_t motion_abs_diff(uint16_t a, uint16_t b) {
    return a > b ? uint32_t{a} - uint32_t{b} : uint32_t{b} - uint32_t{a};
}

}  // namespace slate_gpu::detail
