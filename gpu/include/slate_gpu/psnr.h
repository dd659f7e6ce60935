// SPDX-License-Identifier: Apache-2.0
#pragma once

// PSNR's per-plane sum of squared sample differences (libmedia: media::metrics::sum_squared_error),
// exact in integers; the host turns it into dB with psnr_db as the CPU path does.

#include <cstdint>

#include "slate_gpu/metric_plane.h"

namespace slate_gpu::ref {

/// Sum over the plane of (a - b)^2. Requires metric_pair_valid(a, b).
uint64_t sum_squared_error(const MetricPlane& a, const MetricPlane& b);

}  // namespace slate_gpu::ref
