// SPDX-License-Identifier: Apache-2.0
// Private: a burn-in colour in the code values of a frame's encoding.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "media/frame/frame.h"

namespace media::transcode::detail {

/// The frame's Y'CbCr matrix coefficients (untagged: what players assume for its size).
inline LumaCoefficients matrix_of(const FrameSpec& spec) {
    return luma_coefficients(assumed_matrix(spec.color.matrix, spec.height));
}

/// Straight RGBA (0..1) as the frame's code values: [Y, Cb, Cr, A] for YUV and gray, [R, G, B,
/// A] for RGB. Unspecified range is limited for YUV and full for RGB; float formats are 0..1.
/// Alpha is the maximum code: drawing makes a pixel opaque in proportion to its weight.
inline std::array<double, 4> encode(const std::array<double, 4>& rgba, const FrameSpec& spec) {
    const PixelFormatInfo& fi = info(spec.format);
    const bool is_float = fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32;
    const double max = is_float ? 1.0 : std::ldexp(1.0, fi.bit_depth) - 1.0;
    const double scale = std::ldexp(1.0, fi.bit_depth - 8);
    const bool full = is_float || spec.color.range == ColorRange::Full ||
                      (spec.color.range == ColorRange::Unspecified && fi.is_rgb);
    auto level = [&](double v) { return full ? v * max : (16.0 + 219.0 * v) * scale; };
    auto chroma = [&](double c) {
        return full ? c * max + std::ldexp(1.0, fi.bit_depth - 1) : (128.0 + 224.0 * c) * scale;
    };
    const double r = rgba[0], g = rgba[1], b = rgba[2];
    std::array<double, 4> out{};
    if (fi.is_rgb) {
        out = {level(r), level(g), level(b), max};
    } else {
        const LumaCoefficients m = matrix_of(spec);
        const double y = m.kr * r + (1.0 - m.kr - m.kb) * g + m.kb * b;
        out = {level(y), chroma((b - y) / (2.0 * (1.0 - m.kb))),
               chroma((r - y) / (2.0 * (1.0 - m.kr))), max};
    }
    for (double& v : out) v = std::clamp(v, 0.0, max);
    return out;
}

/// Which entry of encode()'s result component `component` of plane `plane` holds.
inline int channel_of(const PixelFormatInfo& fi, int plane, int component) {
    if (fi.is_packed) return component;
    if (fi.is_rgb) return std::array{1, 2, 0}[static_cast<size_t>(plane)];  // G, B, R planes
    return plane;                                                           // Y, Cb, Cr, A
}

}  // namespace media::transcode::detail
