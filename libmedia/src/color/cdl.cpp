// SPDX-License-Identifier: Apache-2.0
// ASC CDL v1.2 on one RGB triple, with the ASC's clamps (OpenColorIO's CDL_ASC style).
#include "media/color/cdl.h"

#include <algorithm>
#include <cmath>

namespace media::color {
namespace {

// Rec.709 luma weights, as the ASC CDL specifies for saturation.
constexpr Vec3 kLuma{0.2126, 0.7152, 0.0722};

// Clamp to 0..1 with NaN -> 0 (std::clamp would pass NaN through).
double clamp01(double v) {
    return v > 0.0 ? (v < 1.0 ? v : 1.0) : 0.0;
}

Vec3 saturate(const Vec3& rgb, double saturation) {
    const double luma = kLuma[0] * rgb[0] + kLuma[1] * rgb[1] + kLuma[2] * rgb[2];
    Vec3 out{};
    for (size_t i = 0; i < 3; ++i) out[i] = luma + saturation * (rgb[i] - luma);
    return out;
}

// The inverse divides by slope, power and saturation: zero (or tiny) values would blow up, so
// they are floored at 0.01 as OpenColorIO does.
double reciprocal(double v) {
    return 1.0 / std::max(v, 1e-2);
}

}  // namespace

Vec3 apply_cdl(const CdlValues& cdl, const Vec3& rgb) {
    Vec3 sop{};
    for (size_t i = 0; i < 3; ++i)
        sop[i] = std::pow(clamp01(rgb[i] * cdl.slope[i] + cdl.offset[i]), cdl.power[i]);
    Vec3 out = saturate(sop, cdl.saturation);
    for (double& v : out) v = clamp01(v);
    return out;
}

Vec3 apply_cdl_inverse(const CdlValues& cdl, const Vec3& rgb) {
    Vec3 in{};
    for (size_t i = 0; i < 3; ++i) in[i] = clamp01(rgb[i]);
    // Saturation keeps luma (the weights sum to 1), so 1/sat around the same luma undoes it.
    Vec3 out = saturate(in, reciprocal(cdl.saturation));
    for (size_t i = 0; i < 3; ++i) {
        const double unpowered = std::pow(clamp01(out[i]), reciprocal(cdl.power[i]));
        out[i] = clamp01((unpowered - cdl.offset[i]) * reciprocal(cdl.slope[i]));
    }
    return out;
}

}  // namespace media::color
