// SPDX-License-Identifier: Apache-2.0
// Scalar references of the row kernels: the definitions the SIMD versions must reproduce.
#include "video_measure_rows.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "video_measure_tables.h"

namespace media::analysis::detail {

namespace {

template <typename T>
uint64_t sad(const T* a, const T* b, int n) {
    uint64_t sum = 0;
    for (int x = 0; x < n; ++x) sum += static_cast<uint64_t>(std::abs(int{a[x]} - int{b[x]}));
    return sum;
}

template <typename T>
T max_columns(const T* a, T* column_max, int n) {
    T row_max = 0;
    for (int x = 0; x < n; ++x) {
        row_max = std::max(row_max, a[x]);
        column_max[x] = std::max(column_max[x], a[x]);
    }
    return row_max;
}

template <typename T>
void summarize(const T* a, int n, const CodeThresholds& t, CodeSummary& s) {
    for (int x = 0; x < n; ++x) {
        const int code = a[x];
        s.min = std::min(s.min, code);
        s.max = std::max(s.max, code);
        s.sum += static_cast<uint64_t>(code);
        s.at_or_below += code <= t.at_or_below;
        s.below += code < t.below;
        s.above += code > t.above;
    }
}

template <typename T>
void extremes(const T* a, int n, T& low, T& high) {
    for (int x = 0; x < n; ++x) {
        low = std::min(low, a[x]);
        high = std::max(high, a[x]);
    }
}

// signalstats' test: the centre differs from both neighbours by more (on average) than the
// neighbours differ from each other, by more than `threshold`.
bool outlier(int above, int centre, int below, int threshold) {
    return (std::abs(above - centre) + std::abs(below - centre)) / 2 - std::abs(below - above) >
           threshold;
}

template <typename T>
bool outlier_at(const ToutRows<T>& r, int x, int threshold) {
    if (!outlier(r.above1[x], r.row[x], r.below1[x], threshold)) return false;
    return r.above2 == nullptr || r.below2 == nullptr ||
           outlier(r.above2[x], r.row[x], r.below2[x], threshold);
}

template <typename T>
int64_t outliers(const ToutRows<T>& rows, int n, int threshold) {
    if (rows.above1 == nullptr || rows.below1 == nullptr) return 0;
    int64_t count = 0;
    for (int x = 1; x + 1 < n; ++x)
        count += outlier_at(rows, x - 1, threshold) && outlier_at(rows, x, threshold) &&
                 outlier_at(rows, x + 1, threshold);
    return count;
}

template <typename T>
void saturation(const T* cb, const T* cr, int n, int mid, uint64_t& sum, int& peak) {
    // Codes above the depth's maximum (stray high bits) count as the maximum: the histograms do
    // the same, and u * u + v * v stays inside int.
    const int top = 2 * mid - 1;
    for (int x = 0; x < n; ++x) {
        const int u = std::min(int{cb[x]}, top) - mid, v = std::min(int{cr[x]}, top) - mid;
        const auto sat = static_cast<int>(std::sqrt(static_cast<double>(u * u + v * v)));
        sum += static_cast<uint64_t>(sat);
        peak = std::max(peak, sat);
    }
}

// Integer arithmetic throughout, so that the SIMD version agrees to the code.
template <typename T>
void limits(const T* cb, const T* cr, int n, const ChromaLimitParams& p, const LumaLimits<T>& out) {
    const int32_t round_up = (int32_t{1} << p.shift) - 1;
    const auto everything = [&](T* low, T* high, int x) {
        low[x] = static_cast<T>(p.max_code);
        high[x] = static_cast<T>(p.max_code - 1);
    };
    for (int x = 0; x < n; ++x) {
        // Stray high bits count as the maximum code (and keep the products inside int32).
        const int32_t u = std::min(int32_t{cb[x]}, p.max_code) - p.mid;
        const int32_t v = std::min(int32_t{cr[x]}, p.max_code) - p.mid;
        const int32_t red = p.cr_to_red * v, blue = p.cb_to_blue * u;
        const int32_t green = p.cb_to_green * u + p.cr_to_green * v;
        const int32_t lowest = std::min({red, green, blue}), highest = std::max({red, green, blue});
        const int32_t low = std::max((p.gamut_low - lowest + round_up) >> p.shift, 0);
        const int32_t high = std::min((p.gamut_high - highest) >> p.shift, p.max_code);
        out.gamut_low[x] = static_cast<T>(low);
        out.gamut_high[x] = static_cast<T>(high);
        if (low > high) everything(out.gamut_low, out.gamut_high, x);
        out.brng_low[x] = static_cast<T>(p.brng_luma_low);
        out.brng_high[x] = static_cast<T>(p.brng_luma_high);
        if (cb[x] < p.brng_chroma_low || cb[x] > p.brng_chroma_high || cr[x] < p.brng_chroma_low ||
            cr[x] > p.brng_chroma_high)
            everything(out.brng_low, out.brng_high, x);
        if (out.peak_add != nullptr)
            out.peak_add[x] =
                static_cast<float>(highest) / static_cast<float>(int32_t{1} << p.shift);
    }
}

template <typename T>
void outside(const T* luma, const LumaLimits<T>& l, int n, OutsideCounts& counts) {
    for (int x = 0; x < n; ++x) {
        counts.gamut += luma[x] < l.gamut_low[x] || luma[x] > l.gamut_high[x];
        counts.broadcast += luma[x] < l.brng_low[x] || luma[x] > l.brng_high[x];
    }
}

template <typename T>
void light(const T* luma, const float* peak_add, int n, const LightParams& p, double& sum,
           float& peak) {
    constexpr float kScale = static_cast<float>(kPqTableSize - 1);
    for (int x = 0; x < n; ++x) {
        const float nominal = (static_cast<float>(luma[x]) + peak_add[x] - p.black) * p.inv_range;
        const float code = std::clamp(nominal, 0.0f, 1.0f);
        const float nits = p.nits[static_cast<int>(code * kScale + 0.5f)];
        sum += nits;
        peak = std::max(peak, nits);
    }
}

float unit(float v) {
    return std::isnan(v) ? 0.0f : std::clamp(v, 0.0f, 1.0f);
}

template <typename T>
void ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p, T* y_out,
           T* cb_out, T* cr_out) {
    for (int x = 0; x < n; ++x) {
        const float red = unit(r[x]), green = unit(g[x]), blue = unit(b[x]);
        const float luma = p.kr * red + p.kg * green + p.kb * blue;
        const float pb = (blue - luma) * p.inv_cb_span, pr = (red - luma) * p.inv_cr_span;
        // +0.5 and truncation: round half up (every value here is positive).
        y_out[x] = static_cast<T>(luma * p.luma_scale + (p.luma_offset + 0.5f));
        cb_out[x] = static_cast<T>(pb * p.chroma_scale + (p.chroma_offset + 0.5f));
        cr_out[x] = static_cast<T>(pr * p.chroma_scale + (p.chroma_offset + 0.5f));
    }
}

}  // namespace

void scalar_rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                         uint8_t* y, uint8_t* cb, uint8_t* cr) {
    ycbcr(r, g, b, n, p, y, cb, cr);
}
void scalar_rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                         uint16_t* y, uint16_t* cb, uint16_t* cr) {
    ycbcr(r, g, b, n, p, y, cb, cr);
}

uint64_t scalar_sum_abs_diff(const uint8_t* a, const uint8_t* b, int n) {
    return sad(a, b, n);
}
uint64_t scalar_sum_abs_diff(const uint16_t* a, const uint16_t* b, int n) {
    return sad(a, b, n);
}
uint8_t scalar_max_and_columns(const uint8_t* a, uint8_t* column_max, int n) {
    return max_columns(a, column_max, n);
}
uint16_t scalar_max_and_columns(const uint16_t* a, uint16_t* column_max, int n) {
    return max_columns(a, column_max, n);
}
void scalar_summarize_codes(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    summarize(a, n, t, s);
}
void scalar_summarize_codes(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    summarize(a, n, t, s);
}
void scalar_min_max(const uint8_t* a, int n, uint8_t& low, uint8_t& high) {
    extremes(a, n, low, high);
}
void scalar_min_max(const uint16_t* a, int n, uint16_t& low, uint16_t& high) {
    extremes(a, n, low, high);
}
int64_t scalar_count_outliers(const ToutRows<uint8_t>& rows, int n, int threshold) {
    return outliers(rows, n, threshold);
}
int64_t scalar_count_outliers(const ToutRows<uint16_t>& rows, int n, int threshold) {
    return outliers(rows, n, threshold);
}
bool scalar_outlier_column(const ToutRows<uint8_t>& rows, int x, int threshold) {
    return outlier_at(rows, x, threshold);
}
bool scalar_outlier_column(const ToutRows<uint16_t>& rows, int x, int threshold) {
    return outlier_at(rows, x, threshold);
}
void scalar_add_saturation(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum,
                           int& peak) {
    saturation(cb, cr, n, mid, sum, peak);
}
void scalar_add_saturation(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                           int& peak) {
    saturation(cb, cr, n, mid, sum, peak);
}
void scalar_chroma_limits(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                          const LumaLimits<uint8_t>& out) {
    limits(cb, cr, n, p, out);
}
void scalar_chroma_limits(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                          const LumaLimits<uint16_t>& out) {
    limits(cb, cr, n, p, out);
}
void scalar_count_outside(const uint8_t* luma, const LumaLimits<uint8_t>& limits, int n,
                          OutsideCounts& counts) {
    outside(luma, limits, n, counts);
}
void scalar_count_outside(const uint16_t* luma, const LumaLimits<uint16_t>& limits, int n,
                          OutsideCounts& counts) {
    outside(luma, limits, n, counts);
}
void scalar_add_light(const uint8_t* luma, const float* peak_add, int n, const LightParams& p,
                      double& sum, float& peak) {
    light(luma, peak_add, n, p, sum, peak);
}
void scalar_add_light(const uint16_t* luma, const float* peak_add, int n, const LightParams& p,
                      double& sum, float& peak) {
    light(luma, peak_add, n, p, sum, peak);
}

}  // namespace media::analysis::detail
