// SPDX-License-Identifier: Apache-2.0
#pragma once

// Per-sample maths of frame_stats, shared by the scalar reference (gpu/ref/frame_stats.cpp) and
// the CUDA kernel (gpu/cuda/frame_stats.cu): each function is libmedia's definition
// (libmedia/src/analysis/video_measure_*.cpp) for one sample or pixel. C++17, no standard
// library call that has no device version.

#include <math.h>

#include <cstdint>

#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/frame_stats.h"
#include "slate_gpu/plane.h"

namespace slate_gpu::detail {

/// A code as the histograms count it: stray bits above the depth clamp to the maximum.
SLATE_GPU_HD inline uint32_t stats_code(uint32_t raw, uint32_t max_code) {
    return raw < max_code ? raw : max_code;
}

SLATE_GPU_HD inline uint32_t abs_diff(uint32_t a, uint32_t b) {
    return a > b ? a - b : b - a;
}

SLATE_GPU_HD inline int abs_int(int v) {
    return v < 0 ? -v : v;
}

// Double arithmetic rounded once per operation on both sides: rounded_ops.h.

/// signalstats' saturation: floor(sqrt((Cb - mid)^2 + (Cr - mid)^2)), codes above the depth's
/// maximum (stray high bits) taken as the maximum, as libmedia does. The square root is IEEE
/// double on both sides (correctly rounded, so its floor is the integer square root below 2^52).
SLATE_GPU_HD inline uint32_t saturation(uint32_t cb, uint32_t cr, int bit_depth) {
    const uint32_t top = (1u << bit_depth) - 1u;
    cb = stats_code(cb, top);
    cr = stats_code(cr, top);
    const int64_t mid = int64_t{1} << (bit_depth - 1);
    const int64_t u = static_cast<int64_t>(cb) - mid, v = static_cast<int64_t>(cr) - mid;
    return static_cast<uint32_t>(::sqrt(static_cast<double>(u * u + v * v)));
}

/// libmedia's fine_hue: signalstats' hue (whole degrees 0..359) of a chroma pair deeper than 10
/// bits, from the arctangent table (kHueAtanEntries degrees) with linear interpolation.
SLATE_GPU_HD inline uint32_t fine_hue(int dcb, int dcr, const double* atan_deg) {
    const int a = abs_int(dcr), b = abs_int(dcb);
    double degrees = 0.0;
    if (a != 0 || b != 0) {
        const int lo = a < b ? a : b, hi = a < b ? b : a;
        const double t = mul_rn(div_rn(static_cast<double>(lo), static_cast<double>(hi)),
                                static_cast<double>(kHueAtanSteps));
        const int i = static_cast<int>(t);
        degrees = add_rn(atan_deg[i], mul_rn(sub_rn(t, static_cast<double>(i)),
                                             sub_rn(atan_deg[i + 1], atan_deg[i])));
        if (b > a) degrees = sub_rn(90.0, degrees);
    }
    if (dcr < 0) degrees = sub_rn(180.0, degrees);
    if (dcb < 0) degrees = -degrees;
    const int hue = static_cast<int>(::floor(add_rn(degrees, 180.0)));
    return static_cast<uint32_t>(hue >= 360 ? hue - 360 : hue);
}

/// signalstats' hue of one chroma pair (codes clamped to the depth); the tables must hold what
/// the depth needs (see HueTables).
SLATE_GPU_HD inline uint32_t hue(uint32_t cb, uint32_t cr, int bit_depth, const HueTables& tables) {
    const uint32_t top = (1u << bit_depth) - 1u;
    const uint32_t u = stats_code(cb, top), v = stats_code(cr, top);
    if (bit_depth <= 10) return tables.pairs[(u << bit_depth) | v];
    const int mid = 1 << (bit_depth - 1);
    return fine_hue(static_cast<int>(u) - mid, static_cast<int>(v) - mid, tables.atan);
}

/// Whether the tables needed for this depth's hue are there.
SLATE_GPU_HD inline bool has_hue(const HueTables& tables, int bit_depth) {
    return bit_depth <= 10 ? tables.pairs != nullptr : tables.atan != nullptr;
}

/// signalstats' BRNG test of one pixel (raw codes): Y' outside 16..235 or Cb/Cr outside 16..240,
/// scaled to the depth, in narrow and full range alike.
SLATE_GPU_HD inline bool out_of_broadcast(uint32_t luma, uint32_t cb, uint32_t cr, int bit_depth) {
    const int s = bit_depth - 8;
    const uint32_t low = 16u << s, luma_high = 235u << s, chroma_high = 240u << s;
    return luma < low || luma > luma_high || cb < low || cb > chroma_high || cr < low ||
           cr > chroma_high;
}

/// TOUT's threshold at a depth (4 for 8 bits, scaled).
SLATE_GPU_HD inline int tout_threshold(int bit_depth) {
    return 4 << (bit_depth - 8);
}

/// signalstats' outlier test of a centre sample against two vertical neighbours.
SLATE_GPU_HD inline bool tout_test(int above, int centre, int below, int threshold) {
    return (abs_int(above - centre) + abs_int(below - centre)) / 2 - abs_int(below - above) >
           threshold;
}

/// Whether column x of row y (1 <= y < height - 1) passes TOUT's test at distance 1 and, where
/// the picture has those rows, at distance 2.
template <typename T>
SLATE_GPU_HD inline bool tout_column(const Plane<const T>& p, int x, int y, int threshold) {
    const int centre = row(p, y)[x];
    if (!tout_test(row(p, y - 1)[x], centre, row(p, y + 1)[x], threshold)) return false;
    if (y < 2 || y + 2 >= p.height) return true;
    return tout_test(row(p, y - 2)[x], centre, row(p, y + 2)[x], threshold);
}

/// Whether luma pixel (x, y) is a TOUT outlier: it and its left and right neighbours pass the
/// test (pixels on the picture's border never are).
template <typename T>
SLATE_GPU_HD inline bool tout_pixel(const Plane<const T>& p, int x, int y, int threshold) {
    if (y < 1 || y + 1 >= p.height || x < 1 || x + 1 >= p.width) return false;
    return tout_column(p, x - 1, y, threshold) && tout_column(p, x, y, threshold) &&
           tout_column(p, x + 1, y, threshold);
}

/// The running count signalstats' p-th percentile must reach: lrint(samples * p / 100.), round
/// half to even.
SLATE_GPU_HD inline int64_t percentile_target(uint64_t samples, int percent) {
    const auto scaled = static_cast<int64_t>(samples) * percent;
    return static_cast<int64_t>(::llrint(static_cast<double>(scaled) / 100.0));
}

/// Per-sample counts of one luma code against the thresholds (clamped code).
SLATE_GPU_HD inline void luma_threshold_counts(uint32_t code, const StatsThresholds& t,
                                               uint64_t& black, uint64_t& below, uint64_t& above) {
    const auto c = static_cast<int32_t>(code);
    black += c <= t.black_at_or_below;
    below += c < t.luma_below;
    above += c > t.luma_above;
}

SLATE_GPU_HD inline void chroma_threshold_counts(uint32_t code, const StatsThresholds& t,
                                                 uint64_t& below, uint64_t& above) {
    const auto c = static_cast<int32_t>(code);
    below += c < t.chroma_below;
    above += c > t.chroma_above;
}

/// Whether a pixel's Y' (raw code) leaves the R'G'B' gamut its Cb and Cr (raw codes) allow:
/// libmedia's scalar_chroma_limits and count_outside for one pixel. The products are taken in 64
/// bits (libmedia's 32 bits suffice for codes within the depth; stray high bits overflow them).
SLATE_GPU_HD inline bool outside_gamut(uint32_t luma, uint32_t cb, uint32_t cr,
                                       const GamutLimits& g) {
    const auto top = static_cast<uint32_t>(g.max_code);  // stray high bits count as the maximum
    const int64_t u = static_cast<int64_t>(stats_code(cb, top)) - g.mid;
    const int64_t v = static_cast<int64_t>(stats_code(cr, top)) - g.mid;
    const int64_t red = g.cr_to_red * v, blue = g.cb_to_blue * u;
    const int64_t green = g.cb_to_green * u + g.cr_to_green * v;
    const int64_t lowest = red < green ? (red < blue ? red : blue) : (green < blue ? green : blue);
    const int64_t highest = red > green ? (red > blue ? red : blue) : (green > blue ? green : blue);
    const int64_t round_up = (int64_t{1} << g.shift) - 1;
    int64_t low = (g.gamut_low - lowest + round_up) >> g.shift;
    int64_t high = (g.gamut_high - highest) >> g.shift;
    low = low > 0 ? low : 0;
    high = high < g.max_code ? high : g.max_code;
    if (low > high) {  // no Y' keeps this chroma inside: every pixel is out
        low = g.max_code;
        high = g.max_code - 1;
    }
    const auto y = static_cast<int64_t>(luma);
    return y < low || y > high;
}

/// Blockiness steps at luma pixel (x, y), raw codes: the horizontal step from (x - 1, y) and the
/// vertical one from (x, y - 1) go to `all`, those across 8x8 block edges (x or y a multiple of
/// 8) to `edge` as well.
template <typename T>
SLATE_GPU_HD inline void block_steps(const Plane<const T>& p, int x, int y, uint64_t& edge,
                                     uint64_t& all) {
    const T* r = row(p, y);
    const uint32_t centre = r[x];
    if (x >= 1) {
        const uint32_t step = abs_diff(centre, r[x - 1]);
        all += step;
        if (x % 8 == 0) edge += step;
    }
    if (y >= 1) {
        const uint32_t rise = abs_diff(centre, row(p, y - 1)[x]);
        all += rise;
        if (y % 8 == 0) edge += rise;
    }
}

/// VREP compares a row with the one this many above (two above in the same field).
inline constexpr int kRepeatDistance = 4;

}  // namespace slate_gpu::detail
