// SPDX-License-Identifier: Apache-2.0
#pragma once

// VMAF's motion feature (libmedia: media::metrics::motion_blur / motion_score, libvmaf's
// integer_motion). The blurred reference is kept as integers in 1/256 of an 8-bit level (the CPU
// path's float value times 256, exactly), so the sum of absolute differences is an exact integer.

#include <cstdint>

#include "slate_gpu/metric_plane.h"
#include "slate_gpu/plane.h"

namespace slate_gpu {

/// motion(i) from the SAD of two consecutive blurred planes, finished as the CPU path does
/// (libvmaf divides in float).
double motion_from_sad(uint64_t sad, int width, int height);

namespace ref {

/// Blurs a reference luma plane into `out` (same size).
void motion_blur(const MetricPlane& ref, const Plane<uint16_t>& out);
/// Sum of |a - b| over two blurred planes of the same size.
uint64_t motion_sad(const Plane<const uint16_t>& a, const Plane<const uint16_t>& b);

}  // namespace ref
}  // namespace slate_gpu
