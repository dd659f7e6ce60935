// SPDX-License-Identifier: Apache-2.0
// The row kernels of the per-frame measures in SIMD, written once with Highway and compiled for
// every target it knows; the best one for the running CPU is picked on first call
// (HWY_DYNAMIC_DISPATCH). Tails shorter than a vector go to the scalar references, which define
// the results (video_measure_rows.cpp).
#include "video_measure_rows.h"
#include "video_measure_tables.h"

// Highway's order matters: foreach_target.h re-includes this file once per target. The name is
// found through libmedia/include, the one include folder this module's build gives (the colour
// module adds its own source folder instead; the analysis CMake file stays untouched).
// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/analysis/video_measure_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#include <algorithm>
#include <cstddef>

HWY_BEFORE_NAMESPACE();
namespace media::analysis::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
// One-lane vectors cannot be reinterpreted as narrower lanes: the scalar references serve.
uint64_t SadU8(const uint8_t* a, const uint8_t* b, int n) {
    return scalar_sum_abs_diff(a, b, n);
}
uint64_t SadU16(const uint16_t* a, const uint16_t* b, int n) {
    return scalar_sum_abs_diff(a, b, n);
}
uint8_t MaxColumnsU8(const uint8_t* a, uint8_t* c, int n) {
    return scalar_max_and_columns(a, c, n);
}
uint16_t MaxColumnsU16(const uint16_t* a, uint16_t* c, int n) {
    return scalar_max_and_columns(a, c, n);
}
void SummarizeU8(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    scalar_summarize_codes(a, n, t, s);
}
void SummarizeU16(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    scalar_summarize_codes(a, n, t, s);
}
void MinMaxU8(const uint8_t* a, int n, uint8_t& lo, uint8_t& hi) {
    scalar_min_max(a, n, lo, hi);
}
void MinMaxU16(const uint16_t* a, int n, uint16_t& lo, uint16_t& hi) {
    scalar_min_max(a, n, lo, hi);
}
int64_t CountOutliersU8(const ToutRows<uint8_t>& r, int n, int t, uint8_t*) {
    return scalar_count_outliers(r, n, t);
}
int64_t CountOutliersU16(const ToutRows<uint16_t>& r, int n, int t, uint16_t*) {
    return scalar_count_outliers(r, n, t);
}
void SaturationU8(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum, int& peak) {
    scalar_add_saturation(cb, cr, n, mid, sum, peak);
}
void SaturationU16(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                   int& peak) {
    scalar_add_saturation(cb, cr, n, mid, sum, peak);
}
void ChromaLimitsU8(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                    const LumaLimits<uint8_t>& out) {
    scalar_chroma_limits(cb, cr, n, p, out);
}
void ChromaLimitsU16(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                     const LumaLimits<uint16_t>& out) {
    scalar_chroma_limits(cb, cr, n, p, out);
}
void CountOutsideU8(const uint8_t* y, const LumaLimits<uint8_t>& l, int n, OutsideCounts& c) {
    scalar_count_outside(y, l, n, c);
}
void CountOutsideU16(const uint16_t* y, const LumaLimits<uint16_t>& l, int n, OutsideCounts& c) {
    scalar_count_outside(y, l, n, c);
}
void AddLightU8(const uint8_t* y, const float* a, int n, const LightParams& p, double& s,
                float& m) {
    scalar_add_light(y, a, n, p, s, m);
}
void AddLightU16(const uint16_t* y, const float* a, int n, const LightParams& p, double& s,
                 float& m) {
    scalar_add_light(y, a, n, p, s, m);
}
template <typename T>
void Widen2(const T* in, int n, T* out) {
    for (int i = 0; i < n; ++i) out[2 * i] = out[2 * i + 1] = in[i];
}
void RgbToYcbcrU8(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint8_t* y, uint8_t* cb, uint8_t* cr) {
    scalar_rgb_to_ycbcr(r, g, b, n, p, y, cb, cr);
}
void RgbToYcbcrU16(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                   uint16_t* y, uint16_t* cb, uint16_t* cr) {
    scalar_rgb_to_ycbcr(r, g, b, n, p, y, cb, cr);
}
void CodesToUnit(const uint16_t* in, int n, float scale, float* out) {
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>(in[i]) * scale;
}
void Widen2U8(const uint8_t* in, int n, uint8_t* out) {
    Widen2(in, n, out);
}
void Widen2U16(const uint16_t* in, int n, uint16_t* out) {
    Widen2(in, n, out);
}
void Widen2U32(const uint32_t* in, int n, uint32_t* out) {
    Widen2(in, n, out);
}
#else
// |a - b| of unsigned lanes without widening.
template <class V>
V AbsDiffU(V a, V b) {
    return hn::Or(hn::SaturatedSub(a, b), hn::SaturatedSub(b, a));
}

template <class D>
size_t Whole(D d, int n) {
    const size_t lanes = hn::Lanes(d);
    return n <= 0 ? 0 : static_cast<size_t>(n) / lanes * lanes;
}

uint64_t SadU8(const uint8_t* a, const uint8_t* b, int n) {
    const hn::ScalableTag<uint8_t> d;
    const hn::Repartition<uint64_t, decltype(d)> d64;
    auto acc = hn::Zero(d64);
    const size_t end = Whole(d, n);
    for (size_t i = 0; i < end; i += hn::Lanes(d))
        acc = hn::Add(acc, hn::SumsOf8(AbsDiffU(hn::LoadU(d, a + i), hn::LoadU(d, b + i))));
    uint64_t sum = hn::GetLane(hn::SumOfLanes(d64, acc));
    return sum + scalar_sum_abs_diff(a + end, b + end, n - static_cast<int>(end));
}

// 32-bit lanes take two 16-bit differences per step: 2^15 steps stay below 2^32.
uint64_t SadU16(const uint16_t* a, const uint16_t* b, int n) {
    const hn::ScalableTag<uint16_t> d;
    const hn::Repartition<uint32_t, decltype(d)> d32;
    const hn::Repartition<uint64_t, decltype(d)> d64;
    const auto low_half = hn::Set(d32, 0xFFFFu);
    const size_t end = Whole(d, n);
    uint64_t sum = 0;
    for (size_t start = 0; start < end;) {
        auto acc = hn::Zero(d32);
        const size_t stop = std::min(end, start + (size_t{1} << 15) * hn::Lanes(d));
        for (; start < stop; start += hn::Lanes(d)) {
            const auto diff =
                hn::BitCast(d32, AbsDiffU(hn::LoadU(d, a + start), hn::LoadU(d, b + start)));
            acc = hn::Add(acc, hn::Add(hn::And(diff, low_half), hn::ShiftRight<16>(diff)));
        }
        const auto wide = hn::BitCast(d64, acc);
        const auto pairs =
            hn::Add(hn::And(wide, hn::Set(d64, 0xFFFFFFFFull)), hn::ShiftRight<32>(wide));
        sum += hn::GetLane(hn::SumOfLanes(d64, pairs));
    }
    return sum + scalar_sum_abs_diff(a + end, b + end, n - static_cast<int>(end));
}

template <typename T>
T MaxColumns(const T* a, T* column_max, int n) {
    const hn::ScalableTag<T> d;
    auto row = hn::Zero(d);
    const size_t end = Whole(d, n);
    for (size_t i = 0; i < end; i += hn::Lanes(d)) {
        const auto v = hn::LoadU(d, a + i);
        row = hn::Max(row, v);
        hn::StoreU(hn::Max(hn::LoadU(d, column_max + i), v), d, column_max + i);
    }
    HWY_ALIGN T lanes[HWY_MAX_BYTES / sizeof(T)];
    hn::Store(row, d, lanes);
    const T vector_max = *std::max_element(lanes, lanes + hn::Lanes(d));
    const int done = static_cast<int>(end);
    return std::max(vector_max, scalar_max_and_columns(a + done, column_max + done, n - done));
}
uint8_t MaxColumnsU8(const uint8_t* a, uint8_t* c, int n) {
    return MaxColumns(a, c, n);
}
uint16_t MaxColumnsU16(const uint16_t* a, uint16_t* c, int n) {
    return MaxColumns(a, c, n);
}

template <typename T>
void MinMax(const T* a, int n, T& low, T& high) {
    const hn::ScalableTag<T> d;
    auto lo = hn::Set(d, low), hi = hn::Set(d, high);
    const size_t end = Whole(d, n);
    for (size_t i = 0; i < end; i += hn::Lanes(d)) {
        const auto v = hn::LoadU(d, a + i);
        lo = hn::Min(lo, v);
        hi = hn::Max(hi, v);
    }
    HWY_ALIGN T lanes[HWY_MAX_BYTES / sizeof(T)];
    hn::Store(lo, d, lanes);
    low = *std::min_element(lanes, lanes + hn::Lanes(d));
    hn::Store(hi, d, lanes);
    high = *std::max_element(lanes, lanes + hn::Lanes(d));
    scalar_min_max(a + end, n - static_cast<int>(end), low, high);
}
void MinMaxU8(const uint8_t* a, int n, uint8_t& lo, uint8_t& hi) {
    MinMax(a, n, lo, hi);
}
void MinMaxU16(const uint16_t* a, int n, uint16_t& lo, uint16_t& hi) {
    MinMax(a, n, lo, hi);
}

// Sum of unsigned lanes into 64-bit lanes: bytes through SumsOf8, 16-bit lanes in two steps.
template <class D>
auto WidenSum(D d, hn::Vec<D> v) {
    if constexpr (sizeof(hn::TFromD<D>) == 1) {
        return hn::SumsOf8(v);
    } else {
        const hn::Repartition<uint32_t, D> d32;
        const hn::Repartition<uint64_t, D> d64;
        const auto wide = hn::BitCast(d32, v);
        const auto pairs = hn::Add(hn::And(wide, hn::Set(d32, 0xFFFFu)), hn::ShiftRight<16>(wide));
        const auto quads = hn::BitCast(d64, pairs);
        return hn::Add(hn::And(quads, hn::Set(d64, 0xFFFFFFFFull)), hn::ShiftRight<32>(quads));
    }
}

// A count threshold as a lane value, with the comparison the lane type allows: `code <= t`
// everywhere, or every lane / no lane when t lies beyond the type's range.
template <class D>
struct LaneThreshold {
    hn::Vec<D> value;
    bool none = false;
    bool all = false;
};

template <class D>
LaneThreshold<D> AtOrBelow(D d, int t) {
    using T = hn::TFromD<D>;
    constexpr int kTop = static_cast<T>(~T{0});
    return {hn::Set(d, static_cast<T>(std::clamp(t, 0, kTop))), t < 0, t >= kTop};
}

// Adds 1 to the lanes where code <= t (all-ones masks are -1).
template <class D, class V>
V CountLanes(D d, V counter, V v, const LaneThreshold<D>& t) {
    if (t.none) return counter;
    if (t.all) return hn::Add(counter, hn::Set(d, 1));
    return hn::Sub(counter, hn::VecFromMask(d, hn::Not(hn::Gt(v, t.value))));
}

template <class D, class V>
int64_t LaneTotal(D d, V counter) {
    const hn::Repartition<uint64_t, D> d64;
    return static_cast<int64_t>(hn::GetLane(hn::SumOfLanes(d64, WidenSum(d, counter))));
}

// Per-lane counters of T count at most 2^bits - 1 steps before they are added up.
template <typename T>
void Summarize(const T* a, int n, const CodeThresholds& t, CodeSummary& s) {
    const hn::ScalableTag<T> d;
    const hn::Repartition<uint64_t, decltype(d)> d64;
    const size_t lanes = hn::Lanes(d), end = Whole(d, n);
    constexpr int kTop = static_cast<T>(~T{0});
    constexpr size_t kSteps = kTop;
    auto lo = hn::Set(d, static_cast<T>(std::clamp(s.min, 0, kTop)));
    auto hi = hn::Set(d, static_cast<T>(std::clamp(s.max, 0, kTop)));
    auto total = hn::Zero(d64);
    // below: code < t is code <= t - 1; above: code > t is the complement of code <= t.
    const auto black = AtOrBelow(d, t.at_or_below), below = AtOrBelow(d, t.below - 1);
    const auto not_above = AtOrBelow(d, t.above);
    for (size_t start = 0; start < end;) {
        auto n_black = hn::Zero(d), n_below = hn::Zero(d), n_not_above = hn::Zero(d);
        const size_t stop = std::min(end, start + kSteps * lanes), steps = (stop - start) / lanes;
        for (; start < stop; start += lanes) {
            const auto v = hn::LoadU(d, a + start);
            lo = hn::Min(lo, v);
            hi = hn::Max(hi, v);
            total = hn::Add(total, WidenSum(d, v));
            n_black = CountLanes(d, n_black, v, black);
            n_below = CountLanes(d, n_below, v, below);
            n_not_above = CountLanes(d, n_not_above, v, not_above);
        }
        s.at_or_below += LaneTotal(d, n_black);
        s.below += LaneTotal(d, n_below);
        s.above += static_cast<int64_t>(steps * lanes) - LaneTotal(d, n_not_above);
    }
    HWY_ALIGN T lane[HWY_MAX_BYTES / sizeof(T)];
    hn::Store(lo, d, lane);
    s.min = std::min<int>(s.min, *std::min_element(lane, lane + lanes));
    hn::Store(hi, d, lane);
    s.max = std::max<int>(s.max, *std::max_element(lane, lane + lanes));
    s.sum += hn::GetLane(hn::SumOfLanes(d64, total));
    scalar_summarize_codes(a + end, n - static_cast<int>(end), t, s);
}
void SummarizeU8(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    Summarize(a, n, t, s);
}
void SummarizeU16(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    Summarize(a, n, t, s);
}

// floor((|a-c| + |b-c|) / 2) > |b-a| + threshold, without leaving the lane width: the floor of
// the mean is (x & y) + ((x ^ y) >> 1), and a saturated right side can never be exceeded.
template <class V>
auto OutlierMask(V above, V centre, V below, V threshold) {
    const V d1 = AbsDiffU(above, centre), d2 = AbsDiffU(below, centre);
    const V mean = hn::Add(hn::And(d1, d2), hn::ShiftRight<1>(hn::Xor(d1, d2)));
    return hn::Gt(mean, hn::SaturatedAdd(AbsDiffU(below, above), threshold));
}

// Pass 1 marks every outlier column (all-ones lanes) in `scratch`, pass 2 counts the columns
// whose left and right neighbours are marked too.
template <typename T>
int64_t CountOutliers(const ToutRows<T>& r, int n, int threshold, T* scratch) {
    if (r.above1 == nullptr || r.below1 == nullptr || n < 3) return 0;
    const hn::ScalableTag<T> d;
    const size_t lanes = hn::Lanes(d), end = Whole(d, n);
    const auto thr = hn::Set(d, static_cast<T>(threshold));
    const bool inner = r.above2 != nullptr && r.below2 != nullptr;
    for (size_t i = 0; i < end; i += lanes) {
        const auto c = hn::LoadU(d, r.row + i);
        auto m = OutlierMask(hn::LoadU(d, r.above1 + i), c, hn::LoadU(d, r.below1 + i), thr);
        if (inner)
            m = hn::And(
                m, OutlierMask(hn::LoadU(d, r.above2 + i), c, hn::LoadU(d, r.below2 + i), thr));
        hn::StoreU(hn::VecFromMask(d, m), d, scratch + i);
    }
    for (size_t x = end; x < static_cast<size_t>(n); ++x)
        scratch[x] = scalar_outlier_column(r, static_cast<int>(x), threshold) ? T(~T{0}) : T{0};
    int64_t count = 0;
    size_t x = 1;
    for (; x + lanes + 1 <= static_cast<size_t>(n); x += lanes) {
        const auto v = hn::And(hn::And(hn::LoadU(d, scratch + x - 1), hn::LoadU(d, scratch + x)),
                               hn::LoadU(d, scratch + x + 1));
        count += static_cast<int64_t>(hn::CountTrue(d, hn::MaskFromVec(v)));
    }
    for (; x + 1 < static_cast<size_t>(n); ++x)
        count += scratch[x - 1] && scratch[x] && scratch[x + 1];
    return count;
}
int64_t CountOutliersU8(const ToutRows<uint8_t>& r, int n, int t, uint8_t* s) {
    return CountOutliers(r, n, t, s);
}
int64_t CountOutliersU16(const ToutRows<uint16_t>& r, int n, int t, uint16_t* s) {
    return CountOutliers(r, n, t, s);
}

// floor(sqrt(u^2 + v^2)) in float, codes clamped to the depth: exact for 10-bit pairs (the sum is
// below 2^24, and no integer square root below 2896 is rounded up by a float sqrt).
template <typename T>
void Saturation(const T* cb, const T* cr, int n, int mid, uint64_t& sum, int& peak) {
    const hn::ScalableTag<int32_t> di;
    const hn::Rebind<T, decltype(di)> dt;
    const hn::Rebind<float, decltype(di)> df;
    const size_t lanes = hn::Lanes(di), end = Whole(di, n);
    const auto middle = hn::Set(di, mid);
    const auto top = hn::Set(di, 2 * mid - 1);  // stray high bits count as the maximum code
    auto total = hn::Zero(di), largest = hn::Zero(di);
    for (size_t i = 0; i < end; i += lanes) {
        const auto u = hn::Sub(hn::Min(hn::PromoteTo(di, hn::LoadU(dt, cb + i)), top), middle);
        const auto v = hn::Sub(hn::Min(hn::PromoteTo(di, hn::LoadU(dt, cr + i)), top), middle);
        const auto squared = hn::Add(hn::Mul(u, u), hn::Mul(v, v));
        const auto sat = hn::ConvertTo(di, hn::Sqrt(hn::ConvertTo(df, squared)));
        total = hn::Add(total, sat);
        largest = hn::Max(largest, sat);
    }
    HWY_ALIGN int32_t lane[HWY_MAX_BYTES / sizeof(int32_t)];
    hn::Store(total, di, lane);
    for (size_t i = 0; i < lanes; ++i) sum += static_cast<uint64_t>(lane[i]);
    hn::Store(largest, di, lane);
    peak = std::max(peak, *std::max_element(lane, lane + lanes));
    scalar_add_saturation(cb + end, cr + end, n - static_cast<int>(end), mid, sum, peak);
}
void SaturationU8(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum, int& peak) {
    Saturation(cb, cr, n, mid, sum, peak);
}
void SaturationU16(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                   int& peak) {
    Saturation(cb, cr, n, mid, sum, peak);
}

// Lanes of i32 chroma (n lanes of T promoted), then the same integer steps as the reference.
template <typename T>
void ChromaLimits(const T* cb, const T* cr, int n, const ChromaLimitParams& p,
                  const LumaLimits<T>& out) {
    const hn::ScalableTag<int32_t> di;
    const hn::Rebind<T, decltype(di)> dt;
    const hn::Rebind<float, decltype(di)> df;
    const size_t lanes = hn::Lanes(di), end = Whole(di, n);
    const auto mid = hn::Set(di, p.mid), top = hn::Set(di, p.max_code);
    const auto below_top = hn::Set(di, p.max_code - 1), zero = hn::Zero(di);
    const auto round_up = hn::Set(di, (int32_t{1} << p.shift) - 1);
    const auto c_low = hn::Set(di, p.brng_chroma_low), c_high = hn::Set(di, p.brng_chroma_high);
    const float to_codes = 1.0f / static_cast<float>(int32_t{1} << p.shift);
    for (size_t i = 0; i < end; i += lanes) {
        const auto u_code = hn::PromoteTo(di, hn::LoadU(dt, cb + i));
        const auto v_code = hn::PromoteTo(di, hn::LoadU(dt, cr + i));
        // Codes above the depth's maximum (stray high bits) count as the maximum, which also
        // keeps the fixed-point products inside int32.
        const auto u = hn::Sub(hn::Min(u_code, top), mid), v = hn::Sub(hn::Min(v_code, top), mid);
        const auto red = hn::Mul(hn::Set(di, p.cr_to_red), v);
        const auto blue = hn::Mul(hn::Set(di, p.cb_to_blue), u);
        const auto green =
            hn::Add(hn::Mul(hn::Set(di, p.cb_to_green), u), hn::Mul(hn::Set(di, p.cr_to_green), v));
        const auto lowest = hn::Min(red, hn::Min(green, blue));
        const auto highest = hn::Max(red, hn::Max(green, blue));
        auto low = hn::ShiftRightSame(hn::Add(hn::Sub(hn::Set(di, p.gamut_low), lowest), round_up),
                                      p.shift);
        auto high = hn::ShiftRightSame(hn::Sub(hn::Set(di, p.gamut_high), highest), p.shift);
        low = hn::Max(low, zero);
        high = hn::Min(high, top);
        const auto all_out = hn::Gt(low, high);
        hn::StoreU(hn::DemoteTo(dt, hn::IfThenElse(all_out, top, low)), dt, out.gamut_low + i);
        hn::StoreU(hn::DemoteTo(dt, hn::IfThenElse(all_out, below_top, high)), dt,
                   out.gamut_high + i);
        const auto bad = hn::Or(hn::Or(hn::Lt(u_code, c_low), hn::Gt(u_code, c_high)),
                                hn::Or(hn::Lt(v_code, c_low), hn::Gt(v_code, c_high)));
        const auto b_low = hn::IfThenElse(bad, top, hn::Set(di, p.brng_luma_low));
        const auto b_high = hn::IfThenElse(bad, below_top, hn::Set(di, p.brng_luma_high));
        hn::StoreU(hn::DemoteTo(dt, b_low), dt, out.brng_low + i);
        hn::StoreU(hn::DemoteTo(dt, b_high), dt, out.brng_high + i);
        if (out.peak_add != nullptr)
            hn::StoreU(hn::Mul(hn::ConvertTo(df, highest), hn::Set(df, to_codes)), df,
                       out.peak_add + i);
    }
    LumaLimits<T> rest{out.gamut_low + end, out.gamut_high + end, out.brng_low + end,
                       out.brng_high + end, out.peak_add ? out.peak_add + end : nullptr};
    scalar_chroma_limits(cb + end, cr + end, n - static_cast<int>(end), p, rest);
}
void ChromaLimitsU8(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                    const LumaLimits<uint8_t>& out) {
    ChromaLimits(cb, cr, n, p, out);
}
void ChromaLimitsU16(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                     const LumaLimits<uint16_t>& out) {
    ChromaLimits(cb, cr, n, p, out);
}

template <typename T>
void CountOutside(const T* luma, const LumaLimits<T>& l, int n, OutsideCounts& counts) {
    const hn::ScalableTag<T> d;
    const size_t lanes = hn::Lanes(d), end = Whole(d, n);
    for (size_t i = 0; i < end; i += lanes) {
        const auto y = hn::LoadU(d, luma + i);
        const auto gamut = hn::Or(hn::Lt(y, hn::LoadU(d, l.gamut_low + i)),
                                  hn::Gt(y, hn::LoadU(d, l.gamut_high + i)));
        const auto brng = hn::Or(hn::Lt(y, hn::LoadU(d, l.brng_low + i)),
                                 hn::Gt(y, hn::LoadU(d, l.brng_high + i)));
        counts.gamut += static_cast<int64_t>(hn::CountTrue(d, gamut));
        counts.broadcast += static_cast<int64_t>(hn::CountTrue(d, brng));
    }
    LumaLimits<T> rest{l.gamut_low + end, l.gamut_high + end, l.brng_low + end, l.brng_high + end,
                       nullptr};
    scalar_count_outside(luma + end, rest, n - static_cast<int>(end), counts);
}
void CountOutsideU8(const uint8_t* y, const LumaLimits<uint8_t>& l, int n, OutsideCounts& c) {
    CountOutside(y, l, n, c);
}
void CountOutsideU16(const uint16_t* y, const LumaLimits<uint16_t>& l, int n, OutsideCounts& c) {
    CountOutside(y, l, n, c);
}

template <typename T>
void AddLight(const T* luma, const float* peak_add, int n, const LightParams& p, double& sum,
              float& peak) {
    const hn::ScalableTag<float> df;
    const hn::Rebind<int32_t, decltype(df)> di;
    const hn::Rebind<T, decltype(df)> dt;
    const size_t lanes = hn::Lanes(df), end = Whole(df, n);
    const auto scale = hn::Set(df, static_cast<float>(kPqTableSize - 1));
    auto total = hn::Zero(df), brightest = hn::Zero(df);
    for (size_t i = 0; i < end; i += lanes) {
        const auto y = hn::ConvertTo(df, hn::PromoteTo(di, hn::LoadU(dt, luma + i)));
        auto nominal =
            hn::Mul(hn::Sub(hn::Add(y, hn::LoadU(df, peak_add + i)), hn::Set(df, p.black)),
                    hn::Set(df, p.inv_range));
        nominal = hn::Min(hn::Max(nominal, hn::Zero(df)), hn::Set(df, 1.0f));
        const auto index = hn::ConvertTo(di, hn::Add(hn::Mul(nominal, scale), hn::Set(df, 0.5f)));
        const auto nits = hn::GatherIndex(df, p.nits, index);
        total = hn::Add(total, nits);
        brightest = hn::Max(brightest, nits);
    }
    HWY_ALIGN float lane[HWY_MAX_BYTES / sizeof(float)];
    hn::Store(total, df, lane);
    for (size_t i = 0; i < lanes; ++i) sum += lane[i];
    hn::Store(brightest, df, lane);
    peak = std::max(peak, *std::max_element(lane, lane + lanes));
    scalar_add_light(luma + end, peak_add + end, n - static_cast<int>(end), p, sum, peak);
}
void AddLightU8(const uint8_t* y, const float* a, int n, const LightParams& p, double& s,
                float& m) {
    AddLight(y, a, n, p, s, m);
}
void AddLightU16(const uint16_t* y, const float* a, int n, const LightParams& p, double& s,
                 float& m) {
    AddLight(y, a, n, p, s, m);
}

// Doubles every element: zero-extend to twice the width and copy the value into the high half.
template <typename T, typename Wide, int kBits>
void Widen2(const T* in, int n, T* out) {
    const hn::ScalableTag<Wide> dw;
    const hn::Rebind<T, decltype(dw)> dn;
    const hn::Repartition<T, decltype(dw)> dout;
    const size_t lanes = hn::Lanes(dw), end = Whole(dw, n);
    for (size_t i = 0; i < end; i += lanes) {
        const auto v = hn::PromoteTo(dw, hn::LoadU(dn, in + i));
        hn::StoreU(hn::BitCast(dout, hn::Or(v, hn::ShiftLeft<kBits>(v))), dout, out + 2 * i);
    }
    for (size_t i = end; i < static_cast<size_t>(n); ++i) out[2 * i] = out[2 * i + 1] = in[i];
}
void Widen2U8(const uint8_t* in, int n, uint8_t* out) {
    Widen2<uint8_t, uint16_t, 8>(in, n, out);
}
void Widen2U16(const uint16_t* in, int n, uint16_t* out) {
    Widen2<uint16_t, uint32_t, 16>(in, n, out);
}
void Widen2U32(const uint32_t* in, int n, uint32_t* out) {
    Widen2<uint32_t, uint64_t, 32>(in, n, out);
}

template <class D>
hn::Vec<D> Unit(D d, hn::Vec<D> v) {
    const auto clean = hn::IfThenElse(hn::IsNaN(v), hn::Zero(d), v);
    return hn::Min(hn::Max(clean, hn::Zero(d)), hn::Set(d, 1.0f));
}

// The reference's operations in the same order (the last step may fuse into an FMA, which can
// move a code sitting exactly on a rounding boundary by one).
template <typename T>
void RgbToYcbcrT(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                 T* y_out, T* cb_out, T* cr_out) {
    const hn::ScalableTag<float> df;
    const hn::Rebind<int32_t, decltype(df)> di;
    const hn::Rebind<T, decltype(df)> dt;
    const size_t lanes = hn::Lanes(df), end = Whole(df, n);
    const auto code = [&](hn::Vec<decltype(df)> v, float scale, float offset) {
        const auto rounded = hn::Add(hn::Mul(v, hn::Set(df, scale)), hn::Set(df, offset + 0.5f));
        return hn::DemoteTo(dt, hn::ConvertTo(di, rounded));
    };
    for (size_t i = 0; i < end; i += lanes) {
        const auto red = Unit(df, hn::LoadU(df, r + i)), green = Unit(df, hn::LoadU(df, g + i));
        const auto blue = Unit(df, hn::LoadU(df, b + i));
        const auto luma =
            hn::Add(hn::Add(hn::Mul(hn::Set(df, p.kr), red), hn::Mul(hn::Set(df, p.kg), green)),
                    hn::Mul(hn::Set(df, p.kb), blue));
        const auto pb = hn::Mul(hn::Sub(blue, luma), hn::Set(df, p.inv_cb_span));
        const auto pr = hn::Mul(hn::Sub(red, luma), hn::Set(df, p.inv_cr_span));
        hn::StoreU(code(luma, p.luma_scale, p.luma_offset), dt, y_out + i);
        hn::StoreU(code(pb, p.chroma_scale, p.chroma_offset), dt, cb_out + i);
        hn::StoreU(code(pr, p.chroma_scale, p.chroma_offset), dt, cr_out + i);
    }
    scalar_rgb_to_ycbcr(r + end, g + end, b + end, n - static_cast<int>(end), p, y_out + end,
                        cb_out + end, cr_out + end);
}
void RgbToYcbcrU8(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint8_t* y, uint8_t* cb, uint8_t* cr) {
    RgbToYcbcrT(r, g, b, n, p, y, cb, cr);
}
void RgbToYcbcrU16(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                   uint16_t* y, uint16_t* cb, uint16_t* cr) {
    RgbToYcbcrT(r, g, b, n, p, y, cb, cr);
}

void CodesToUnit(const uint16_t* in, int n, float scale, float* out) {
    const hn::ScalableTag<float> df;
    const hn::Rebind<int32_t, decltype(df)> di;
    const hn::Rebind<uint16_t, decltype(df)> d16;
    const size_t lanes = hn::Lanes(df), end = Whole(df, n);
    for (size_t i = 0; i < end; i += lanes) {
        const auto v = hn::ConvertTo(df, hn::PromoteTo(di, hn::LoadU(d16, in + i)));
        hn::StoreU(hn::Mul(v, hn::Set(df, scale)), df, out + i);
    }
    for (size_t i = end; i < static_cast<size_t>(n); ++i)
        out[i] = static_cast<float>(in[i]) * scale;
}

#endif  // HWY_TARGET == HWY_SCALAR

const char* TargetName() {
    return hwy::TargetName(HWY_TARGET);
}

}  // namespace HWY_NAMESPACE
}  // namespace media::analysis::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::analysis::detail {

HWY_EXPORT(SadU8);
HWY_EXPORT(SadU16);
HWY_EXPORT(MaxColumnsU8);
HWY_EXPORT(MaxColumnsU16);
HWY_EXPORT(SummarizeU8);
HWY_EXPORT(SummarizeU16);
HWY_EXPORT(MinMaxU8);
HWY_EXPORT(MinMaxU16);
HWY_EXPORT(CountOutliersU8);
HWY_EXPORT(CountOutliersU16);
HWY_EXPORT(SaturationU8);
HWY_EXPORT(SaturationU16);
HWY_EXPORT(ChromaLimitsU8);
HWY_EXPORT(ChromaLimitsU16);
HWY_EXPORT(CountOutsideU8);
HWY_EXPORT(CountOutsideU16);
HWY_EXPORT(AddLightU8);
HWY_EXPORT(AddLightU16);
HWY_EXPORT(Widen2U8);
HWY_EXPORT(Widen2U16);
HWY_EXPORT(Widen2U32);
HWY_EXPORT(RgbToYcbcrU8);
HWY_EXPORT(RgbToYcbcrU16);
HWY_EXPORT(CodesToUnit);
HWY_EXPORT(TargetName);

uint64_t sum_abs_diff(const uint8_t* a, const uint8_t* b, int n) {
    return HWY_DYNAMIC_DISPATCH(SadU8)(a, b, n);
}
uint64_t sum_abs_diff(const uint16_t* a, const uint16_t* b, int n) {
    return HWY_DYNAMIC_DISPATCH(SadU16)(a, b, n);
}
uint8_t max_and_columns(const uint8_t* a, uint8_t* column_max, int n) {
    return HWY_DYNAMIC_DISPATCH(MaxColumnsU8)(a, column_max, n);
}
uint16_t max_and_columns(const uint16_t* a, uint16_t* column_max, int n) {
    return HWY_DYNAMIC_DISPATCH(MaxColumnsU16)(a, column_max, n);
}
void summarize_codes(const uint8_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    HWY_DYNAMIC_DISPATCH(SummarizeU8)(a, n, t, s);
}
void summarize_codes(const uint16_t* a, int n, const CodeThresholds& t, CodeSummary& s) {
    HWY_DYNAMIC_DISPATCH(SummarizeU16)(a, n, t, s);
}
void min_max(const uint8_t* a, int n, uint8_t& low, uint8_t& high) {
    HWY_DYNAMIC_DISPATCH(MinMaxU8)(a, n, low, high);
}
void min_max(const uint16_t* a, int n, uint16_t& low, uint16_t& high) {
    HWY_DYNAMIC_DISPATCH(MinMaxU16)(a, n, low, high);
}
int64_t count_outliers(const ToutRows<uint8_t>& rows, int n, int threshold, uint8_t* scratch) {
    return HWY_DYNAMIC_DISPATCH(CountOutliersU8)(rows, n, threshold, scratch);
}
int64_t count_outliers(const ToutRows<uint16_t>& rows, int n, int threshold, uint16_t* scratch) {
    return HWY_DYNAMIC_DISPATCH(CountOutliersU16)(rows, n, threshold, scratch);
}
void add_saturation(const uint8_t* cb, const uint8_t* cr, int n, int mid, uint64_t& sum,
                    int& peak) {
    HWY_DYNAMIC_DISPATCH(SaturationU8)(cb, cr, n, mid, sum, peak);
}
void add_saturation(const uint16_t* cb, const uint16_t* cr, int n, int mid, uint64_t& sum,
                    int& peak) {
    HWY_DYNAMIC_DISPATCH(SaturationU16)(cb, cr, n, mid, sum, peak);
}
void chroma_limits(const uint8_t* cb, const uint8_t* cr, int n, const ChromaLimitParams& p,
                   const LumaLimits<uint8_t>& out) {
    HWY_DYNAMIC_DISPATCH(ChromaLimitsU8)(cb, cr, n, p, out);
}
void chroma_limits(const uint16_t* cb, const uint16_t* cr, int n, const ChromaLimitParams& p,
                   const LumaLimits<uint16_t>& out) {
    HWY_DYNAMIC_DISPATCH(ChromaLimitsU16)(cb, cr, n, p, out);
}
void count_outside(const uint8_t* luma, const LumaLimits<uint8_t>& limits, int n,
                   OutsideCounts& counts) {
    HWY_DYNAMIC_DISPATCH(CountOutsideU8)(luma, limits, n, counts);
}
void count_outside(const uint16_t* luma, const LumaLimits<uint16_t>& limits, int n,
                   OutsideCounts& counts) {
    HWY_DYNAMIC_DISPATCH(CountOutsideU16)(luma, limits, n, counts);
}
void add_light(const uint8_t* luma, const float* peak_add, int n, const LightParams& p, double& sum,
               float& peak) {
    HWY_DYNAMIC_DISPATCH(AddLightU8)(luma, peak_add, n, p, sum, peak);
}
void add_light(const uint16_t* luma, const float* peak_add, int n, const LightParams& p,
               double& sum, float& peak) {
    HWY_DYNAMIC_DISPATCH(AddLightU16)(luma, peak_add, n, p, sum, peak);
}
void widen2(const uint8_t* in, int n, uint8_t* out) {
    HWY_DYNAMIC_DISPATCH(Widen2U8)(in, n, out);
}
void widen2(const uint16_t* in, int n, uint16_t* out) {
    HWY_DYNAMIC_DISPATCH(Widen2U16)(in, n, out);
}
void widen2(const float* in, int n, float* out) {
    // Floats are doubled as their bit patterns.
    HWY_DYNAMIC_DISPATCH(Widen2U32)
    (reinterpret_cast<const uint32_t*>(in), n, reinterpret_cast<uint32_t*>(out));
}
void rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint8_t* y, uint8_t* cb, uint8_t* cr) {
    HWY_DYNAMIC_DISPATCH(RgbToYcbcrU8)(r, g, b, n, p, y, cb, cr);
}
void rgb_to_ycbcr(const float* r, const float* g, const float* b, int n, const RgbToYcbcr& p,
                  uint16_t* y, uint16_t* cb, uint16_t* cr) {
    HWY_DYNAMIC_DISPATCH(RgbToYcbcrU16)(r, g, b, n, p, y, cb, cr);
}
void codes_to_unit(const uint16_t* in, int n, float scale, float* out) {
    HWY_DYNAMIC_DISPATCH(CodesToUnit)(in, n, scale, out);
}
const char* row_kernels_target() {
    return HWY_DYNAMIC_DISPATCH(TargetName)();
}

}  // namespace media::analysis::detail
#endif  // HWY_ONCE
