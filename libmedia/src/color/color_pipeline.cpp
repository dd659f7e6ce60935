// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_pipeline.h"

#include <cmath>

#include <fmt/format.h>

namespace media::color {
namespace {

// Bounds beyond anything a grade uses: they catch typos and hostile files, not taste.
struct Bounds {
    double low;
    double high;
    bool low_open;  // power must be strictly positive
};
constexpr Bounds kSlope{0.0, 100.0, false};
constexpr Bounds kOffset{-10.0, 10.0, false};
constexpr Bounds kPower{0.0, 100.0, true};
constexpr Bounds kSaturation{0.0, 100.0, false};

bool within(double value, const Bounds& bounds) {
    if (!std::isfinite(value) || value > bounds.high) return false;
    return bounds.low_open ? value > bounds.low : value >= bounds.low;
}

Result<void> check_triple(const char* name, const std::array<double, 3>& values,
                          const Bounds& bounds) {
    for (double value : values) {
        if (within(value, bounds)) continue;
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("CDL {} {} is outside {}{}..{}", name, value,
                                 bounds.low_open ? "over " : "", bounds.low, bounds.high));
    }
    return ok();
}

}  // namespace

bool CdlValues::is_identity() const {
    return slope == std::array{1.0, 1.0, 1.0} && offset == std::array{0.0, 0.0, 0.0} &&
           power == std::array{1.0, 1.0, 1.0} && saturation == 1.0;
}

Result<void> check_cdl(const CdlValues& cdl) {
    MEDIA_TRY(check_triple("slope", cdl.slope, kSlope));
    MEDIA_TRY(check_triple("offset", cdl.offset, kOffset));
    MEDIA_TRY(check_triple("power", cdl.power, kPower));
    if (!within(cdl.saturation, kSaturation))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("CDL saturation {} is outside {}..{}", cdl.saturation,
                                 kSaturation.low, kSaturation.high));
    return ok();
}

}  // namespace media::color
