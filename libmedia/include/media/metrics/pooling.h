// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>

namespace media::metrics {

/// Pooled statistics of one metric over frames.
struct PooledStats {
    int64_t count = 0;
    double min = 0;
    double max = 0;
    int64_t min_index = -1;  ///< position of the (first) minimum: the worst frame of a score
    double mean = 0;
    /// libvmaf's harmonic mean: 1 / mean(1 / (x + 1)) - 1 (defined for scores >= 0).
    double harmonic_mean = 0;
    /// Percentiles with linear interpolation between closest ranks (numpy's default).
    double p1 = 0;
    double p5 = 0;
};

/// Pools per-frame values. Infinite values (PSNR of identical frames is capped before this) are
/// pooled as they are; an empty span gives count 0 and zeros.
PooledStats pool(std::span<const double> values);

/// The q-th percentile (0..100) of values, linear interpolation between closest ranks.
double percentile(std::span<const double> values, double q);

}  // namespace media::metrics
