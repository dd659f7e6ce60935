// SPDX-License-Identifier: Apache-2.0
#pragma once

// The per-point maths of VMAF's VIF, shared by the scalar reference (gpu/ref/vif.cpp) and the CUDA
// kernels (gpu/cuda/vif.cu). It mirrors the scalar references of libmedia
// (libmedia/src/metrics/vif.cpp, scalar_*; vif_kernels.h says how they follow libvmaf's
// integer_vif) operation for operation:
// - scales 0 and 1 in float on samples centred at 128 (8-bit units), the vertical means rounded to
//   1/256 of a level and that rounding carried into the second moments;
// - the decimation between scales in integers (exact);
// - scales 2 and 3 in double on integer values (1/256 of an 8-bit level), reproducing libvmaf's
//   integer sums exactly; only the products rounded to 2^-32 may round (as on the CPU).
// Every float/double operation is spelled out with the rounded helpers so that nvcc contracts
// nothing into an FMA: the device computes the same per-pixel values as the host, and only the
// order of the double sums over a frame and CUDA's log2 (1 ulp) differ.

#include <cstdint>

#if !defined(__CUDA_ARCH__)
#include <cmath>
#endif

#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu::detail {

inline constexpr int kVifPlaneCount = 5;  ///< ref, dist, ref^2, dist^2, ref*dist
inline constexpr float kVifCentreF = 128.0f;

/// Filter radius of scale s (widths 17, 9, 5, 3).
SLATE_GPU_HD constexpr int vif_radius(int s) {
    return s == 0 ? 8 : s == 1 ? 4 : s == 2 ? 2 : 1;
}

/// libvmaf's integer Gaussian taps per scale, each set summing to 65536.
inline constexpr uint16_t kVifTapTable[4][17] = {
    {489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935,
     489},
    {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244},
    {3571, 16004, 26386, 16004, 3571},
    {10904, 43728, 10904},
};

/// Tap k (0 .. 2 * radius) of scale s. The kernels call it with compile-time arguments only
/// (unrolled loops), so on the device it folds to a constant (a namespace-scope array cannot be
/// read there); the host reads the table.
SLATE_GPU_HD constexpr uint32_t vif_tap(int s, int k) {
#if defined(__CUDA_ARCH__)
    const uint16_t t0[17] = {489,  935,  1640, 2640, 3896, 5274, 6547, 7455, 7784,
                             7455, 6547, 5274, 3896, 2640, 1640, 935,  489};
    const uint16_t t1[9] = {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244};
    const uint16_t t2[5] = {3571, 16004, 26386, 16004, 3571};
    const uint16_t t3[3] = {10904, 43728, 10904};
    return s == 0 ? t0[k] : s == 1 ? t1[k] : s == 2 ? t2[k] : t3[k];
#else
    return kVifTapTable[s][k];
#endif
}

/// The tap as the CPU's filters hold it: float taps / 65536 at scales 0 and 1 (exact), the
/// integers as doubles at scales 2 and 3.
template <typename F>
SLATE_GPU_HD constexpr F vif_tap_value(int s, int k);
template <>
SLATE_GPU_HD constexpr float vif_tap_value<float>(int s, int k) {
    return static_cast<float>(vif_tap(s, k)) / 65536.0f;
}
template <>
SLATE_GPU_HD constexpr double vif_tap_value<double>(int s, int k) {
    return static_cast<double>(vif_tap(s, k));
}

/// Index of row or column i of a plane n long, mirrored about the edges without repeating them
/// (libvmaf's VIF padding); planes shorter than the filter reflect again.
SLATE_GPU_HD inline int vif_mirror(int i, int n) {
    if (n <= 1) return 0;
    const int period = 2 * (n - 1);
    i %= period;
    if (i < 0) i += period;
    return i < n ? i : period - i;
}

// ---- rounded helpers this header needs beyond rounded_ops.h ----

SLATE_GPU_HD inline float vif_floor(float x) {
#if defined(__CUDA_ARCH__)
    return floorf(x);
#else
    return std::floor(x);
#endif
}
SLATE_GPU_HD inline double vif_floor(double x) {
#if defined(__CUDA_ARCH__)
    return ::floor(x);
#else
    return std::floor(x);
#endif
}
SLATE_GPU_HD inline double vif_trunc(double x) {
#if defined(__CUDA_ARCH__)
    return ::trunc(x);
#else
    return std::trunc(x);
#endif
}
/// log2 in double: glibc's on the host (< 1 ulp), CUDA's on the device (<= 1 ulp): the one
/// per-pixel difference between host and device.
SLATE_GPU_HD inline double vif_log2(double x) {
#if defined(__CUDA_ARCH__)
    return ::log2(x);
#else
    return std::log2(x);
#endif
}
/// std::max(x, 0) and std::min(x, limit) exactly (what they return for -0 included).
template <typename F>
SLATE_GPU_HD inline F vif_max0(F x) {
    return x < F(0) ? F(0) : x;
}
template <typename F>
SLATE_GPU_HD inline F vif_min(F x, F limit) {
    return limit < x ? limit : x;
}

// ---- preparation of the samples ----

/// Scales 0 and 1: sample in 8-bit units minus 128; `inv` is 1 / 2^(bits - 8) (1 for 8-bit
/// samples, 1/256 for decimated values), as scalar_prepare_f32.
SLATE_GPU_HD inline float vif_prepare_f32(uint32_t sample, float inv) {
    return sub_rn(mul_rn(static_cast<float>(sample), inv), kVifCentreF);
}
/// Scales 2 and 3: the decimated value itself.
SLATE_GPU_HD inline double vif_prepare_f64(uint32_t value) {
    return static_cast<double>(value);
}

// ---- the symmetric filter at a point ----

/// sum = tap[R] * x(0) + sum over k = 1..R of tap[R - k] * (x(-k) + x(k)), in that order, as
/// libmedia's vertical_at and filter_at. `at(k)` gives the value at offset k (-R .. R).
template <int S, typename F, typename At>
SLATE_GPU_HD inline F vif_filter(At at) {
    constexpr int R = vif_radius(S);
    F sum = mul_rn(vif_tap_value<F>(S, R), at(0));
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 1; k <= R; ++k)
        sum = add_rn(sum, mul_rn(vif_tap_value<F>(S, R - k), add_rn(at(-k), at(k))));
    return sum;
}

/// The vertical sums of the five planes at a point: `a(k)` and `b(k)` are the prepared reference
/// and distorted values at row offset k; the squares and the product are rounded once, as the CPU
/// prepares them. v = {ref, dist, ref^2, dist^2, ref*dist}.
template <int S, typename F, typename GetA, typename GetB>
SLATE_GPU_HD inline void vif_vertical(GetA a, GetB b, F v[kVifPlaneCount]) {
    v[0] = vif_filter<S, F>([&](int k) { return a(k); });
    v[1] = vif_filter<S, F>([&](int k) { return b(k); });
    v[2] = vif_filter<S, F>([&](int k) {
        const F x = a(k);
        return mul_rn(x, x);
    });
    v[3] = vif_filter<S, F>([&](int k) {
        const F x = b(k);
        return mul_rn(x, x);
    });
    v[4] = vif_filter<S, F>([&](int k) { return mul_rn(a(k), b(k)); });
}

/// Scales 0 and 1: the vertical means rounded to 1/256 of a level, the rounding r carried into
/// the second moments as -2 * 128 * r (scalar_vertical_f32). In place.
SLATE_GPU_HD inline void vif_round_moments(float m[kVifPlaneCount]) {
    const float r1 = sub_rn(vif_floor(add_rn(mul_rn(m[0], 256.0f), 0.5f)) / 256.0f, m[0]);
    const float r2 = sub_rn(vif_floor(add_rn(mul_rn(m[1], 256.0f), 0.5f)) / 256.0f, m[1]);
    m[0] = add_rn(m[0], r1);
    m[1] = add_rn(m[1], r2);
    m[2] = sub_rn(m[2], mul_rn(mul_rn(2.0f, kVifCentreF), r1));
    m[3] = sub_rn(m[3], mul_rn(mul_rn(2.0f, kVifCentreF), r2));
    m[4] = sub_rn(m[4], mul_rn(kVifCentreF, add_rn(r1, r2)));
}

/// Scales 2 and 3: round(v / 65536) (scalar_vertical_f64; exact on integers below 2^53).
SLATE_GPU_HD inline void vif_round_moments(double m[kVifPlaneCount]) {
    for (int p = 0; p < kVifPlaneCount; ++p) m[p] = vif_floor(add_rn(div_rn(m[p], 65536.0), 0.5));
}

/// The horizontal sums of the five moment planes at a point: `m(p, k)` gives plane p at column
/// offset k.
template <int S, typename F, typename GetM>
SLATE_GPU_HD inline void vif_horizontal(GetM m, F h[kVifPlaneCount]) {
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int p = 0; p < kVifPlaneCount; ++p)
        h[p] = vif_filter<S, F>([&](int k) { return m(p, k); });
}

// ---- the per-pixel statistics ----

/// What a scale adds up (libmedia's VifSums).
struct VifAcc {
    double num_log = 0;
    double den_log = 0;
    double flat_sigma2 = 0;
    double flat_count = 0;
};

SLATE_GPU_HD inline void vif_acc_add(VifAcc& to, const VifAcc& from) {
    to.num_log = add_rn(to.num_log, from.num_log);
    to.den_log = add_rn(to.den_log, from.den_log);
    to.flat_sigma2 = add_rn(to.flat_sigma2, from.flat_sigma2);
    to.flat_count = add_rn(to.flat_count, from.flat_count);
}

/// Scales 0 and 1: adds the pixel whose horizontal sums are h to `acc` (scalar_stats_f32).
SLATE_GPU_HD inline void vif_pixel(const float h[kVifPlaneCount], float limit, VifAcc& acc) {
    const float mu1 = h[0], mu2 = h[1];
    const float s1 = sub_rn(h[2], mul_rn(mu1, mu1));
    const float s2 = vif_max0(sub_rn(h[3], mul_rn(mu2, mu2)));
    const float s12 = sub_rn(h[4], mul_rn(mu1, mu2));
    if (s1 >= 2.0f) {
        acc.den_log =
            add_rn(acc.den_log, vif_log2(static_cast<double>(add_rn(1.0f, mul_rn(0.5f, s1)))));
        if (s12 > 0.0f && s2 > 0.0f) {
            float g = div_rn(s12, s1);
            const float sv = vif_max0(sub_rn(s2, mul_rn(g, s12)));
            g = vif_min(g, limit);
            const float b = add_rn(sv, 2.0f);
            const float a = add_rn(mul_rn(mul_rn(g, g), s1), b);
            acc.num_log = add_rn(acc.num_log, sub_rn(vif_log2(static_cast<double>(a)),
                                                     vif_log2(static_cast<double>(b))));
        }
    } else {
        acc.flat_sigma2 = add_rn(acc.flat_sigma2, static_cast<double>(s2));
        acc.flat_count = add_rn(acc.flat_count, 1.0);
    }
}

/// round(a * b / 2^32) with the product rounded in double, as libmedia's product_q32.
SLATE_GPU_HD inline double vif_product_q32(double a, double b) {
    return vif_floor(add_rn(div_rn(mul_rn(a, b), 4294967296.0), 0.5));
}

/// Scales 2 and 3: adds the pixel whose horizontal sums are h to `acc` (scalar_stats_f64).
SLATE_GPU_HD inline void vif_pixel(const double h[kVifPlaneCount], double limit, VifAcc& acc) {
    constexpr double sigma_nsq = 131072.0;  // 2 in units of 1/65536
    constexpr double eps = 65536 * 1.0e-10;
    const double mu1 = h[0], mu2 = h[1];
    const double xx = vif_floor(add_rn(div_rn(h[2], 65536.0), 0.5));
    const double yy = vif_floor(add_rn(div_rn(h[3], 65536.0), 0.5));
    const double xy = vif_floor(add_rn(div_rn(h[4], 65536.0), 0.5));
    const double s1 = sub_rn(xx, vif_product_q32(mu1, mu1));
    const double s2 = vif_max0(sub_rn(yy, vif_product_q32(mu2, mu2)));
    const double s12 = sub_rn(xy, vif_product_q32(mu1, mu2));
    if (s1 >= sigma_nsq) {
        acc.den_log = add_rn(acc.den_log, vif_log2(add_rn(1.0, div_rn(s1, sigma_nsq))));
        if (s12 > 0 && s2 > 0) {
            double g = div_rn(s12, add_rn(s1, eps));
            const double sv = vif_max0(vif_trunc(sub_rn(s2, mul_rn(g, s12))));
            g = vif_min(g, limit);
            const double n1 = add_rn(sv, sigma_nsq);
            const double nt = add_rn(vif_trunc(mul_rn(mul_rn(g, g), s1)), n1);
            acc.num_log = add_rn(acc.num_log, sub_rn(vif_log2(nt), vif_log2(n1)));
        }
    } else {
        acc.flat_sigma2 = add_rn(acc.flat_sigma2, div_rn(s2, 65536.0));
        acc.flat_count = add_rn(acc.flat_count, 1.0);
    }
}

// ---- decimation between scales (integers, exact) ----

/// The vertical sum of scale S's taps over rows 2y - R .. 2y + R (`at(k)`, k = 0 .. 2R, the
/// mirrored rows), rounded >> shift (the bit depth for samples, 16 for decimated values).
template <int S, typename At>
SLATE_GPU_HD inline uint32_t vif_decimate_vertical(At at, int shift) {
    constexpr int R = vif_radius(S);
    uint32_t sum = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k <= 2 * R; ++k) sum += vif_tap(S, k) * at(k);
    const uint64_t round = uint64_t{1} << (shift - 1);
    return static_cast<uint32_t>((uint64_t{sum} + round) >> shift);
}

/// The horizontal sum of scale S's taps over the vertical sums at columns 2q - R .. 2q + R
/// (`at(k)`, k = 0 .. 2R, mirrored), rounded >> 16: one decimated value.
template <int S, typename At>
SLATE_GPU_HD inline uint16_t vif_decimate_horizontal(At at) {
    constexpr int R = vif_radius(S);
    uint32_t sum = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int k = 0; k <= 2 * R; ++k) sum += vif_tap(S, k) * at(k);
    return static_cast<uint16_t>((uint64_t{sum} + 32768) >> 16);
}

// ---- the final arithmetic ----

/// libvmaf's per-scale score (libmedia's scale_score): num and den kept as float, and their ratio.
inline double vif_scale_score(double num_log, double den_log, double flat_sigma2,
                              double flat_count) {
    const double den_d = den_log + flat_count;
    if (den_d <= 0) return 1.0;  // no pixels at this scale (tiny planes)
    const auto num = static_cast<float>(num_log + (flat_count - flat_sigma2 * 4.0 / 65025.0));
    const auto den = static_cast<float>(den_d);
    return static_cast<double>(num / den);
}

}  // namespace slate_gpu::detail
