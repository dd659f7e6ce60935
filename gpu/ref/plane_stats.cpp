// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/plane_stats.h"

#include <algorithm>

namespace slate_gpu::ref {

bool plane_stats(const PlaneStatsArgs& args) {
    if (!args_valid(args)) return false;
    if (args.src.width == 0 || args.src.height == 0) {
        *args.result = PlaneStats{};
        return true;
    }
    PlaneStats stats{UINT64_MAX, 0, 0, 0};
    for (int y = 0; y < args.src.height; ++y) {
        const uint16_t* in = row(args.src, y);
        for (int x = 0; x < args.src.width; ++x) {
            const uint64_t v = in[x];
            stats.min = std::min(stats.min, v);
            stats.max = std::max(stats.max, v);
            stats.sum += v;
            stats.sum_squares += v * v;
        }
    }
    *args.result = stats;
    return true;
}

}  // namespace slate_gpu::ref
