// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace slate_gpu {

/// Signal range of integer code values (H.273 VideoFullRangeFlag).
enum class Range : uint8_t { Narrow, Full };

/// Which kind of component a plane holds: luma-like (Y, R, G, B, alpha: 0..1) or colour
/// difference (Cb, Cr: -0.5..0.5, centred on the mid code).
enum class Component : uint8_t { Luma, Chroma };

/// The linear map between the integer codes of a plane and normalised floats:
/// value = (min(code, max_code) - offset) / span, and back code = value * span + offset.
/// Codes above max_code only occur when a wider container holds garbage high bits.
struct Levels {
    float offset = 0.0f;
    float span = 1.0f;
    uint32_t max_code = 0;
};

/// Levels of one component at a bit depth (8..16) and range, per ITU-R BT.601/709/2020 and
/// H.273: narrow luma 16..235 and chroma 16..240 scaled by 2^(depth-8); full range 0..2^depth-1.
/// Returns span 0 for a depth outside 8..16.
Levels levels_for(int bit_depth, Range range, Component component);

}  // namespace slate_gpu
