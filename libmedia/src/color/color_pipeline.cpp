// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_pipeline.h"

#include <cmath>
#include <filesystem>

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

void ColorPipelineDesc::append(const ColorPipelineDesc& more) {
    steps.insert(steps.end(), more.steps.begin(), more.steps.end());
}

namespace {

std::string describe_step(const ColorStep& step) {
    if (!step.label.empty()) return step.label;
    const char* inverse = step.inverse ? " (inverse)" : "";
    switch (step.kind) {
        case ColorStep::Kind::Lut:
            return fmt::format(
                "LUT {} ({}){}", std::filesystem::path(step.path).filename().string(),
                step.interpolation.empty() ? "tetrahedral" : step.interpolation, inverse);
        case ColorStep::Kind::Cdl:
            return fmt::format("CDL{} slope {} {} {} offset {} {} {} power {} {} {} sat {}",
                               step.cdl.id.empty() ? "" : " " + step.cdl.id, step.cdl.slope[0],
                               step.cdl.slope[1], step.cdl.slope[2], step.cdl.offset[0],
                               step.cdl.offset[1], step.cdl.offset[2], step.cdl.power[0],
                               step.cdl.power[1], step.cdl.power[2], step.cdl.saturation);
        case ColorStep::Kind::ToLinear:
            return fmt::format("{} -> linear{}", info(step.transfer).title, inverse);
        case ColorStep::Kind::FromLinear:
            return fmt::format("linear -> {}{}", info(step.transfer).title, inverse);
        case ColorStep::Kind::Matrix:
            return fmt::format("matrix{}", inverse);
        case ColorStep::Kind::ToneMap:
            return fmt::format("BT.2390 tone map {} -> {} cd/m2", step.tone_map.source_peak_nits,
                               step.tone_map.target_peak_nits);
        case ColorStep::Kind::HlgOotf:
            return fmt::format("HLG OOTF {} cd/m2{}", step.hlg_peak_nits, inverse);
        case ColorStep::Kind::Ocio: {
            const OcioTransform& t = step.ocio;
            std::string out = t.display.empty()
                                  ? fmt::format("OCIO {} -> {}", t.src, t.dst)
                                  : fmt::format("OCIO {} -> {} / {}", t.src, t.display, t.view);
            if (!t.looks.empty()) out += fmt::format(" (looks {})", t.looks);
            return out + inverse;
        }
    }
    return "?";
}

}  // namespace

std::string describe(const ColorPipelineDesc& desc) {
    std::string out;
    for (const ColorStep& step : desc.steps) out += (out.empty() ? "" : "\n") + describe_step(step);
    return out;
}

}  // namespace media::color
