// SPDX-License-Identifier: Apache-2.0
// VMAF's motion feature as libvmaf's integer_motion computes it (motion_kernels.h), and the scalar
// references of its row kernels (SIMD versions in motion_simd.cpp).
#include "media/metrics/motion.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "motion_kernels.h"

namespace media::metrics {
namespace detail {
namespace {

template <typename T>
void scalar_blur(const MotionRows<T>& rows, uint32_t* scratch, float* out) {
    uint32_t* t = scratch + 64;
    const uint32_t round = 1u << (rows.bit_depth - 1);
    for (int j = 0; j < rows.width; ++j) {
        uint32_t sum = 0;
        for (int k = 0; k < 5; ++k) sum += uint32_t{kMotionTaps[k]} * rows.rows[k][j];
        t[j] = static_cast<uint32_t>((uint64_t{sum} + round) >> rows.bit_depth);
    }
    for (int j = 0; j < rows.width; ++j) {
        uint32_t sum = 0;
        for (int k = 0; k < 5; ++k)
            sum += uint32_t{kMotionTaps[k]} * t[motion_mirror(j - kMotionRadius + k, rows.width)];
        const auto value = static_cast<uint32_t>((uint64_t{sum} + 32768) >> 16);
        out[j] = static_cast<float>(value) / 256.0f;
    }
}

}  // namespace

void scalar_motion_blur_row(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out) {
    scalar_blur(rows, scratch, out);
}
void scalar_motion_blur_row(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out) {
    scalar_blur(rows, scratch, out);
}

double scalar_motion_sad_row(const float* a, const float* b, int n) {
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += std::fabs(static_cast<double>(a[i]) - b[i]);
    return sum;
}

namespace {

template <typename T>
const T* sample_row(const SamplePlane& p, int y) {
    if constexpr (sizeof(T) == 1)
        return p.row8(y);
    else
        return p.row16(y);
}

template <typename T>
void blur_plane(const SamplePlane& ref, MotionBlur& blur) {
    thread_local std::vector<uint32_t> scratch;
    if (scratch.size() < static_cast<size_t>(motion_scratch(ref.width)))
        scratch.resize(static_cast<size_t>(motion_scratch(ref.width)));
    MotionRows<T> rows;
    rows.width = ref.width;
    rows.bit_depth = ref.bit_depth;
    for (int y = 0; y < ref.height; ++y) {
        for (int k = 0; k < 5; ++k)
            rows.rows[k] = sample_row<T>(ref, motion_mirror(y - kMotionRadius + k, ref.height));
        motion_blur_row(rows, scratch.data(),
                        blur.pixels.data() + static_cast<size_t>(y) * ref.width);
    }
}

}  // namespace
}  // namespace detail

MotionBlur motion_blur(const SamplePlane& ref) {
    assert(ref.bit_depth >= 8 && ref.bit_depth <= 16);
    MotionBlur blur;
    blur.width = std::max(ref.width, 0);
    blur.height = std::max(ref.height, 0);
    blur.pixels.resize(static_cast<size_t>(blur.width) * blur.height);
    if (blur.pixels.empty()) return blur;
    if (ref.wide())
        detail::blur_plane<uint16_t>(ref, blur);
    else
        detail::blur_plane<uint8_t>(ref, blur);
    return blur;
}

double motion_score(const MotionBlur& current, const MotionBlur& previous) {
    assert(current.width == previous.width && current.height == previous.height);
    if (current.pixels.empty()) return 0.0;
    double sad = 0;
    for (int y = 0; y < current.height; ++y) {
        const size_t offset = static_cast<size_t>(y) * current.width;
        sad += detail::motion_sad_row(current.pixels.data() + offset,
                                      previous.pixels.data() + offset, current.width);
    }
    // libvmaf divides in float: (float)(sad / 256.) / (w * h).
    const auto pixels =
        static_cast<unsigned>(current.width) * static_cast<unsigned>(current.height);
    return static_cast<double>(static_cast<float>(sad) / static_cast<float>(pixels));
}

std::vector<double> motion2_from_motion(const std::vector<double>& motion) {
    const size_t n = motion.size();
    std::vector<double> motion2(n, 0.0);
    // libvmaf reports frame i once frame i + 1 is in: min of the two; the first frame is 0 and the
    // last keeps its own (reported at flush).
    for (size_t i = 1; i + 1 < n; ++i) motion2[i] = std::min(motion[i], motion[i + 1]);
    if (n >= 2) motion2[n - 1] = motion[n - 1];
    return motion2;
}

}  // namespace media::metrics
