// SPDX-License-Identifier: Apache-2.0
// Row kernels of VMAF's ADM in libvmaf's fixed-point arithmetic (its integer_adm extractor, the one
// the default models use): the db2 DWT, decoupling plus CSF, the contrast-masked cube sums and the
// reference's cube sums. Scale 0 keeps 16-bit coefficients and scales 1..3 32-bit ones, with the
// shifts, roundings and wrap-arounds libvmaf's C code has, so results match it bit for bit up to
// the final float pooling. Each kernel has a scalar reference (scalar_*, adm.cpp) and a Highway
// version (adm_simd.cpp) that agrees with it exactly; AdmKernels bundles one set of either.
// Exactness holds for every input the pipeline can produce: scale 0 coefficients within
// +-32767 (the DWT keeps them within +-27411) and scale 1..3 ones within +-2^31 / 2 (products
// of two stay inside 64 bits). Picture samples may be anything, even above their bit depth.
#pragma once

#include <cstdint>

#include "media/metrics/adm.h"

namespace media::metrics::detail {

inline constexpr int32_t kDb2Lo[4] = {15826, 27411, 7345, -4240};
inline constexpr int32_t kDb2Hi[4] = {-4240, -7345, 27411, -15826};
inline constexpr int32_t kDb2LoSum = 46342;

/// 2^30 / i for i = -32768..32768 (index i + 32768), the reciprocals the decoupling divides by.
const int32_t* adm_reciprocals();

/// The angle test of the decoupling: (ref h, v) and (dist h, v) within 1 degree, evaluated in
/// libvmaf's mix of float and double from the integer dot product and squared magnitudes.
bool adm_angle_within_1deg(int64_t dot, int64_t ref_mag_sq, int64_t dist_mag_sq);

/// a + b with 64-bit wrap-around (libvmaf's int64 sums wrap on pathological content).
inline int64_t adm_wrapping_add(int64_t a, int64_t b) {
    return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}

/// The 1 - 3 column or row index of a DWT tap k on a line of n samples: -1 mirrors to 1 and
/// n, n + 1 to n - 1, n - 2 (libvmaf's dwt2_src_indices_filt for n >= 5).
inline int adm_dwt_index(int k, int n) {
    return k < 0 ? -k : (k >= n ? 2 * n - k - 1 : k);
}

/// Scale 0 decoupling and CSF: the reciprocal thresholds in fixed point per band (h, v, d).
struct AdmCsf0 {
    int32_t factor[3] = {};
    double enhn_gain_limit = 100.0;
};

/// Scales 1..3 decoupling and CSF.
struct AdmCsfN {
    int64_t factor[3] = {};
    double enhn_gain_limit = 100.0;
};

/// Scale 0 masking and cube sums: reciprocal thresholds and the cube's rounding shifts per band.
struct AdmCm0 {
    int32_t factor[3] = {};
    int cube_shift[3] = {};
    int64_t cube_add[3] = {};
};

/// Scales 1..3 masking and cube sums.
struct AdmCmN {
    int64_t factor[3] = {};
    int cube_shift = 0;
    int64_t cube_add = 0;
};

/// The reference's cube sums of scales 1..3 (scale 0 needs no parameter).
struct AdmDenN {
    int square_shift = 31;
    uint64_t square_add = 0;
    int cube_shift = 0;
    uint64_t cube_add = 0;
};

/// Three rows or planes of one orientation each: horizontal, vertical, diagonal details.
template <typename T>
struct AdmHvd {
    T* h = nullptr;
    T* v = nullptr;
    T* d = nullptr;
    T* operator[](int i) const { return i == 0 ? h : (i == 1 ? v : d); }
};

/// One set of row kernels. Every row kernel works on columns [begin, end) of its rows.
struct AdmKernels {
    /// Vertical DWT pass of scale 0 for one output row from the four mirrored input rows:
    /// low and high pass of n columns, samples recentred around 2^(bits-1) and scaled by 2^-bits.
    void (*vertical0_u8)(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi);
    void (*vertical0_u16)(const uint16_t* const rows[4], int n, int bits, int16_t* lo, int16_t* hi);
    /// Horizontal pass of scale 0: from n low/high columns, (n + 1) / 2 outputs of the
    /// approximation (32-bit, next scale's input) and of the three detail bands.
    void (*horizontal0)(const int16_t* lo, const int16_t* hi, int n, int32_t* a,
                        AdmHvd<int16_t> out);
    /// The same two passes for scales 1..3 (scale = 1, 2 or 3 picks the shifts).
    void (*verticalN)(const int32_t* const rows[4], int n, int scale, int32_t* lo, int32_t* hi);
    void (*horizontalN)(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                        AdmHvd<int32_t> out);
    /// Decoupling and CSF of one row: restored detail r per band, and for the masking threshold
    /// the sum over bands of |csf(a)| / 30 (f) and of the centre term |csf(a)| / 15 minus it (g).
    void (*decouple0)(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
                      const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g);
    void (*decoupleN)(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
                      const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g);
    /// Masked cube sums of one row: f rows above, at and below (each readable at begin - 1 and
    /// end), g and r of the row; adds one sum per band to sums[3].
    void (*masked0)(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r, int begin,
                    int end, const AdmCm0& p, int64_t sums[3]);
    void (*maskedN)(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r, int begin,
                    int end, const AdmCmN& p, int64_t sums[3]);
    /// Cube sums of |reference detail| of one row, per band.
    void (*reference0)(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]);
    void (*referenceN)(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p,
                       uint64_t sums[3]);
};

/// The scalar references (adm.cpp) and the SIMD set for the running CPU (adm_simd.cpp).
const AdmKernels& adm_scalar_kernels();
const AdmKernels& adm_simd_kernels();

/// compute_adm with a given kernel set (the tests run the whole feature on the references).
AdmScores compute_adm_with(const SamplePlane& ref, const SamplePlane& dist,
                           const AdmOptions& options, const AdmKernels& kernels);

// The scalar references themselves, for the SIMD versions' edges and tails.
void scalar_adm_vertical0_u8(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi);
void scalar_adm_vertical0_u16(const uint16_t* const rows[4], int n, int bits, int16_t* lo,
                              int16_t* hi);
/// Horizontal passes on outputs [begin, end) only.
void scalar_adm_horizontal0_range(const int16_t* lo, const int16_t* hi, int n, int begin, int end,
                                  int32_t* a, AdmHvd<int16_t> out);
void scalar_adm_horizontal0(const int16_t* lo, const int16_t* hi, int n, int32_t* a,
                            AdmHvd<int16_t> out);
void scalar_adm_verticalN(const int32_t* const rows[4], int n, int scale, int32_t* lo, int32_t* hi);
void scalar_adm_horizontalN_range(const int32_t* lo, const int32_t* hi, int n, int scale, int begin,
                                  int end, int32_t* a, AdmHvd<int32_t> out);
void scalar_adm_horizontalN(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                            AdmHvd<int32_t> out);
void scalar_adm_decouple0(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
                          const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g);
void scalar_adm_decoupleN(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
                          const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g);
void scalar_adm_masked0(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r,
                        int begin, int end, const AdmCm0& p, int64_t sums[3]);
void scalar_adm_maskedN(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r,
                        int begin, int end, const AdmCmN& p, int64_t sums[3]);
void scalar_adm_reference0(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]);
void scalar_adm_referenceN(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p,
                           uint64_t sums[3]);

}  // namespace media::metrics::detail
