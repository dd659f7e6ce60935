// SPDX-License-Identifier: Apache-2.0
// Interlace detection after ffmpeg's idet (libavfilter/vf_idet.c): per row, sums of
// |a + c - 2b| over three lines compare each field with the other field of the neighbouring
// frames (alpha), with the frame itself (delta) and with the previous frame's same field (gamma,
// repeated fields). The row kernel is written once with Highway and dispatched at run time
// (HWY_DYNAMIC_DISPATCH): one pass over five rows of the frame and three of its predecessor gives
// every sum, in 16-bit lanes (samples are at most 14 bits, so |a + c - 2b| fits).
#include "media/analysis/interlace.h"

#include <algorithm>
#include <cstdlib>

// Highway re-includes this file once per SIMD target. The name is found through the public
// include folder (libmedia/include/../src/...), which every libmedia module has on its path.
// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/analysis/interlace.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#ifndef SLATE_ANALYSIS_INTERLACE_SUMS
#define SLATE_ANALYSIS_INTERLACE_SUMS
namespace media::analysis::combing_kernel {

// One row's sums; the names follow CombingMeasure.
struct CombSums {
    int64_t alpha_previous = 0;
    int64_t alpha_for_previous = 0;
    int64_t delta = 0;
    int64_t gamma = 0;
    int64_t combed = 0;
};

// Rows y-2..y+2 of the frame and y-1..y+1 of its predecessor; `shift` brings samples to at most
// 14 bits; `threshold` is InterlaceOptions::comb_threshold in those codes.
template <typename T>
struct CombRows {
    const T* frame[5];
    const T* previous[3];
    int width;
    int shift;
    int threshold;
};

}  // namespace media::analysis::combing_kernel
#endif

HWY_BEFORE_NAMESPACE();
namespace media::analysis::combing_kernel {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using D16 = hn::ScalableTag<int16_t>;
using D32 = hn::Repartition<int32_t, D16>;
using V16 = hn::Vec<D16>;
using V32 = hn::Vec<D32>;

// Bounds the 16-bit combed counters and keeps every 32-bit lane sum below 2^31: per block the
// lanes together hold at most kBlock / 2 pairs of |a + c - 2b| <= 32766.
constexpr int kBlock = 16384;

HWY_INLINE V16 load_row(D16 d, const uint8_t* p, int /*shift*/) {
    const hn::Rebind<uint8_t, D16> d8;
    return hn::PromoteTo(d, hn::LoadU(d8, p));
}

HWY_INLINE V16 load_row(D16 d, const uint16_t* p, int shift) {
    const hn::RebindToUnsigned<D16> du;
    return hn::BitCast(d, hn::ShiftRightSame(hn::LoadU(du, p), shift));
}

// A pair of 32-bit accumulators (Highway's widening multiply-add may use both).
struct Acc {
    V32 even, odd;
};

HWY_INLINE void accumulate(D32 d32, V16 v, V16 ones, Acc& acc) {
    acc.even = hn::ReorderWidenMulAccumulate(d32, v, ones, acc.even, acc.odd);
}

HWY_INLINE int64_t total(D32 d32, const Acc& acc) {
    return hn::GetLane(hn::SumOfLanes(d32, hn::RearrangeToOddPlusEven(acc.even, acc.odd)));
}

template <typename T>
void comb_pixel(const CombRows<T>& r, int x, CombSums& s) {
    auto at = [&](const T* row) { return int{row[x]} >> r.shift; };
    const int f_above2 = at(r.frame[0]), f_above = at(r.frame[1]), f = at(r.frame[2]);
    const int f_below = at(r.frame[3]), f_below2 = at(r.frame[4]);
    const int p_above = at(r.previous[0]), p = at(r.previous[1]), p_below = at(r.previous[2]);
    const int own = std::abs(f_above + f_below - 2 * f);
    const int same_field = std::abs(f_above2 + f_below2 - 2 * f);
    s.alpha_previous += std::abs(f_above + f_below - 2 * p);
    s.alpha_for_previous += std::abs(p_above + p_below - 2 * f);
    s.delta += own;
    s.gamma += std::abs(2 * f - 2 * p);
    s.combed += (own > r.threshold && own - same_field > same_field) ? 1 : 0;
}

template <typename T>
void comb_block(const CombRows<T>& r, int x0, int x1, CombSums& s) {
    const D16 d;
    const D32 d32;
    const V16 ones = hn::Set(d, 1), threshold = hn::Set(d, static_cast<int16_t>(r.threshold));
    Acc alpha_prev{hn::Zero(d32), hn::Zero(d32)}, alpha_next = alpha_prev, own_sum = alpha_prev;
    Acc gamma = alpha_prev, combed_sum = alpha_prev;
    V16 combed = hn::Zero(d);
    const int lanes = static_cast<int>(hn::Lanes(d));
    for (int x = x0; x + lanes <= x1; x += lanes) {
        const V16 f = load_row(d, r.frame[2] + x, r.shift);
        const V16 f_sum =
            hn::Add(load_row(d, r.frame[1] + x, r.shift), load_row(d, r.frame[3] + x, r.shift));
        const V16 f2 = hn::Add(f, f);
        const V16 p = load_row(d, r.previous[1] + x, r.shift);
        const V16 p_sum = hn::Add(load_row(d, r.previous[0] + x, r.shift),
                                  load_row(d, r.previous[2] + x, r.shift));
        const V16 same_sum =
            hn::Add(load_row(d, r.frame[0] + x, r.shift), load_row(d, r.frame[4] + x, r.shift));
        const V16 own = hn::Abs(hn::Sub(f_sum, f2));
        const V16 same_field = hn::Abs(hn::Sub(same_sum, f2));
        accumulate(d32, hn::Abs(hn::Sub(f_sum, hn::Add(p, p))), ones, alpha_prev);
        accumulate(d32, hn::Abs(hn::Sub(p_sum, f2)), ones, alpha_next);
        accumulate(d32, own, ones, own_sum);
        accumulate(d32, hn::Abs(hn::Sub(f2, hn::Add(p, p))), ones, gamma);
        const auto is_combed =
            hn::And(hn::Gt(own, threshold), hn::Gt(hn::Sub(own, same_field), same_field));
        combed = hn::Sub(combed, hn::VecFromMask(d, is_combed));
    }
    accumulate(d32, combed, ones, combed_sum);
    s.alpha_previous += total(d32, alpha_prev);
    s.alpha_for_previous += total(d32, alpha_next);
    s.delta += total(d32, own_sum);
    s.gamma += total(d32, gamma);
    s.combed += total(d32, combed_sum);
}

template <typename T>
CombSums comb_row(const CombRows<T>& r) {
    CombSums sums;
    const int lanes = static_cast<int>(hn::Lanes(D16()));
    const int vector_end = r.width - r.width % lanes;
    for (int x0 = 0; x0 < vector_end; x0 += kBlock)
        comb_block(r, x0, std::min(x0 + kBlock, vector_end), sums);
    for (int x = vector_end; x < r.width; ++x) comb_pixel(r, x, sums);
    return sums;
}

CombSums CombRow8(const CombRows<uint8_t>& rows) {
    return comb_row(rows);
}
CombSums CombRow16(const CombRows<uint16_t>& rows) {
    return comb_row(rows);
}

}  // namespace HWY_NAMESPACE
}  // namespace media::analysis::combing_kernel
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <vector>

#include "media/frame/half.h"
#include "media/frame/pixel_format.h"

namespace media::analysis {
namespace combing_kernel {

HWY_EXPORT(CombRow8);
HWY_EXPORT(CombRow16);

}  // namespace combing_kernel

namespace {

using combing_kernel::CombRows;
using combing_kernel::CombSums;

// Samples above 14 bits are shifted down so the kernel's 16-bit lanes hold |a + c - 2b|.
constexpr int kMaxKernelBits = 14;

// The plane the fields are compared on: luma, G for RGB, or an extracted copy for packed and
// float storage (G quantised to 14 bits; 8-bit packed RGB keeps its codes).
struct LumaPlane {
    const std::byte* data = nullptr;
    int64_t stride = 0;
    int width = 0;
    int height = 0;
    bool wide = false;  ///< uint16_t samples
    int shift = 0;
    int bits = 8;
    std::vector<uint16_t> storage;
};

// 0..1 to 14-bit codes, NaN as 0 (a plain comparison: no libm call per sample).
uint16_t quantised(float value) {
    constexpr float kTop = float((1 << kMaxKernelBits) - 1);
    if (!(value > 0.0f)) return 0;
    if (value >= 1.0f) return static_cast<uint16_t>(kTop);
    return static_cast<uint16_t>(value * kTop + 0.5f);
}

// Every half value as kernel codes: a table lookup instead of a conversion per sample.
const std::vector<uint16_t>& half_codes() {
    static const std::vector<uint16_t> table = [] {
        std::vector<uint16_t> codes(size_t{1} << 16);
        for (size_t h = 0; h < codes.size(); ++h)
            codes[h] = quantised(half_to_float(static_cast<uint16_t>(h)));
        return codes;
    }();
    return table;
}

// G of packed storage as kernel codes: 8-bit kept, 16-bit shifted to 14, float quantised.
template <typename T>
void copy_green(const Frame& frame, std::vector<uint16_t>& out) {
    const ImageView<const T> view = frame.plane<T>(0);
    const bool is_half = info(frame.format()).sample_type == SampleType::F16;
    const uint16_t* halves = is_half ? half_codes().data() : nullptr;
    size_t i = 0;
    for (int y = 0; y < view.height(); ++y) {
        const T* samples = view.row(y);
        for (int x = 0; x < view.width(); ++x, ++i) {
            const T g = samples[int64_t{x} * view.components() + 1];
            if constexpr (std::is_same_v<T, float>)
                out[i] = quantised(g);
            else if constexpr (std::is_same_v<T, uint8_t>)
                out[i] = g;
            else
                out[i] = is_half ? halves[g] : static_cast<uint16_t>(g >> 2);
        }
    }
}

void extract_packed_green(const Frame& frame, LumaPlane& plane) {
    plane.storage.resize(static_cast<size_t>(plane.width) * static_cast<size_t>(plane.height));
    const SampleType type = info(frame.format()).sample_type;
    if (type == SampleType::U8)
        copy_green<uint8_t>(frame, plane.storage);
    else if (type == SampleType::F32)
        copy_green<float>(frame, plane.storage);
    else
        copy_green<uint16_t>(frame, plane.storage);
    plane.data = reinterpret_cast<const std::byte*>(plane.storage.data());
    plane.stride = int64_t{plane.width} * 2;
    plane.wide = true;
    plane.bits = type == SampleType::U8 ? 8 : kMaxKernelBits;
}

LumaPlane luma_plane(const Frame& frame) {
    const PixelFormatInfo& fi = info(frame.format());
    LumaPlane plane;
    plane.width = frame.width();
    plane.height = frame.height();
    if (fi.is_packed || fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32) {
        extract_packed_green(frame, plane);
        return plane;
    }
    plane.data = frame.plane_data(0);
    plane.stride = frame.plane_stride(0);
    plane.wide = fi.bytes_per_sample == 2;
    plane.shift = std::max(0, fi.bit_depth - kMaxKernelBits);
    plane.bits = fi.bit_depth - plane.shift;
    return plane;
}

template <typename T>
const T* row(const LumaPlane& plane, int y) {
    return reinterpret_cast<const T*>(plane.data + int64_t{y} * plane.stride);
}

template <typename T>
CombRows<T> rows_at(const LumaPlane& cur, const LumaPlane& prev, int y, int threshold) {
    CombRows<T> r{};
    for (int i = 0; i < 5; ++i) r.frame[i] = row<T>(cur, y - 2 + i);
    for (int i = 0; i < 3; ++i) r.previous[i] = row<T>(prev, y - 1 + i);
    r.width = cur.width;
    r.shift = cur.shift;
    r.threshold = threshold;
    return r;
}

CombSums row_sums(const LumaPlane& cur, const LumaPlane& prev, int y, int threshold) {
    if (cur.wide)
        return HWY_DYNAMIC_DISPATCH(combing_kernel::CombRow16)(
            rows_at<uint16_t>(cur, prev, y, threshold));
    return HWY_DYNAMIC_DISPATCH(combing_kernel::CombRow8)(
        rows_at<uint8_t>(cur, prev, y, threshold));
}

// idet's row loop (rows 2..h-3) with its parity bookkeeping: alpha[y & 1] against the previous
// frame, alpha[(y ^ 1) & 1] for the previous frame's "next", gamma[(y ^ 1) & 1].
std::array<int64_t, 2> accumulate_rows(const LumaPlane& cur, const LumaPlane& prev, int threshold,
                                       CombingMeasure& m, int64_t& combed) {
    std::array<int64_t, 2> gamma{};
    for (int y = 2; y < cur.height - 2; ++y) {
        const CombSums s = row_sums(cur, prev, y, threshold);
        const size_t parity = static_cast<size_t>(y & 1);
        m.alpha_previous[parity] += s.alpha_previous;
        m.alpha_for_previous[parity ^ 1] += s.alpha_for_previous;
        m.delta[parity] += s.delta;
        gamma[parity ^ 1] += s.gamma;
        combed += s.combed;
    }
    return gamma;
}

// idet compares in float (its thresholds are float options); so does this, to agree exactly.
bool exceeds(int64_t a, double threshold, int64_t b) {
    return static_cast<float>(a) > static_cast<float>(threshold) * static_cast<float>(b);
}

int repeated_field(const std::array<int64_t, 2>& gamma, double threshold) {
    if (exceeds(gamma[0], threshold, gamma[1])) return 1;
    if (exceeds(gamma[1], threshold, gamma[0])) return 2;
    return 0;
}

bool comparable(const Frame& frame, const Frame* previous) {
    return previous != nullptr && !previous->empty() && previous->device() == DeviceKind::Cpu &&
           previous->width() == frame.width() && previous->height() == frame.height() &&
           previous->format() == frame.format();
}

int comb_threshold_codes(const LumaPlane& plane, double fraction) {
    const double codes = fraction * double((1 << plane.bits) - 1);
    return static_cast<int>(std::clamp(std::lround(codes), 1L, 32767L));
}

int64_t& single_frame_count(InterlaceResult& result, FieldType type) {
    switch (type) {
        case FieldType::TopFirst:
            return result.top_first;
        case FieldType::BottomFirst:
            return result.bottom_first;
        case FieldType::Progressive:
            return result.progressive;
        case FieldType::Undetermined:
            break;
    }
    return result.undetermined;
}

}  // namespace

FieldType classify_fields(const std::array<int64_t, 2>& alpha, int64_t delta,
                          const InterlaceOptions& options) {
    if (exceeds(alpha[0], options.interlace_threshold, alpha[1])) return FieldType::TopFirst;
    if (exceeds(alpha[1], options.interlace_threshold, alpha[0])) return FieldType::BottomFirst;
    if (exceeds(alpha[1], options.progressive_threshold, delta)) return FieldType::Progressive;
    return FieldType::Undetermined;
}

CombingMeasure measure_combing(const Frame& frame, const Frame* previous,
                               const InterlaceOptions& options) {
    CombingMeasure m;
    if (frame.empty() || frame.device() != DeviceKind::Cpu || frame.height() < 5) return m;
    m.has_previous = comparable(frame, previous);
    const LumaPlane cur = luma_plane(frame);
    // Without a predecessor idet compares the frame with itself (its first frame is its own prev).
    const LumaPlane prev = m.has_previous ? luma_plane(*previous) : LumaPlane{};
    const int threshold = comb_threshold_codes(cur, options.comb_threshold);
    int64_t combed = 0;
    const auto gamma = accumulate_rows(cur, m.has_previous ? prev : cur, threshold, m, combed);
    if (!m.has_previous) m.alpha_for_previous = {0, 0};
    m.repeated_field = repeated_field(gamma, options.repeat_threshold);
    m.comb_score = double(combed) / (double(cur.height - 4) * double(cur.width));
    const std::array<int64_t, 2> estimate{2 * m.alpha_previous[0], 2 * m.alpha_previous[1]};
    m.type = classify_fields(estimate, m.delta[0] + m.delta[1], options);
    return m;
}

InterlaceDetector::InterlaceDetector(int64_t min_segment_frames)
    : InterlaceDetector(InterlaceOptions{}, min_segment_frames) {}

InterlaceDetector::InterlaceDetector(const InterlaceOptions& options, int64_t min_segment_frames)
    : m_options(options), m_combed(min_segment_frames), m_progressive(min_segment_frames) {}

void InterlaceDetector::add(int64_t frame, const CombingMeasure& measure) {
    if (m_has_pending) {
        // A frame without a usable predecessor restarts the stream, as idet does on a format
        // change: the pending frame is then the last of its run and its own "next".
        classify_pending(measure.has_previous
                             ? measure.alpha_for_previous
                             : std::array<int64_t, 2>{m_pending.delta[1], m_pending.delta[0]});
    }
    if (measure.repeated_field == 1) ++m_result.repeated_top;
    if (measure.repeated_field == 2) ++m_result.repeated_bottom;
    m_pending = measure;
    m_pending_frame = frame;
    m_has_pending = true;
}

void InterlaceDetector::classify_pending(const std::array<int64_t, 2>& alpha_from_next) {
    const std::array<int64_t, 2> alpha{m_pending.alpha_previous[0] + alpha_from_next[0],
                                       m_pending.alpha_previous[1] + alpha_from_next[1]};
    const FieldType single =
        classify_fields(alpha, m_pending.delta[0] + m_pending.delta[1], m_options);
    ++single_frame_count(m_result, single);
    const FieldType multi = multi_frame_type(single);
    ++m_result.multi_frame[static_cast<size_t>(multi)];
    const bool interlaced = multi == FieldType::TopFirst || multi == FieldType::BottomFirst;
    m_combed.add(m_pending_frame, interlaced, m_pending.comb_score);
    m_progressive.add(m_pending_frame, multi == FieldType::Progressive, m_pending.comb_score);
    m_has_pending = false;
}

// idet's multi-frame rule: when the determined classes among the last four frames all agree,
// their class replaces the current one if it has more than two votes (one while undetermined).
FieldType InterlaceDetector::multi_frame_type(FieldType single) {
    std::rotate(m_history.rbegin(), m_history.rbegin() + 1, m_history.rend());
    m_history[0] = single;
    FieldType best = FieldType::Undetermined;
    int match = 0;
    for (FieldType type : m_history) {
        if (type == FieldType::Undetermined) continue;
        if (best == FieldType::Undetermined) best = type;
        if (type != best) {
            match = 0;
            break;
        }
        ++match;
    }
    if (m_last_type == FieldType::Undetermined ? match > 0 : match > 2) m_last_type = best;
    return m_last_type;
}

namespace {

std::string majority(const std::array<int64_t, 4>& multi) {
    const int64_t tff = multi[static_cast<size_t>(FieldType::TopFirst)];
    const int64_t bff = multi[static_cast<size_t>(FieldType::BottomFirst)];
    const int64_t progressive = multi[static_cast<size_t>(FieldType::Progressive)];
    if (tff == 0 && bff == 0 && progressive == 0) return "undetermined";
    if (progressive >= tff && progressive >= bff) return "progressive";
    return tff >= bff ? "tff" : "bff";
}

}  // namespace

InterlaceResult InterlaceDetector::finish() {
    if (m_has_pending) classify_pending({m_pending.delta[1], m_pending.delta[0]});
    m_result.detected = majority(m_result.multi_frame);
    if (m_result.detected == "progressive") m_result.combed = m_combed.finish();
    if (m_result.detected == "tff" || m_result.detected == "bff")
        m_result.combed = m_progressive.finish();
    return std::move(m_result);
}

}  // namespace media::analysis
#endif  // HWY_ONCE
