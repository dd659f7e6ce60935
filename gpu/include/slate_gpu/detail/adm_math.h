// SPDX-License-Identifier: Apache-2.0
#pragma once

// The per-sample maths of VMAF's ADM in libvmaf's integer_adm fixed-point arithmetic, shared by
// the scalar reference (gpu/ref/adm.cpp) and the CUDA kernels (gpu/cuda/adm.cu). It follows
// libmedia's scalar row kernels (libmedia/src/metrics/adm.cpp, adm_kernels.h) operation for
// operation: the db2 DWT at one output (scale 0 on 16-bit coefficients, scales 1..3 on 32-bit
// ones), decoupling plus CSF, the masking threshold, the masked and reference cube terms, with
// the same shifts, roundings and 32/64-bit wrap-arounds (spelled out with unsigned arithmetic
// here, so that no signed overflow is left for a compiler to exploit). The host half at the end
// (AdmSetup) is libmedia's configure(): regions with the 10% border, CSF factors and shifts.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "slate_gpu/adm.h"
#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/plane.h"

namespace slate_gpu::detail {

// ---- integer helpers ----

SLATE_GPU_HD inline int32_t adm_wrap32(int64_t v) {
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

/// a + b with 64-bit wrap-around.
SLATE_GPU_HD inline int64_t adm_wrapping_add(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

/// a * b with 32-bit wrap-around.
SLATE_GPU_HD inline int32_t adm_wrapping_mul32(int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
}

/// |v| in 32 bits (|INT32_MIN| stays INT32_MIN).
SLATE_GPU_HD inline int32_t adm_abs32(int32_t v) {
    const auto u = static_cast<uint32_t>(v);
    return static_cast<int32_t>(v < 0 ? 0u - u : u);
}

SLATE_GPU_HD inline int adm_clz32(uint32_t v) {  // v != 0
#if defined(__CUDA_ARCH__)
    return __clz(static_cast<int>(v));
#elif defined(__GNUC__)
    return __builtin_clz(v);
#else
    int n = 0;
    while ((v & 0x80000000u) == 0) {
        v <<= 1;
        ++n;
    }
    return n;
#endif
}

/// libvmaf's tap index on a line of n samples: -1 mirrors to 1 and n, n + 1 to n - 1, n - 2.
SLATE_GPU_HD inline int adm_dwt_index(int k, int n) {
    return k < 0 ? -k : (k >= n ? 2 * n - k - 1 : k);
}

/// 2^30 / i (truncated), i != 0: libmedia's adm_reciprocals()[i + 32768], computed exactly.
SLATE_GPU_HD inline int32_t adm_reciprocal(int32_t i) {
    return (int32_t{1} << 30) / i;
}

/// float(cos(1 degree)^2) as libmedia rounds it (std::cos in double, then to float).
inline constexpr float kAdmCosSq1Deg = 0x1.ffd814p-1f;

/// libmedia's adm_angle_within_1deg: the int64 dot product and magnitudes through float to
/// double, every product rounded on its own.
SLATE_GPU_HD inline bool adm_angle_within_1deg(int64_t dot, int64_t ref_mag_sq,
                                               int64_t dist_mag_sq) {
    const double d = static_cast<double>(static_cast<float>(dot)) / 4096.0;
    const double o = static_cast<double>(static_cast<float>(ref_mag_sq)) / 4096.0;
    const double t = static_cast<double>(static_cast<float>(dist_mag_sq)) / 4096.0;
    return d >= 0.0 && mul_rn(d, d) >= mul_rn(mul_rn(static_cast<double>(kAdmCosSq1Deg), o), t);
}

// ---- DWT (db2 taps 15826 27411 7345 -4240 and -4240 -7345 27411 -15826) ----

SLATE_GPU_HD inline int64_t adm_low(int64_t a, int64_t b, int64_t c, int64_t d) {
    return 15826 * a + 27411 * b + 7345 * c - 4240 * d;
}
SLATE_GPU_HD inline int64_t adm_high(int64_t a, int64_t b, int64_t c, int64_t d) {
    return -4240 * a - 7345 * b + 27411 * c - 15826 * d;
}

/// Vertical pass of scale 0 at one column from the four mirrored input rows' samples.
SLATE_GPU_HD inline void adm_vertical0(uint32_t s0, uint32_t s1, uint32_t s2, uint32_t s3, int bits,
                                       int16_t& lo, int16_t& hi) {
    const int64_t add = int64_t{1} << (bits - 1);
    const int64_t l = -46342 * add + adm_low(s0, s1, s2, s3);
    const int64_t h = adm_high(s0, s1, s2, s3);
    lo = static_cast<int16_t>(adm_wrap32(l + add) >> bits);
    hi = static_cast<int16_t>(adm_wrap32(h + add) >> bits);
}

/// Horizontal pass of scale 0 at one output from lo/hi at its four mirrored columns.
SLATE_GPU_HD inline void adm_horizontal0(const int16_t lo[4], const int16_t hi[4], int32_t& a,
                                         int16_t band[3]) {
    a = adm_wrap32(adm_low(lo[0], lo[1], lo[2], lo[3]) + 32768) >> 16;
    band[1] = static_cast<int16_t>(adm_wrap32(adm_high(lo[0], lo[1], lo[2], lo[3]) + 32768) >> 16);
    band[0] = static_cast<int16_t>(adm_wrap32(adm_low(hi[0], hi[1], hi[2], hi[3]) + 32768) >> 16);
    band[2] = static_cast<int16_t>(adm_wrap32(adm_high(hi[0], hi[1], hi[2], hi[3]) + 32768) >> 16);
}

/// Vertical pass of scale 1..3 at one column.
SLATE_GPU_HD inline void adm_verticalN(int32_t s0, int32_t s1, int32_t s2, int32_t s3, int scale,
                                       int32_t& lo, int32_t& hi) {
    const int64_t add = scale == 1 ? 0 : 32768;
    const int shift = scale == 1 ? 0 : 16;
    lo = static_cast<int32_t>((adm_low(s0, s1, s2, s3) + add) >> shift);
    hi = static_cast<int32_t>((adm_high(s0, s1, s2, s3) + add) >> shift);
}

/// Horizontal pass of scale 1..3 at one output.
SLATE_GPU_HD inline void adm_horizontalN(const int32_t lo[4], const int32_t hi[4], int scale,
                                         int32_t& a, int32_t band[3]) {
    const int64_t add = scale == 2 ? 32768 : 16384;
    const int shift = scale == 2 ? 16 : 15;
    a = static_cast<int32_t>((adm_low(lo[0], lo[1], lo[2], lo[3]) + add) >> shift);
    band[1] = static_cast<int32_t>((adm_high(lo[0], lo[1], lo[2], lo[3]) + add) >> shift);
    band[0] = static_cast<int32_t>((adm_low(hi[0], hi[1], hi[2], hi[3]) + add) >> shift);
    band[2] = static_cast<int32_t>((adm_high(hi[0], hi[1], hi[2], hi[3]) + add) >> shift);
}

// ---- per-scale parameters (filled on the host by adm_setup) ----

struct AdmScaleSetup {
    int scale = 0;
    int in_w = 0, in_h = 0;  // the input: picture or previous approximation
    // The band and its regions (libmedia's Region).
    int w = 0, h = 0;
    int left = 0, top = 0, right = 0, bottom = 0;
    int col0 = 0, col1 = 0, row0 = 0, row1 = 0;
    int64_t factor[3] = {};  // CSF = masking reciprocal factors (scale 0: 16-bit values)
    double enhn_gain_limit = 100.0;
    int cube_shift[3] = {};  // masked cube
    int64_t cube_add[3] = {};
    int den_square_shift = 31;  // reference cube of scales 1..3
    uint64_t den_square_add = 0;
    int den_cube_shift = 0;
    uint64_t den_cube_add = 0;
    uint32_t num_shift = 0;  // per-row shifts (RowSums)
    int64_t num_add = 0;
    uint32_t den_shift = 0;
    uint64_t den_add = 0;
};

struct AdmSetup {
    AdmScaleSetup s[kAdmScaleCount];
};

// ---- decoupling and CSF ----

SLATE_GPU_HD inline int64_t adm_clamp_k(int64_t k) {
    return k < 0 ? 0 : (k > 32768 ? 32768 : k);
}

SLATE_GPU_HD inline int32_t adm_ratio0(int32_t o, int32_t t) {
    if (o == 0) return 32768;
    const int64_t k = (int64_t{adm_reciprocal(o)} * t + 16384) >> 15;
    return static_cast<int32_t>(adm_clamp_k(k));
}

SLATE_GPU_HD inline int64_t adm_ratioN(int32_t o, int32_t t) {
    if (o == 0) return 32768;
    const uint32_t magnitude = o < 0 ? 0u - static_cast<uint32_t>(o) : static_cast<uint32_t>(o);
    uint32_t top15 = magnitude;
    int shift = 0;
    if (magnitude >= 32768) {
        shift = 17 - adm_clz32(magnitude);
        top15 = (magnitude + (1u << (shift - 1))) >> shift;
    }
    const int64_t sign = o < 0 ? -1 : 1;
    const int64_t product = int64_t{adm_reciprocal(static_cast<int32_t>(top15))} * t * sign;
    return adm_clamp_k((product + (int64_t{1} << (14 + shift))) >> (15 + shift));
}

template <typename T>
SLATE_GPU_HD inline T adm_enhance(T rst, int64_t k, int32_t o, int32_t t, double limit) {
    if (k <= 0 || o == 0) return rst;
    const double gained = mul_rn(static_cast<double>(rst), limit);
    const double td = static_cast<double>(t);
    const double bounded = o > 0 ? (td < gained ? td : gained) : (gained < td ? td : gained);
    // Through int32 as the host's conversion goes (a device conversion to 16 bits saturates);
    // the value is in range for every gain limit >= 0.
    return static_cast<T>(static_cast<int32_t>(bounded));
}

/// Scale 0 decoupling + CSF at one position: restored detail r per band (h, v, d), f and g.
SLATE_GPU_HD inline void adm_decouple(const int16_t o[3], const int16_t t[3],
                                      const AdmScaleSetup& p, int16_t r[3], int32_t& f,
                                      int32_t& g) {
    const int32_t oh = o[0], ov = o[1], th = t[0], tv = t[1];
    const bool angle = adm_angle_within_1deg(int64_t{oh} * th + int64_t{ov} * tv,
                                             int64_t{oh} * oh + int64_t{ov} * ov,
                                             int64_t{th} * th + int64_t{tv} * tv);
    constexpr int32_t kCsfAdd[3] = {16384, 16384, 65535};
    constexpr int kCsfShift[3] = {15, 15, 17};
    uint32_t f_sum = 0, g_sum = 0;
    for (int b = 0; b < 3; ++b) {
        const int32_t ob = o[b], tb = t[b];
        const int32_t k = adm_ratio0(ob, tb);
        auto rst = static_cast<int16_t>((k * ob + 16384) >> 15);
        if (angle) rst = adm_enhance<int16_t>(rst, k, ob, tb, p.enhn_gain_limit);
        const auto impairment = static_cast<int16_t>(tb - rst);
        const int32_t scaled = adm_wrapping_mul32(static_cast<int32_t>(p.factor[b]), impairment);
        const auto csf =
            static_cast<int16_t>(static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                                                      static_cast<uint32_t>(kCsfAdd[b])) >>
                                 kCsfShift[b]);
        const auto flt = static_cast<int16_t>((4369 * adm_abs32(csf) + 2048) >> 12);
        const auto centre = static_cast<int16_t>((8738 * adm_abs32(csf) + 2048) >> 12);
        r[b] = rst;
        f_sum += static_cast<uint32_t>(flt);
        g_sum += static_cast<uint32_t>(centre - flt);
    }
    f = static_cast<int32_t>(f_sum);
    g = static_cast<int32_t>(g_sum);
}

/// Scales 1..3 decoupling + CSF at one position.
SLATE_GPU_HD inline void adm_decouple(const int32_t o[3], const int32_t t[3],
                                      const AdmScaleSetup& p, int32_t r[3], int32_t& f,
                                      int32_t& g) {
    const auto oh = static_cast<uint64_t>(int64_t{o[0]}), ov = static_cast<uint64_t>(int64_t{o[1]});
    const auto th = static_cast<uint64_t>(int64_t{t[0]}), tv = static_cast<uint64_t>(int64_t{t[1]});
    const bool angle = adm_angle_within_1deg(static_cast<int64_t>(oh * th + ov * tv),
                                             static_cast<int64_t>(oh * oh + ov * ov),
                                             static_cast<int64_t>(th * th + tv * tv));
    uint32_t f_sum = 0, g_sum = 0;
    for (int b = 0; b < 3; ++b) {
        const int32_t ob = o[b], tb = t[b];
        const int64_t k = adm_ratioN(ob, tb);
        auto rst = static_cast<int32_t>((k * ob + 16384) >> 15);
        if (angle) rst = adm_enhance<int32_t>(rst, k, ob, tb, p.enhn_gain_limit);
        const int32_t impairment = adm_wrap32(int64_t{tb} - rst);
        const auto csf =
            static_cast<int32_t>((p.factor[b] * impairment + (int64_t{1} << 27)) >> 28);
        const int64_t mag = csf < 0 ? -int64_t{csf} : int64_t{csf};
        constexpr int64_t kHalfQ32AsInt32 = -(int64_t{1} << 31);
        const auto flt = static_cast<int32_t>((143165577 * mag + kHalfQ32AsInt32) >> 32);
        const auto centre = static_cast<int32_t>((286331153 * mag + kHalfQ32AsInt32) >> 32);
        r[b] = rst;
        f_sum += static_cast<uint32_t>(flt);
        g_sum += static_cast<uint32_t>(centre) - static_cast<uint32_t>(flt);
    }
    f = static_cast<int32_t>(f_sum);
    g = static_cast<int32_t>(g_sum);
}

// ---- masking and cube sums ----

/// The masking threshold: g at the position plus f over its 3x3 neighbourhood (f[row * 3 + col],
/// rows above/at/below, columns left/at/right, mirrored as adm_dwt_index does at -1 and n).
SLATE_GPU_HD inline int32_t adm_threshold(const int32_t f[9], int32_t g) {
    uint32_t sum = static_cast<uint32_t>(g);
    for (int i = 0; i < 9; ++i) sum += static_cast<uint32_t>(f[i]);
    return static_cast<int32_t>(sum);
}

SLATE_GPU_HD inline int64_t adm_masked_cube(int32_t x, int32_t thr, int64_t square_add,
                                            int square_shift, int64_t cube_add, int cube_shift) {
    const int32_t diff = adm_wrap32(int64_t{adm_abs32(x)} - thr);
    const int32_t excess = diff > 0 ? diff : 0;
    const int32_t square = adm_wrap32((int64_t{excess} * excess + square_add) >> square_shift);
    return adm_wrapping_add(int64_t{square} * excess, cube_add) >> cube_shift;
}

/// Scale 0 masked cube terms at one position, added (wrapping) to sums[3].
SLATE_GPU_HD inline void adm_masked(const int16_t r[3], int32_t thr, const AdmScaleSetup& p,
                                    int64_t sums[3]) {
    constexpr int kThresholdShift[3] = {10, 10, 12};
    constexpr int kSquareShift[3] = {29, 29, 30};
    for (int b = 0; b < 3; ++b) {
        const int32_t x = adm_wrapping_mul32(r[b], static_cast<int32_t>(p.factor[b]));
        const auto shifted = static_cast<int32_t>(static_cast<uint32_t>(thr) << kThresholdShift[b]);
        const int64_t square_add = int64_t{1} << (kSquareShift[b] - 1);
        sums[b] = adm_wrapping_add(sums[b], adm_masked_cube(x, shifted, square_add, kSquareShift[b],
                                                            p.cube_add[b], p.cube_shift[b]));
    }
}

/// Scales 1..3 masked cube terms at one position.
SLATE_GPU_HD inline void adm_masked(const int32_t r[3], int32_t thr, const AdmScaleSetup& p,
                                    int64_t sums[3]) {
    for (int b = 0; b < 3; ++b) {
        const auto x =
            static_cast<int32_t>((int64_t{r[b]} * p.factor[b] + (int64_t{1} << 27)) >> 28);
        sums[b] = adm_wrapping_add(
            sums[b], adm_masked_cube(x, thr, int64_t{1} << 29, 30, p.cube_add[0], p.cube_shift[0]));
    }
}

/// Scale 0 reference cube terms |o|^3 at one position, added to sums[3].
SLATE_GPU_HD inline void adm_reference(const int16_t o[3], const AdmScaleSetup&, uint64_t sums[3]) {
    for (int b = 0; b < 3; ++b) {
        const auto m = static_cast<uint64_t>(adm_abs32(o[b]));
        sums[b] += m * m * m;
    }
}

/// Scales 1..3 reference cube terms with their roundings.
SLATE_GPU_HD inline void adm_reference(const int32_t o[3], const AdmScaleSetup& p,
                                       uint64_t sums[3]) {
    for (int b = 0; b < 3; ++b) {
        const int32_t v = o[b];
        const uint64_t m = v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v);
        const uint64_t square = (m * m + p.den_square_add) >> p.den_square_shift;
        sums[b] += (square * m + p.den_cube_add) >> p.den_cube_shift;
    }
}

/// A row's sums rounded down by the per-row shift (libmedia's RowSums::add_row), to be added
/// with wrap-around.
SLATE_GPU_HD inline int64_t adm_row_num(int64_t inner, const AdmScaleSetup& p) {
    return adm_wrapping_add(inner, p.num_add) >> p.num_shift;
}
SLATE_GPU_HD inline uint64_t adm_row_den(uint64_t inner, const AdmScaleSetup& p) {
    return (inner + p.den_add) >> p.den_shift;
}

// ---- host: configuration (libmedia's configure) and CSF ----

/// Reciprocal CSF threshold of scale `lambda`, orientation 1 (h, v) or 2 (d), as a float.
inline float adm_csf_reciprocal(int lambda, int theta, const AdmConfig& c) {
    constexpr float kAmplitudes[4][3] = {{0.62171f, 0.67234f, 0.72709f},
                                         {0.34537f, 0.41317f, 0.49428f},
                                         {0.18004f, 0.22727f, 0.28688f},
                                         {0.091401f, 0.11792f, 0.15214f}};
    constexpr double kPi = 3.14159265358979323846;
    constexpr float a = 0.495f, k = 0.466f, f0 = 0.401f;
    constexpr float g[3] = {1.501f, 1.0f, 0.534f};
    const auto r = static_cast<float>(c.norm_view_dist * c.ref_display_height * kPi / 180.0);
    const auto temp = static_cast<float>(
        std::log10(std::pow(2.0, lambda + 1) * f0 * g[theta] / static_cast<double>(r)));
    const auto q = static_cast<float>(
        2.0 * a * std::pow(10.0, static_cast<double>(k) * static_cast<double>(temp) * temp) /
        kAmplitudes[lambda][theta]);
    return 1.0f / q;
}

/// h, v, d reciprocal thresholds of a scale.
inline void adm_csf_reciprocals(int lambda, const AdmConfig& c, float out[3]) {
    out[0] = out[1] = adm_csf_reciprocal(lambda, 1, c);
    out[2] = adm_csf_reciprocal(lambda, 2, c);
}

/// libvmaf's rounding shift ceil(log2(x) + offset), at least 0.
inline uint32_t adm_log2_shift(double x, double offset = 0.0) {
    return static_cast<uint32_t>(std::max(std::ceil(std::log2(x) + offset), 0.0));
}

/// Its rounding term: 2^(shift - 1) truncated (0 for a shift of 0).
inline uint32_t adm_half_of(uint32_t shift) {
    return static_cast<uint32_t>(std::pow(2.0, static_cast<double>(shift) - 1.0));
}

inline void adm_region(AdmScaleSetup& s, int w, int h) {
    s.w = w;
    s.h = h;
    s.left = static_cast<int>(w * 0.1 - 0.5);
    s.top = static_cast<int>(h * 0.1 - 0.5);
    s.right = w - s.left;
    s.bottom = h - s.top;
    s.col0 = std::max(s.left - 1, 0);
    s.col1 = std::min(s.right + 1, w);
    s.row0 = std::max(s.top - 1, 0);
    s.row1 = std::min(s.bottom + 1, h);
}

/// The four scales' geometry and parameters for a width x height plane (width, height > 32).
inline AdmSetup adm_setup(int width, int height, const AdmConfig& c) {
    AdmSetup setup;
    int in_w = width, in_h = height;
    for (int scale = 0; scale < kAdmScaleCount; ++scale) {
        AdmScaleSetup& s = setup.s[scale];
        s.scale = scale;
        s.in_w = in_w;
        s.in_h = in_h;
        adm_region(s, (in_w + 1) / 2, (in_h + 1) / 2);
        s.enhn_gain_limit = c.enhn_gain_limit;
        float rf[3];
        adm_csf_reciprocals(scale, c, rf);
        const uint32_t num_shift = adm_log2_shift(s.h);
        s.num_shift = num_shift;
        s.num_add = adm_half_of(num_shift);
        if (scale == 0) {
            if (std::fabs(c.norm_view_dist * c.ref_display_height - 3.0 * 1080) < 1.0e-8) {
                s.factor[0] = s.factor[1] = 36453;
                s.factor[2] = 49417;
            } else {
                const double scales[3] = {2097152.0, 2097152.0, 8388608.0};
                for (int b = 0; b < 3; ++b)
                    s.factor[b] = static_cast<uint16_t>(
                        std::clamp(static_cast<double>(rf[b]) * scales[b], 0.0, 65535.0));
            }
            const uint32_t hv = adm_log2_shift(s.w, -4.0), d = adm_log2_shift(s.w, -3.0);
            const uint32_t cubes[3] = {hv, hv, d};
            for (int b = 0; b < 3; ++b) {
                s.cube_shift[b] = static_cast<int>(cubes[b]);
                s.cube_add[b] = adm_half_of(cubes[b]);
            }
            const uint32_t den_shift =
                adm_log2_shift(static_cast<double>((s.bottom - s.top) * (s.right - s.left)), -20.0);
            s.den_shift = den_shift;
            s.den_add = den_shift > 0 ? uint64_t{1} << (den_shift - 1) : 0;
        } else {
            for (int b = 0; b < 3; ++b)
                s.factor[b] = static_cast<int64_t>(
                    std::clamp(static_cast<double>(rf[b]) * 4294967296.0, 0.0, 2147483647.0));
            const uint32_t cube = adm_log2_shift(s.w);
            for (int b = 0; b < 3; ++b) {
                s.cube_shift[b] = static_cast<int>(cube);
                s.cube_add[b] = adm_half_of(cube);
            }
            constexpr int kSquareShift[3] = {31, 30, 31};
            s.den_square_shift = kSquareShift[scale - 1];
            s.den_square_add = uint64_t{1} << s.den_square_shift;
            const uint32_t den_cube = adm_log2_shift(s.right - s.left);
            s.den_cube_shift = static_cast<int>(den_cube);
            s.den_cube_add = adm_half_of(den_cube);
            const uint32_t den_shift = adm_log2_shift(s.bottom - s.top);
            s.den_shift = den_shift;
            s.den_add = adm_half_of(den_shift);
        }
        in_w = s.w;
        in_h = s.h;
    }
    return setup;
}

}  // namespace slate_gpu::detail
