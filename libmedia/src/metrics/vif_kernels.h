// SPDX-License-Identifier: Apache-2.0
// The row kernels of VMAF's VIF (vif.cpp drives them). libvmaf's integer_vif defines the feature;
// these kernels follow it like this:
// - Scales 0 and 1 run in float on samples centred at 128 (8-bit units). The vertical means are
//   rounded to 1/256 of a level as libvmaf rounds them, and that rounding is carried into the
//   second moments as it is there, so float rounding alone separates the two: measured up to
//   1e-5 (scale 0) and 5e-5 (scale 1, a quarter of the pixels) of the score.
// - The decimation filters between scales are libvmaf's integer arithmetic, exactly.
// - Scales 2 and 3 run in double on integer-valued samples (1/256 of an 8-bit level) and
//   reproduce libvmaf's integer sums, roundings and variances; only the logarithms differ
//   (libvmaf reads them from an 11-bit fixed-point table, these are exact): measured <= 7e-6.
// Each kernel has a scalar reference (scalar_*), which defines the results and which the GPU port
// mirrors, and a SIMD version picked once for the running CPU (vif_simd.cpp). The two agree to
// float rounding at scales 0 and 1 and to the rounding of the logarithms at scales 2 and 3.
#pragma once

#include <cstdint>

#include "media/metrics/vif.h"

namespace media::metrics::detail {

inline constexpr int kVifScales = 4;
/// Filter radius per scale (widths 17, 9, 5, 3).
inline constexpr int kVifRadius[kVifScales] = {8, 4, 2, 1};
/// libvmaf's integer Gaussian taps per scale, each set summing to 65536.
inline constexpr uint16_t kVifTaps[kVifScales][17] = {
    {489, 935, 1640, 2640, 3896, 5274, 6547, 7455, 7784, 7455, 6547, 5274, 3896, 2640, 1640, 935,
     489},
    {1244, 3663, 7925, 12590, 14692, 12590, 7925, 3663, 1244},
    {3571, 16004, 26386, 16004, 3571},
    {10904, 43728, 10904},
};
/// Centre of the float samples (8-bit units): keeps the squares small in float.
inline constexpr float kVifCentre = 128.0f;

/// What one scale of VIF adds up. Pixels whose reference variance reaches sigma_n^2 = 2 (8-bit
/// units) add log2 terms; the flat rest add their count and their distorted variance.
struct VifSums {
    double num_log = 0;      ///< sum of log2(1 + g^2 sigma1^2 / (sigma_v^2 + sigma_n^2))
    double den_log = 0;      ///< sum of log2(1 + sigma1^2 / sigma_n^2)
    double flat_sigma2 = 0;  ///< sum of sigma2^2 over flat pixels, 8-bit units squared
    double flat_count = 0;   ///< number of flat pixels
};

/// The planes a row kernel reads: reference, distorted, their squares and their product.
enum VifPlane { kVifRef, kVifDist, kVifRefSq, kVifDistSq, kVifRefDist, kVifPlanes };

/// A prepared input row holds the five planes interleaved in blocks of one cache line, so one
/// pointer per row serves all of them: plane p of column j is at vif_index<F>(j, p).
template <typename F>
inline constexpr int kVifBlock = static_cast<int>(64 / sizeof(F));
template <typename F>
inline int vif_index(int j, int p) {
    return (j / kVifBlock<F>)*(kVifBlock<F> * kVifPlanes) + p * kVifBlock<F> + j % kVifBlock<F>;
}
/// Values in a prepared row `width` wide (whole blocks, plus room to read past the end).
inline int vif_prepared_row(int width) {
    return ((width + 63) / 64 + 1) * 64 * kVifPlanes;
}

/// Input of a row kernel: output rows i and, when count is 2, i + 1, from the prepared input
/// rows i - radius .. i + 1 + radius mirrored at the edges (2 * radius + 2 pointers). Scales 0
/// and 1 hold floats in 8-bit units minus kVifCentre; scales 2 and 3 integer-valued doubles in
/// 1/256 of an 8-bit level.
template <typename F>
struct VifRows {
    const F* const* rows = nullptr;
    int width = 0;
    int count = 1;
};

/// Floats (or doubles) a row kernel needs as scratch for rows `width` wide.
inline int vif_row_scratch(int width) {
    return 2 * kVifPlanes * (((width + 63) / 64) * 64 + 2 * 64);
}

/// Adds the output rows of scale `scale` (0 or 1) to `sums`; enhn_gain_limit (1 to 100) caps
/// the gain g.
void scalar_vif_rows_f32(const VifRows<float>& rows, int scale, float enhn_gain_limit,
                         float* scratch, VifSums& sums);
/// Adds the output rows of scale `scale` (2 or 3) to `sums`.
void scalar_vif_rows_f64(const VifRows<double>& rows, int scale, double enhn_gain_limit,
                         double* scratch, VifSums& sums);

/// The SIMD versions: the same sums to float rounding (f32) or to the rounding of the logarithms
/// (f64).
void vif_rows_f32(const VifRows<float>& rows, int scale, float enhn_gain_limit, float* scratch,
                  VifSums& sums);
void vif_rows_f64(const VifRows<double>& rows, int scale, double enhn_gain_limit, double* scratch,
                  VifSums& sums);

/// One prepared row from reference and distorted samples (scales 0 and 1: float, 8-bit units
/// minus kVifCentre; decimated values count as 16-bit samples) or decimated values (scales 2 and
/// 3: double). `n` columns; `out` holds vif_prepared_row(n) values.
void scalar_vif_prepare(const uint8_t* ref, const uint8_t* dist, int n, float* out);
void scalar_vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, int bit_depth,
                        float* out);
void scalar_vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, double* out);
void vif_prepare(const uint8_t* ref, const uint8_t* dist, int n, float* out);
void vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, int bit_depth, float* out);
void vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, double* out);

/// One decimated row for scale `scale` (1..3): the 2 * radius + 1 input rows around row 2r
/// (mirrored), filtered vertically with libvmaf's rounding (shift `shift`: the bit depth for
/// samples, 16 for decimated values), then horizontally (rounded >> 16) at the even columns.
/// Writes width / 2 values to `out`, which may be written up to width / 2 rounded up to 64.
/// `scratch` holds vif_decimate_scratch(width) uint32_t.
template <typename T>
struct VifDecimateRows {
    const T* const* rows = nullptr;
    int width = 0;
    int shift = 16;
};
inline int vif_decimate_scratch(int width) {
    return ((width + 63) / 64) * 64 + 4 * 64;
}
void scalar_vif_decimate_row(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch,
                             uint16_t* out);
void scalar_vif_decimate_row(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                             uint16_t* out);
void vif_decimate_row(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch,
                      uint16_t* out);
void vif_decimate_row(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                      uint16_t* out);

/// Index of row or column i of a plane n long, mirrored about the edges without repeating them
/// (libvmaf's VIF padding); planes shorter than the filter reflect again.
inline int vif_mirror(int i, int n) {
    if (n <= 1) return 0;
    const int period = 2 * (n - 1);
    i %= period;
    if (i < 0) i += period;
    return i < n ? i : period - i;
}

/// compute_vif with the SIMD kernels (simd = true, what compute_vif does) or the scalar
/// references.
VifScores compute_vif_with(const SamplePlane& ref, const SamplePlane& dist,
                           const VifOptions& options, bool simd);

}  // namespace media::metrics::detail
