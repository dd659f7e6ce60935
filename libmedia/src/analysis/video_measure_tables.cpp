// SPDX-License-Identifier: Apache-2.0
#include "video_measure_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "media/frame/half.h"
#include "slate_gpu/detail/frame_stats_math.h"
#include "slate_gpu/frame_stats.h"

namespace media::analysis::detail {

namespace {

// ST 2084: L = 10000 * (max(E^(1/m2) - c1, 0) / (c2 - c3 E^(1/m2)))^(1/m1).
double pq_eotf_nits(double code) {
    constexpr double m1 = 2610.0 / 16384.0;
    constexpr double m2 = 2523.0 / 4096.0 * 128.0;
    constexpr double c1 = 3424.0 / 4096.0;
    constexpr double c2 = 2413.0 / 4096.0 * 32.0;
    constexpr double c3 = 2392.0 / 4096.0 * 32.0;
    const double p = std::pow(std::clamp(code, 0.0, 1.0), 1.0 / m2);
    return 10000.0 * std::pow(std::max(p - c1, 0.0) / (c2 - c3 * p), 1.0 / m1);
}

std::vector<float> build_pq_table() {
    std::vector<float> table(kPqTableSize);
    for (int i = 0; i < kPqTableSize; ++i)
        table[i] = static_cast<float>(pq_eotf_nits(static_cast<double>(i) / (kPqTableSize - 1)));
    return table;
}

std::vector<float> build_half_table() {
    std::vector<float> table(65536);
    for (int i = 0; i < 65536; ++i) table[i] = half_to_float(static_cast<uint16_t>(i));
    return table;
}

}  // namespace

// The hue tables and the arctangent are the GPU statistics kernel's (slate_gpu/frame_stats.h):
// one definition for both paths.
std::span<const uint16_t> hue_table(int bit_depth) {
    const slate_gpu::HueTables tables = slate_gpu::host_hue_tables(bit_depth);
    return {tables.pairs, size_t{1} << (2 * bit_depth)};
}

int fine_hue(int dcb, int dcr) {
    static const double* const atan_degrees = slate_gpu::host_hue_tables(16).atan;
    return static_cast<int>(slate_gpu::detail::fine_hue(dcb, dcr, atan_degrees));
}

std::span<const float> pq_nits_table() {
    static const std::vector<float> table = build_pq_table();
    return table;
}

std::span<const float> half_table() {
    static const std::vector<float> table = build_half_table();
    return table;
}

}  // namespace media::analysis::detail
