// SPDX-License-Identifier: Apache-2.0
#pragma once

// Per-position maths of float_ssim and float_ms_ssim (ssim.h), shared by the scalar references
// (gpu/ref/ssim.cpp) and the CUDA kernels (gpu/cuda/ssim.cu). Every operation, and its order, is
// libmedia's scalar kernels' (libmedia/src/metrics/ssim_kernels.h, ssim.cpp, ms_ssim.cpp), which
// are IQA's rounding for rounding: each float product is rounded to float, window sums are
// accumulated in double in tap order and rounded to float once, the SSIM terms mix float and
// double as IQA does. Nothing may be contracted into a fused multiply-add (libmedia builds these
// files with -ffp-contract=off): every operation where nvcc could fuse goes through the rounded
// helpers (rounded_ops.h), which are __fmul_rn,
// __dadd_rn, __fdiv_rn, __fsqrt_rn... on the device and plain IEEE operations on the host.
//
// C++17, standard library only (nvcc includes it).

#include <cmath>
#include <cstdint>

#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/metric_plane.h"
#include "slate_gpu/plane.h"

namespace slate_gpu::detail {

// ---------------------------------------------------------------------------------------------
// Constants.

inline constexpr int kSsimWindow = 11;
inline constexpr int kSsimLpfTaps = 9;
inline constexpr int kSsimLpfHalf = kSsimLpfTaps / 2;

/// IQA's separable Gaussian (sigma 1.5) as libvmaf stores it (kSsimTaps). Called with constant
/// indices in unrolled loops, so it folds to immediates.
SLATE_GPU_HD constexpr float ssim_tap(int u) {
    const float taps[6] = {0.001028f, 0.007599f, 0.036001f, 0.109361f, 0.213006f, 0.266012f};
    return taps[u < 5 ? u : 10 - u];
}

/// One quadrant of libvmaf's 9x9 low-pass (kLpf[i][j]).
SLATE_GPU_HD constexpr float lpf_quadrant(int i, int j) {
    const float lpf[5][5] = {
        {0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f},
        {-0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f},
        {-0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f},
        {0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f},
        {0.016114f, -0.010146f, -0.047149f, 0.160885f, 0.363505f},
    };
    return lpf[i][j];
}

/// Weight of the 9x9 low-pass at row v, column u (0..8): kLpf[4-|v-4|][4-|u-4|].
SLATE_GPU_HD constexpr float ssim_lpf_weight(int v, int u) {
    return lpf_quadrant(4 - (v > 4 ? v - 4 : 4 - v), 4 - (u > 4 ? u - 4 : 4 - u));
}

/// Wang 2003's MS-SSIM exponents as libvmaf stores them (float).
SLATE_GPU_HD constexpr float ms_ssim_alpha(int scale) {
    return scale == 4 ? 0.1333f : 0.0f;
}
SLATE_GPU_HD constexpr float ms_ssim_beta(int scale) {
    return scale == 0   ? 0.0448f
           : scale == 1 ? 0.2856f
           : scale == 2 ? 0.3001f
           : scale == 3 ? 0.2363f
                        : 0.1333f;
}
SLATE_GPU_HD constexpr float ms_ssim_gamma(int scale) {
    return ms_ssim_beta(scale);
}

/// SSIM's stabilising constants, in float as IQA computes them (K1 = 0.01, K2 = 0.03, L = 255).
/// Products only: nothing to contract.
struct SsimConstants {
    float c1, c2, c3;
};
SLATE_GPU_HD inline SsimConstants ssim_constants() {
    const float k1 = 0.01f, k2 = 0.03f;
    const float peak = 255.0f;
    const float a = mul_rn(k1, peak), b = mul_rn(k2, peak);
    const float c2 = mul_rn(b, b);
    return SsimConstants{mul_rn(a, a), c2, div_rn(c2, 2.0f)};
}

/// Which per-position terms are added up (libmedia's SsimTerm).
enum SsimTermBits : unsigned {
    kSsimTermProduct = 1u,    ///< l * c * s (float_ssim)
    kSsimTermLuminance = 2u,  ///< l
    kSsimTermContrast = 4u,   ///< c
    kSsimTermStructure = 8u,  ///< s
};
/// float_ssim's terms, MS-SSIM's at scales 0..3 and at the last scale (alpha 0: pow(l, 0) is 1,
/// so libmedia computes l at the last scale only).
inline constexpr unsigned kSsimTerms = kSsimTermProduct;
inline constexpr unsigned kMsSsimTerms = kSsimTermContrast | kSsimTermStructure;
inline constexpr unsigned kMsSsimLastTerms =
    kSsimTermContrast | kSsimTermStructure | kSsimTermLuminance;

// ---------------------------------------------------------------------------------------------
// Geometry.

/// x mirrored into 0..n-1 as IQA's symmetric boundary does (-1 -> 0, n -> n-1), repeated for
/// pictures smaller than the filter reach (libmedia's mirror_index).
SLATE_GPU_HD inline int ssim_mirror(int x, int n) {
    if (n <= 1) return 0;
    const int period = 2 * n;
    x %= period;
    if (x < 0) x += period;
    return x < n ? x : period - 1 - x;
}

/// Output size of IQA's decimation by `factor` (n/factor + (n&1)), at least 1.
SLATE_GPU_HD inline int ssim_decimated_size(int n, int factor) {
    const int d = n / factor + (n & 1);
    return d < 1 ? 1 : d;
}

/// IQA's _round (halves away from zero) and libvmaf's automatic float_ssim scale.
SLATE_GPU_HD inline int ssim_iqa_round(float a) {
    const int truncated = static_cast<int>(a);
    const int sign = a > 0.0f ? 1 : -1;
    return sub_rn(a, static_cast<float>(truncated)) >= 0.5f ? truncated + sign : truncated;
}
SLATE_GPU_HD inline int ssim_auto_scale(int width, int height) {
    const int m = width < height ? width : height;
    const int s = ssim_iqa_round(div_rn(static_cast<float>(m), 256.0f));
    return s < 1 ? 1 : s;
}

// ---------------------------------------------------------------------------------------------
// Samples.

/// A sample as a float in 8-bit units: 8-bit as is, b-bit times 2^(8-b) (exact).
SLATE_GPU_HD inline float ssim_sample_scale(int bit_depth) {
    return bit_depth > 8 ? 1.0f / static_cast<float>(1 << (bit_depth - 8)) : 1.0f;
}
SLATE_GPU_HD inline float ssim_sample(const MetricPlane& plane, int x, int y, float scale) {
    const float v = static_cast<float>(plane.sample(x, y));
    return plane.wide() ? mul_rn(v, scale) : v;
}

/// Box decimation weight 1/factor^2 (float, as libmedia).
SLATE_GPU_HD inline float ssim_box_weight(int factor) {
    return div_rn(1.0f, static_cast<float>(factor * factor));
}

/// Output (ox, oy) of the box decimation by `factor`: per column u of the factor x factor block
/// (top-left (ox*f - f/2, oy*f - f/2), mirrored) the double sum over its rows of
/// float(sample * weight), then the double sum of those column sums, rounded to float
/// (libmedia's box_column_sums then the sum over cols[u]).
SLATE_GPU_HD inline float ssim_box_at(const MetricPlane& plane, int factor, float weight,
                                      float sample_scale, int ox, int oy) {
    const int offset = factor / 2;
    double sum = 0.0;
    for (int u = 0; u < factor; ++u) {
        const int x = ssim_mirror(ox * factor - offset + u, plane.width);
        double column = 0.0;
        for (int v = 0; v < factor; ++v) {
            const int y = ssim_mirror(oy * factor - offset + v, plane.height);
            column =
                add_rn(column,
                       static_cast<double>(mul_rn(ssim_sample(plane, x, y, sample_scale), weight)));
        }
        sum = add_rn(sum, column);
    }
    return static_cast<float>(sum);
}

/// Output (ox, oy) of the 9x9 low-pass decimation by 2 of a float picture (rows `stride`
/// floats apart): centred on (2ox, 2oy), mirrored, the double sum of float(sample * weight),
/// rows outer, columns inner (libmedia's lpf_split + lpf_row), rounded to float.
SLATE_GPU_HD inline float ssim_lpf_at(const float* in, int64_t stride, int w, int h, int ox,
                                      int oy) {
    int cols[kSsimLpfTaps];
    for (int u = 0; u < kSsimLpfTaps; ++u) cols[u] = ssim_mirror(2 * ox - kSsimLpfHalf + u, w);
    double sum = 0.0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int v = 0; v < kSsimLpfTaps; ++v) {
        const float* r =
            in + static_cast<int64_t>(ssim_mirror(2 * oy - kSsimLpfHalf + v, h)) * stride;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
        for (int u = 0; u < kSsimLpfTaps; ++u)
            sum = add_rn(sum, static_cast<double>(mul_rn(r[cols[u]], ssim_lpf_weight(v, u))));
    }
    return static_cast<float>(sum);
}

// ---------------------------------------------------------------------------------------------
// The window.

/// The five filtered maps at one point: means of ref and dist, of their squares, of their
/// product.
struct SsimMoments {
    float ref, dist, ref_sq, dist_sq, cross;
};

/// The 11 taps along a row of both pictures, starting at ref[0] / dist[0] (libmedia's
/// scalar_ssim_horizontal for one output).
SLATE_GPU_HD inline SsimMoments ssim_horizontal_at(const float* ref, const float* dist) {
    double mr = 0, md = 0, rr = 0, dd = 0, rd = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int u = 0; u < kSsimWindow; ++u) {
        const float r = ref[u], d = dist[u], g = ssim_tap(u);
        mr = add_rn(mr, static_cast<double>(mul_rn(r, g)));
        md = add_rn(md, static_cast<double>(mul_rn(d, g)));
        rr = add_rn(rr, static_cast<double>(mul_rn(mul_rn(r, r), g)));
        dd = add_rn(dd, static_cast<double>(mul_rn(mul_rn(d, d), g)));
        rd = add_rn(rd, static_cast<double>(mul_rn(mul_rn(r, d), g)));
    }
    return SsimMoments{static_cast<float>(mr), static_cast<float>(md), static_cast<float>(rr),
                       static_cast<float>(dd), static_cast<float>(rd)};
}

/// The 11 taps down a column of one map, starting at p[0], rows `stride` floats apart
/// (libmedia's vertical_sum).
SLATE_GPU_HD inline float ssim_vertical_at(const float* p, int64_t stride) {
    double sum = 0;
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
    for (int v = 0; v < kSsimWindow; ++v)
        sum = add_rn(sum, static_cast<double>(mul_rn(p[v * stride], ssim_tap(v))));
    return static_cast<float>(sum);
}

/// Sums of the per-position terms.
struct SsimTermSums {
    double product = 0.0;
    double luminance = 0.0;
    double contrast = 0.0;
    double structure = 0.0;
};

/// The terms of one window position from its filtered moments, added to `sums` (libmedia's
/// scalar_ssim_vertical_terms for one position).
SLATE_GPU_HD inline void ssim_add_terms(const SsimMoments& m, const SsimConstants& k,
                                        unsigned terms, SsimTermSums& sums) {
    const float mrr = mul_rn(m.ref, m.ref), mdd = mul_rn(m.dist, m.dist);
    const float mrd = mul_rn(m.ref, m.dist);
    float vr = sub_rn(m.ref_sq, mrr), vd = sub_rn(m.dist_sq, mdd);
    vr = 0.0f > vr ? 0.0f : vr;
    vd = 0.0f > vd ? 0.0f : vd;
    const float cov = sub_rn(m.cross, mrd);
    const float root = sqrt_rn(mul_rn(vr, vd));
    const float clamped = (cov < 0.0f && root <= 0.0f) ? 0.0f : cov;
    float s = 0.0f;
    double l = 0.0, c = 0.0;
    if (terms & (kSsimTermProduct | kSsimTermStructure))
        s = div_rn(add_rn(clamped, k.c3), add_rn(root, k.c3));
    if (terms & (kSsimTermProduct | kSsimTermLuminance))
        l = div_rn(
            add_rn(mul_rn(mul_rn(2.0, static_cast<double>(m.ref)), static_cast<double>(m.dist)),
                   static_cast<double>(k.c1)),
            static_cast<double>(add_rn(add_rn(mrr, mdd), k.c1)));
    if (terms & (kSsimTermProduct | kSsimTermContrast))
        c = div_rn(add_rn(mul_rn(2.0, static_cast<double>(root)), static_cast<double>(k.c2)),
                   static_cast<double>(add_rn(add_rn(vr, vd), k.c2)));
    if (terms & kSsimTermProduct)
        sums.product = add_rn(sums.product, mul_rn(mul_rn(l, c), static_cast<double>(s)));
    if (terms & kSsimTermLuminance) sums.luminance = add_rn(sums.luminance, l);
    if (terms & kSsimTermContrast) sums.contrast = add_rn(sums.contrast, c);
    if (terms & kSsimTermStructure) sums.structure = add_rn(sums.structure, static_cast<double>(s));
}

/// Accumulator of the whole-picture window (pictures smaller than the window: one window of
/// equal weights, libmedia's whole_picture_ssim), fed samples in row-major order.
struct SsimWholeSums {
    double sr = 0, sd = 0, srr = 0, sdd = 0, srd = 0;
};
SLATE_GPU_HD inline void ssim_whole_add(SsimWholeSums& a, float ref, float dist) {
    const double r = ref, d = dist;
    a.sr = add_rn(a.sr, r);
    a.sd = add_rn(a.sd, d);
    a.srr = add_rn(a.srr, mul_rn(r, r));
    a.sdd = add_rn(a.sdd, mul_rn(d, d));
    a.srd = add_rn(a.srd, mul_rn(r, d));
}
/// The single window's terms (positions 1) from the sums over w x h samples.
SLATE_GPU_HD inline SsimTermSums ssim_whole_terms(const SsimWholeSums& a, int w, int h,
                                                  const SsimConstants& k, unsigned terms) {
    const double n = mul_rn(static_cast<double>(w), static_cast<double>(h));
    const double mr = div_rn(a.sr, n), md = div_rn(a.sd, n);
    double vr = sub_rn(div_rn(a.srr, n), mul_rn(mr, mr));
    double vd = sub_rn(div_rn(a.sdd, n), mul_rn(md, md));
    vr = 0.0 < vr ? vr : 0.0;  // std::max(0.0, v), NaN included
    vd = 0.0 < vd ? vd : 0.0;
    double cov = sub_rn(div_rn(a.srd, n), mul_rn(mr, md));
    const double root = sqrt_rn(mul_rn(vr, vd));
    if (cov < 0 && root <= 0) cov = 0;
    const double c1 = k.c1, c2 = k.c2, c3 = k.c3;
    const double l = div_rn(add_rn(mul_rn(mul_rn(2.0, mr), md), c1),
                            add_rn(add_rn(mul_rn(mr, mr), mul_rn(md, md)), c1));
    const double c = div_rn(add_rn(mul_rn(2.0, root), c2), add_rn(add_rn(vr, vd), c2));
    const double s = div_rn(add_rn(cov, c3), add_rn(root, c3));
    SsimTermSums sums;
    if (terms & kSsimTermProduct) sums.product = mul_rn(mul_rn(l, c), s);
    if (terms & kSsimTermLuminance) sums.luminance = l;
    if (terms & kSsimTermContrast) sums.contrast = c;
    if (terms & kSsimTermStructure) sums.structure = s;
    return sums;
}

}  // namespace slate_gpu::detail
