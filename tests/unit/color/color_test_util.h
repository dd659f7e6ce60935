// SPDX-License-Identifier: Apache-2.0
// Shared by the colour tests: files, frames and the ASC CDL formula computed by hand.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "media/color/color_pipeline.h"
#include "media/frame/frame.h"

namespace media::color::test {

using Rgb = std::array<double, 3>;

inline void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good()) << path;
}

inline double clamp01(double v) {
    return std::clamp(v, 0.0, 1.0);
}

/// ASC CDL v1.2: clamp(in * slope + offset) ^ power, saturation around Rec.709 luma, clamp.
inline Rgb asc_cdl(const CdlValues& cdl, const Rgb& in) {
    Rgb sop{};
    for (size_t i = 0; i < 3; ++i)
        sop[i] = std::pow(clamp01(in[i] * cdl.slope[i] + cdl.offset[i]), cdl.power[i]);
    const double luma = 0.2126 * sop[0] + 0.7152 * sop[1] + 0.0722 * sop[2];
    Rgb out{};
    for (size_t i = 0; i < 3; ++i) out[i] = clamp01(luma + cdl.saturation * (sop[i] - luma));
    return out;
}

inline ColorStep cdl_step(const CdlValues& cdl, bool inverse = false) {
    ColorStep step;
    step.kind = ColorStep::Kind::Cdl;
    step.cdl = cdl;
    step.inverse = inverse;
    return step;
}

inline ColorStep lut_step(const std::string& path, const std::string& interpolation = "tetrahedral",
                          bool inverse = false) {
    ColorStep step;
    step.kind = ColorStep::Kind::Lut;
    step.path = path;
    step.interpolation = interpolation;
    step.inverse = inverse;
    return step;
}

inline Frame make_frame(PixelFormat format, int width, int height) {
    auto frame = Frame::allocate(FrameSpec{width, height, format, {}});
    EXPECT_TRUE(frame.ok());
    return frame.ok() ? *frame : Frame{};
}

}  // namespace media::color::test
