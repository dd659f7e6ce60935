// SPDX-License-Identifier: Apache-2.0
// Row kernels of the per-frame measures: the loops every sample of a plane goes through. Each
// has a scalar reference (scalar_*) and a SIMD version picked once for the running CPU (Highway
// dynamic dispatch, video_measure_simd.cpp); the parity tests compare the two. Integer kernels
// agree exactly; add_light sums floats in a different order and agrees to float rounding.
#pragma once

#include <cstdint>

namespace media::analysis::detail {

/// The five luma rows TOUT looks at, centre `row`; rows outside the picture are null. A pixel is
/// a temporal outlier when it stands out against its vertical neighbours at distance 1 and,
/// where the picture has them, at distance 2, and so do its left and right neighbours.
template <typename T>
struct ToutRows {
    const T* above2 = nullptr;
    const T* above1 = nullptr;
    const T* row = nullptr;
    const T* below1 = nullptr;
    const T* below2 = nullptr;
};

/// Y'CbCr -> R'G'B' gamut and broadcast-range limits in fixed point: luma codes times
/// 2^shift. For one chroma sample, R' = luma_to_nominal(Y') + cr_to_red * (Cr - mid) / 2^shift
/// (in luma codes), and similarly for G' and B'; `gamut_low`/`gamut_high` are the luma codes
/// (times 2^shift) at which a neutral pixel reaches the lower/upper gamut limit.
struct ChromaLimitParams {
    int shift = 16;
    int mid = 128;
    int max_code = 255;
    int32_t cr_to_red = 0, cb_to_green = 0, cr_to_green = 0, cb_to_blue = 0;
    int32_t gamut_low = 0, gamut_high = 0;
    int brng_chroma_low = 16, brng_chroma_high = 240;  ///< signalstats' BRNG, chroma
    int brng_luma_low = 16, brng_luma_high = 235;      ///< and luma
};

/// Per chroma sample, the luma range that keeps a pixel inside: a pixel of luma Y' is outside
/// the gamut when Y' < gamut_low or Y' > gamut_high, outside broadcast range likewise with the
/// brng pair (a chroma sample outside broadcast range gives max/max-1: every Y' is outside).
/// `peak_add` (may be null): what the largest of R', G', B' adds to Y', in luma codes (PQ light).
template <typename T>
struct LumaLimits {
    T* gamut_low = nullptr;
    T* gamut_high = nullptr;
    T* brng_low = nullptr;
    T* brng_high = nullptr;
    float* peak_add = nullptr;
};

/// PQ content light of a row: nominal = (Y' + peak_add - black) / range, clamped to 0..1, then
/// the EOTF table at the nearest of its kPqTableSize entries.
struct LightParams {
    float black = 0.0f;
    float inv_range = 1.0f;
    const float* nits = nullptr;
};

struct OutsideCounts {
    int64_t gamut = 0;
    int64_t broadcast = 0;
};

/// Codes counted against three thresholds (black, legal range); a negative `at_or_below` counts
/// nothing.
struct CodeThresholds {
    int at_or_below = -1;
    int below = 0;
    int above = 65535;
};

/// Running facts about a plane's codes: extremes, sum and the counts against CodeThresholds.
struct CodeSummary {
    int min = 65535;
    int max = 0;
    uint64_t sum = 0;
    int64_t at_or_below = 0;
    int64_t below = 0;
    int64_t above = 0;
};

/// R'G'B' (nominal 0..1; NaN taken as 0, then clamped to 0..1) to Y'CbCr codes, rounded:
/// Y' = luma_offset + luma_scale * (kr R' + kg G' + kb B'), Cb = chroma_offset + chroma_scale *
/// (B' - Y') / (2 (1 - kb)), Cr likewise with R' and kr.
struct RgbToYcbcr {
    float kr = 0.2126f, kg = 0.7152f, kb = 0.0722f;
    float inv_cb_span = 1.0f, inv_cr_span = 1.0f;  ///< 1 / (2 (1 - kb)), 1 / (2 (1 - kr))
    float luma_scale = 219.0f, luma_offset = 16.0f;
    float chroma_scale = 224.0f, chroma_offset = 128.0f;
};

/// Sum of |a[x] - b[x]| over n samples.
uint64_t sum_abs_diff(const uint8_t* a, const uint8_t* b, int n);
uint64_t sum_abs_diff(const uint16_t* a, const uint16_t* b, int n);
/// The row's maximum; also raises column_max[x] to a[x].
uint8_t max_and_columns(const uint8_t* a, uint8_t* column_max, int n);
uint16_t max_and_columns(const uint16_t* a, uint16_t* column_max, int n);
/// Adds n codes to the summary.
void summarize_codes(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s);
void summarize_codes(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s);
/// The smallest and largest sample of a row.
void min_max(const uint8_t* a, int n, uint8_t& low, uint8_t& high);
void min_max(const uint16_t* a, int n, uint16_t& low, uint16_t& high);
/// signalstats' TOUT count of one row (x in 1..n-2); `threshold` is 4 for 8-bit samples.
/// `scratch` holds n samples.
int64_t count_outliers(const ToutRows<uint8_t>& rows, int n, int threshold, uint8_t* scratch);
int64_t count_outliers(const ToutRows<uint16_t>& rows, int n, int threshold, uint16_t* scratch);
/// signalstats' saturation of n chroma pairs of up to 10 bits: adds floor(hypot(Cb - mid,
/// Cr - mid)) to `sum` and raises `peak` to the largest.
void add_saturation(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum, int& peak);
void add_saturation(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                    int& peak);
/// LumaLimits of n chroma samples.
void chroma_limits(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                   const LumaLimits<uint8_t>& out);
void chroma_limits(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                   const LumaLimits<uint16_t>& out);
/// Adds the row's pixels outside the gamut and outside broadcast range.
void count_outside(const uint8_t* luma, const LumaLimits<uint8_t>& limits, int n,
                   OutsideCounts& counts);
void count_outside(const uint16_t* luma, const LumaLimits<uint16_t>& limits, int n,
                   OutsideCounts& counts);
/// Adds the row's content light (sum and maximum of max(R,G,B) in cd/m²).
void add_light(const uint8_t* luma, const float* peak_add, int n, const LightParams& p, double& sum,
               float& peak);
void add_light(const uint16_t* luma, const float* peak_add, int n, const LightParams& p,
               double& sum, float& peak);
/// One row of R'G'B' to Y'CbCr codes (see RgbToYcbcr).
void rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint8_t* y, uint8_t* cb, uint8_t* cr);
void rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint16_t* y, uint16_t* cb, uint16_t* cr);
/// out[x] = in[x] * scale (integer codes to nominal 0..1).
void codes_to_unit(const uint16_t* in, int n, float scale, float* out);
/// out[2x] = out[2x + 1] = in[x] for x < n (4:2:x chroma to luma width).
void widen2(const uint8_t* in, int n, uint8_t* out);
void widen2(const uint16_t* in, int n, uint16_t* out);
void widen2(const float* in, int n, float* out);

uint64_t scalar_sum_abs_diff(const uint8_t* a, const uint8_t* b, int n);
uint64_t scalar_sum_abs_diff(const uint16_t* a, const uint16_t* b, int n);
uint8_t scalar_max_and_columns(const uint8_t* a, uint8_t* column_max, int n);
uint16_t scalar_max_and_columns(const uint16_t* a, uint16_t* column_max, int n);
void scalar_summarize_codes(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s);
void scalar_summarize_codes(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s);
void scalar_min_max(const uint8_t* a, int n, uint8_t& low, uint8_t& high);
void scalar_min_max(const uint16_t* a, int n, uint16_t& low, uint16_t& high);
int64_t scalar_count_outliers(const ToutRows<uint8_t>& rows, int n, int threshold);
/// Whether column x alone passes TOUT's test (the count needs its neighbours to pass too).
bool scalar_outlier_column(const ToutRows<uint8_t>& rows, int x, int threshold);
bool scalar_outlier_column(const ToutRows<uint16_t>& rows, int x, int threshold);
int64_t scalar_count_outliers(const ToutRows<uint16_t>& rows, int n, int threshold);
void scalar_add_saturation(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum,
                           int& peak);
void scalar_add_saturation(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                           int& peak);
void scalar_chroma_limits(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                          const LumaLimits<uint8_t>& out);
void scalar_chroma_limits(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                          const LumaLimits<uint16_t>& out);
void scalar_count_outside(const uint8_t* luma, const LumaLimits<uint8_t>& limits, int n,
                          OutsideCounts& counts);
void scalar_count_outside(const uint16_t* luma, const LumaLimits<uint16_t>& limits, int n,
                          OutsideCounts& counts);
void scalar_add_light(const uint8_t* luma, const float* peak_add, int n, const LightParams& p,
                      double& sum, float& peak);
void scalar_add_light(const uint16_t* luma, const float* peak_add, int n, const LightParams& p,
                      double& sum, float& peak);
void scalar_rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                         uint8_t* y, uint8_t* cb, uint8_t* cr);
void scalar_rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                         uint16_t* y, uint16_t* cb, uint16_t* cr);

/// The SIMD target the kernels run on ("AVX2", "AVX3"...), for benchmarks and logs.
const char* row_kernels_target();

}  // namespace media::analysis::detail
