// SPDX-License-Identifier: Apache-2.0
// The hot loop of measure_flash: components of a sampled row -> display light, in SIMD (Highway,
// dispatched at run time) with the scalar reference beside it. Private to the analysis module.
#pragma once

#include <array>
#include <cstdint>

namespace media::analysis::detail {

/// Arrays given to the kernels hold `count` rounded up to a multiple of this: the kernels run
/// whole vectors, and lanes past `count` compute on whatever is there and are never read back.
inline constexpr int kLightBlock = 64;

/// One row's worth of work.
struct LightJob {
    /// Components per sample: codes (integer formats) or values already normalised (float
    /// formats); exactly one of the two is set. Y'CbCr when `yuv`, else R'G'B'.
    std::array<const uint16_t*, 3> codes{};
    std::array<const float*, 3> values{};
    /// Code -> normalised value per component: (code - offset) * scale.
    std::array<float, 3> offset{}, scale{1.0f, 1.0f, 1.0f};
    bool yuv = false;
    float cr_r = 0, cb_g = 0, cr_g = 0, cb_b = 0;  ///< see DisplayModel
    const float* eotf = nullptr;                   ///< kEotfTableSize entries
    std::array<float, 3> weights{};                ///< linear R, G, B -> luminance
    float red_saturation = 0.8f;
    float* luminance = nullptr;  ///< out, cd/m²
    float* red = nullptr;        ///< out, 1 for a saturated-red sample
    float* red_level = nullptr;  ///< out, R - G - B of a saturated-red sample, else 0
    int count = 0;
};

/// Runs the job with the best SIMD target of this CPU.
void light_simd(const LightJob& job);
/// The scalar reference (same results within float rounding; the parity test compares them).
void light_scalar(const LightJob& job);

}  // namespace media::analysis::detail
