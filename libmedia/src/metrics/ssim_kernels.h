// SPDX-License-Identifier: Apache-2.0
// The kernels of libvmaf's float_ssim and float_ms_ssim (its IQA library code), one output row
// at a time, and the picture-level steps built on them. Each kernel has a scalar reference
// (scalar_*), which the GPU port mirrors, and a Highway SIMD version with the same signature
// picked once for the running CPU (ssim_simd.cpp).
//
// They reproduce libvmaf's arithmetic, rounding for rounding, not only its formulas: every
// product libvmaf rounds to float is rounded to float, every filter sums those products in
// double (the products of one window have so few significant bits between them that the double
// sum is exact, so the order does not matter) and rounds the sum to float, and the SSIM terms
// follow IQA's mix of float and double. No multiply-add is fused (these files turn contraction
// off). The SIMD kernels therefore give the references' values exactly, and both give
// libvmaf's per-frame scores to its printed 6 decimals.
//
// What libvmaf computes:
// * Samples become floats in 8-bit units: 8-bit as is, b-bit divided by 2^(b-8).
// * float_ssim first box-filters and decimates by `scale`: output (x, y) is the mean of the
//   scale x scale block whose top-left corner is (x*scale - scale/2, y*scale - scale/2),
//   mirrored at the edges (x < 0 -> -1-x, x >= w -> 2w-1-x); the output is w/scale + (w&1)
//   by h/scale + (h&1). Each sample times 1.0f/scale^2 is rounded to float, the products are
//   summed in double and the sum rounded to float.
// * SSIM: the 11x11 Gaussian window is IQA's 11 taps (kSsimTaps), applied first along rows,
//   then along columns, only where it lies inside the picture: output (x, y) covers x..x+10,
//   y..y+10, so a w x h picture has (w-10) x (h-10) window positions, and the score is the
//   mean over them. The five filtered maps are the pictures, their squares and their product.
//   Per position, with s1^2 = max(0, E[r^2] - mu1^2), s2^2 likewise, s12 = E[rd] - mu1 mu2
//   (all float) and root = sqrt(s1^2 s2^2) (float):
//     l = (2 mu1 mu2 + C1) / (mu1^2 + mu2^2 + C1)      numerator double, denominator float
//     c = (2 root + C2) / (s1^2 + s2^2 + C2)          likewise
//     s = (s12' + C3) / (root + C3)                   float; s12' = 0 where s12 < 0, root = 0
//   C1 = (0.01 * 255)^2, C2 = (0.03 * 255)^2, C3 = C2 / 2, all float. The per-position sums are
//   double, the mean is returned as a float.
// * MS-SSIM: 5 scales; between scales each picture is filtered with the 9x9 CDF 9/7 low-pass
//   (kLpf, 81 weights, mirrored edges as above) at every second sample: output (x, y) is
//   centred on (2x, 2y), w/2 + (w&1) by h/2 + (h&1). Per scale the means of l, c and s are
//   taken (as floats) and MS-SSIM = prod l_i^alpha_i c_i^beta_i s_i^gamma_i (kMsSsim*).
#pragma once

#include <cstdint>
#include <vector>

#include "media/metrics/sample_plane.h"

namespace media::metrics::detail {

inline constexpr int kSsimWindow = 11;
/// IQA's separable Gaussian, sigma 1.5, to the 6 decimals libvmaf stores (sum 1.000002).
inline constexpr float kSsimTaps[kSsimWindow] = {0.001028f, 0.007599f, 0.036001f, 0.109361f,
                                                 0.213006f, 0.266012f, 0.213006f, 0.109361f,
                                                 0.036001f, 0.007599f, 0.001028f};

inline constexpr int kLpfTaps = 9;
/// One quadrant of libvmaf's 9x9 low-pass (not exactly separable: each of the 81 weights is
/// rounded to 6 decimals). The weight at row v, column u (0..8) is kLpf[4-|v-4|][4-|u-4|].
inline constexpr float kLpf[5][5] = {
    {0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f},
    {-0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f},
    {-0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f},
    {0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f},
    {0.016114f, -0.010146f, -0.047149f, 0.160885f, 0.363505f},
};
constexpr float lpf_weight(int v, int u) {
    return kLpf[4 - (v > 4 ? v - 4 : 4 - v)][4 - (u > 4 ? u - 4 : 4 - u)];
}

inline constexpr int kMsSsimScales = 5;
/// Wang 2003's exponents as libvmaf stores them (float).
inline constexpr float kMsSsimAlpha[kMsSsimScales] = {0.0f, 0.0f, 0.0f, 0.0f, 0.1333f};
inline constexpr float kMsSsimBeta[kMsSsimScales] = {0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f};
inline constexpr float kMsSsimGamma[kMsSsimScales] = {0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f};

/// SSIM's stabilising constants, computed in float as IQA does (K1 = 0.01, K2 = 0.03, L = 255).
struct SsimConstants {
    float c1, c2, c3;
};
SsimConstants ssim_constants();

/// One row of the five maps filtered along the row (ref, dist, ref^2, dist^2, ref*dist).
struct MomentRows {
    float* ref = nullptr;
    float* dist = nullptr;
    float* ref_sq = nullptr;
    float* dist_sq = nullptr;
    float* cross = nullptr;
};

/// Which per-position terms ssim_vertical_terms adds up (a bit set).
enum SsimTerm : unsigned {
    kSsimProduct = 1u,    ///< l * c * s (float_ssim)
    kSsimLuminance = 2u,  ///< l
    kSsimContrast = 4u,   ///< c
    kSsimStructure = 8u,  ///< s
};

/// Sums of the per-position terms over the positions seen so far.
struct SsimSums {
    double product = 0.0;
    double luminance = 0.0;
    double contrast = 0.0;
    double structure = 0.0;
};

/// Samples to floats in 8-bit units: out = in * scale, scale = 2^(8 - bits) (exact).
void scalar_to_float(const uint8_t* in, int n, float* out);
void scalar_to_float(const uint16_t* in, int n, float scale, float* out);
void to_float(const uint8_t* in, int n, float* out);
void to_float(const uint16_t* in, int n, float scale, float* out);

/// The window along one row of both pictures: n outputs (the rows have n + 10 samples).
void scalar_ssim_horizontal(const float* ref, const float* dist, int n, const MomentRows& out);
void ssim_horizontal(const float* ref, const float* dist, int n, const MomentRows& out);

/// The window down 11 horizontal rows (top first), then the terms of the n positions of the
/// output row, added to `sums`.
void scalar_ssim_vertical_terms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums);
void ssim_vertical_terms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums);

/// Box decimation, vertical part: out[x] = sum over `count` rows of (double)(row[x] * weight).
void scalar_box_column_sums(const float* const* rows, int count, int n, float weight, double* out);
void box_column_sums(const float* const* rows, int count, int n, float weight, double* out);

/// Low-pass decimation, first part: one input row, mirrored by 4 samples at either edge and
/// split into its even and odd columns: even[m] = in[2m - 4], odd[m] = in[2m - 3] (mirrored
/// into 0..w-1), m < count.
void scalar_lpf_split(const float* in, int w, int count, float* even, float* odd);
void lpf_split(const float* in, int w, int count, float* even, float* odd);

/// Low-pass decimation, second part: n outputs from the 9 split rows of the filter (top
/// first; each has n + 4 entries).
void scalar_lpf_row(const float* const* even, const float* const* odd, int n, float* out);
void lpf_row(const float* const* even, const float* const* odd, int n, float* out);

/// The Highway target the SIMD kernels run on ("AVX3", "AVX2", ...).
const char* ssim_kernels_target();
/// For the parity tests: the Highway targets compiled in that this CPU runs, and a way to make
/// every Highway kernel of the process (PSNR's too) run on one of them (0: the best again).
std::vector<int64_t> simd_targets();
void use_simd_target(int64_t target);

/// x mirrored into 0..n-1 as IQA's symmetric boundary does (-1 -> 0, n -> n-1), repeated for
/// pictures smaller than the filter reach.
int mirror_index(int x, int n);

/// A kernel set: the SIMD versions or the scalar references, for the whole-metric parity tests.
struct SsimKernels {
    void (*horizontal)(const float*, const float*, int, const MomentRows&);
    void (*vertical_terms)(const MomentRows*, int, unsigned, SsimSums&);
    void (*box_column_sums)(const float* const*, int, int, float, double*);
    void (*lpf_split)(const float*, int, int, float*, float*);
    void (*lpf_row)(const float* const*, const float* const*, int, float*);
};
const SsimKernels& simd_ssim_kernels();
const SsimKernels& scalar_ssim_kernels();

/// A picture of floats in 8-bit units, rows packed.
struct FloatPicture {
    const float* data = nullptr;
    int width = 0;
    int height = 0;
    const float* row(int y) const { return data + static_cast<int64_t>(y) * width; }
};

/// A plane's samples as floats in 8-bit units, rows packed (width floats apart).
void plane_to_float(const SamplePlane& plane, float* out);

/// SSIM term sums and the number of window positions of two float pictures of the same size.
/// A picture smaller than the window in either direction is scored as one window covering it
/// all with equal weights (libvmaf refuses such pictures).
struct SsimResult {
    SsimSums sums;
    int64_t positions = 0;
};
SsimResult ssim_pictures(const FloatPicture& ref, const FloatPicture& dist, unsigned terms,
                         const SsimKernels& kernels);

/// Output size of IQA's decimation by `factor` (n/factor + (n&1)), at least 1.
int decimated_size(int n, int factor);

/// Picture `in` low-pass filtered and decimated by 2 for the next MS-SSIM scale, into `out`
/// (decimated_size(w, 2) x decimated_size(h, 2) floats).
void lpf_decimate(const FloatPicture& in, float* out, const SsimKernels& kernels);

/// float_ssim and float_ms_ssim with a chosen kernel set (the public functions use the SIMD one).
double float_ssim_with(const SamplePlane& ref, const SamplePlane& dist, int scale,
                       const SsimKernels& kernels);
double float_ms_ssim_with(const SamplePlane& ref, const SamplePlane& dist,
                          const SsimKernels& kernels);

}  // namespace media::metrics::detail
