// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "media/metrics/sample_plane.h"

namespace media::metrics {

/// A reference luma plane blurred by VMAF's 5-tap motion filter, in 8-bit units; kept from one
/// frame to the next (motion looks at the reference only).
struct MotionBlur {
    std::vector<float> pixels;  ///< width * height, row after row
    int width = 0;
    int height = 0;
};

/// Blurs one reference luma plane (the part of motion that can run per frame, in parallel).
MotionBlur motion_blur(const SamplePlane& ref);

/// motion(i): the mean absolute difference of two consecutive blurred planes (same size).
double motion_score(const MotionBlur& current, const MotionBlur& previous);

/// motion2 from the per-frame motion values: min(motion(i), motion(i+1)), the last frame
/// keeping its own, motion(0) = 0 — as libvmaf's integer_motion2.
std::vector<double> motion2_from_motion(const std::vector<double>& motion);

}  // namespace media::metrics
