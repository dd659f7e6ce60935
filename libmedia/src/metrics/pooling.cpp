// SPDX-License-Identifier: Apache-2.0
// Pooled statistics over frames as libvmaf's vmaf_feature_score_pooled() defines them (running
// sums in frame order; harmonic mean n / sum(1 / (x + 1)) - 1), plus percentiles by linear
// interpolation between closest ranks.
#include "media/metrics/pooling.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace media::metrics {
namespace {

double sorted_percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0.0;
    const double rank = std::clamp(q, 0.0, 100.0) / 100.0 * static_cast<double>(sorted.size() - 1);
    const auto low = static_cast<size_t>(std::floor(rank));
    const auto high = static_cast<size_t>(std::ceil(rank));
    if (low == high) return sorted[low];
    return sorted[low] * (static_cast<double>(high) - rank) +
           sorted[high] * (rank - static_cast<double>(low));
}

std::vector<double> sorted_copy(std::span<const double> values) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

}  // namespace

PooledStats pool(std::span<const double> values) {
    PooledStats stats;
    if (values.empty()) return stats;
    double sum = 0.0, inverse_sum = 0.0;
    stats.min = stats.max = values[0];
    stats.min_index = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const double x = values[i];
        sum += x;
        inverse_sum += 1.0 / (x + 1.0);
        if (x < stats.min) {
            stats.min = x;
            stats.min_index = static_cast<int64_t>(i);
        }
        stats.max = std::max(stats.max, x);
    }
    const auto n = static_cast<double>(values.size());
    stats.count = static_cast<int64_t>(values.size());
    stats.mean = sum / n;
    stats.harmonic_mean = n / inverse_sum - 1.0;
    const std::vector<double> sorted = sorted_copy(values);
    stats.p1 = sorted_percentile(sorted, 1.0);
    stats.p5 = sorted_percentile(sorted, 5.0);
    return stats;
}

double percentile(std::span<const double> values, double q) {
    return sorted_percentile(sorted_copy(values), q);
}

}  // namespace media::metrics
