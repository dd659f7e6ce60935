// SPDX-License-Identifier: Apache-2.0
#include "video_measure_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <vector>

#include "media/frame/half.h"

namespace media::analysis::detail {

namespace {

std::vector<uint16_t> build_hue_table(int bit_depth) {
    const int size = 1 << bit_depth;
    const int mid = size / 2;
    std::vector<uint16_t> table(static_cast<size_t>(size) * size);
    for (int cb = 0; cb < size; ++cb) {
        for (int cr = 0; cr < size; ++cr) {
            // Same operations and precision as signalstats: atan2f, the degrees in double,
            // rounded to float before floorf (which moves a few values across a whole degree).
            const float angle =
                std::atan2(static_cast<float>(cb - mid), static_cast<float>(cr - mid));
            const auto degrees = static_cast<float>((180.0 / std::numbers::pi) * angle + 180.0);
            const float hue = std::floor(degrees);
            table[static_cast<size_t>(cb) * size + cr] =
                hue >= 360.0f ? 0 : static_cast<uint16_t>(hue);
        }
    }
    return table;
}

constexpr int kAtanSteps = 1024;

// atan(t) in degrees for t = i / kAtanSteps, plus one entry past the end for interpolation.
std::vector<double> build_atan_table() {
    std::vector<double> table(kAtanSteps + 2);
    for (int i = 0; i <= kAtanSteps + 1; ++i)
        table[i] = std::atan(static_cast<double>(i) / kAtanSteps) * (180.0 / std::numbers::pi);
    return table;
}

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

std::span<const uint16_t> hue_table(int bit_depth) {
    static const std::vector<uint16_t> hue8 = build_hue_table(8);
    if (bit_depth == 8) return hue8;
    static const std::vector<uint16_t> hue10 = build_hue_table(10);
    return hue10;
}

int fine_hue(int dcb, int dcr) {
    static const std::vector<double> atan_deg = build_atan_table();
    const int a = std::abs(dcr), b = std::abs(dcb);
    double degrees = 0.0;  // atan2(dcb, dcr) folded into the first octant, then unfolded
    if (a != 0 || b != 0) {
        const double t = static_cast<double>(std::min(a, b)) / std::max(a, b) * kAtanSteps;
        const int i = static_cast<int>(t);
        degrees = atan_deg[i] + (t - i) * (atan_deg[i + 1] - atan_deg[i]);
        if (b > a) degrees = 90.0 - degrees;
    }
    if (dcr < 0) degrees = 180.0 - degrees;
    if (dcb < 0) degrees = -degrees;
    const int hue = static_cast<int>(std::floor(degrees + 180.0));
    return hue >= 360 ? hue - 360 : hue;
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
