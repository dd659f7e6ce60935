// SPDX-License-Identifier: Apache-2.0
// The motion row kernels in SIMD (Highway, dynamic dispatch); integer arithmetic throughout, so
// they equal the scalar references in motion.cpp exactly.
#include "motion_kernels.h"

// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/metrics/motion_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#include <algorithm>
#include <cstddef>

HWY_BEFORE_NAMESPACE();
namespace media::metrics::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
void BlurU8(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out) {
    scalar_motion_blur_row(rows, scratch, out);
}
void BlurU16(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out) {
    scalar_motion_blur_row(rows, scratch, out);
}
double SadRow(const float* a, const float* b, int n) {
    return scalar_motion_sad_row(a, b, n);
}
#else
template <typename T>
void Blur(const MotionRows<T>& rows, uint32_t* scratch, float* out) {
    const hn::ScalableTag<uint32_t> d;
    const hn::Rebind<T, decltype(d)> dt;
    const hn::RebindToSigned<decltype(d)> di;
    const hn::Rebind<float, decltype(d)> df;
    const size_t n = hn::Lanes(d);
    const size_t width = static_cast<size_t>(rows.width);
    const int shift = rows.bit_depth;
    uint32_t* t = scratch + 64;
    const auto c0 = hn::Set(d, kMotionTaps[0]), c1 = hn::Set(d, kMotionTaps[1]);
    const auto c2 = hn::Set(d, kMotionTaps[2]);
    const auto round = hn::Set(d, 1u << (shift - 1));
    size_t j = 0;
    for (; j + n <= width; j += n) {
        auto load = [&](int k) { return hn::PromoteTo(d, hn::LoadU(dt, rows.rows[k] + j)); };
        auto sum = hn::Mul(c2, load(2));
        sum = hn::Add(sum, hn::Mul(c1, hn::Add(load(1), load(3))));
        sum = hn::Add(sum, hn::Mul(c0, hn::Add(load(0), load(4))));
        hn::StoreU(hn::ShiftRightSame(hn::Add(sum, round), shift), d, t + j);
    }
    for (; j < width; ++j) {
        uint32_t sum = 0;
        for (int k = 0; k < 5; ++k) sum += uint32_t{kMotionTaps[k]} * rows.rows[k][j];
        t[j] = static_cast<uint32_t>((uint64_t{sum} + (1u << (shift - 1))) >> shift);
    }
    for (int f = 1; f <= kMotionRadius; ++f) {
        t[-f] = t[motion_mirror(-f, rows.width)];
        t[rows.width - 1 + f] = t[motion_mirror(rows.width - 1 + f, rows.width)];
    }
    const auto half = hn::Set(d, 32768u);
    const auto inv256 = hn::Set(df, 1.0f / 256.0f);
    for (j = 0; j + n <= width; j += n) {
        auto sum = hn::Add(half, hn::Mul(c2, hn::LoadU(d, t + j)));
        sum = hn::Add(sum, hn::Mul(c1, hn::Add(hn::LoadU(d, t + j - 1), hn::LoadU(d, t + j + 1))));
        sum = hn::Add(sum, hn::Mul(c0, hn::Add(hn::LoadU(d, t + j - 2), hn::LoadU(d, t + j + 2))));
        const auto value = hn::BitCast(di, hn::ShiftRight<16>(sum));
        hn::StoreU(hn::Mul(hn::ConvertTo(df, value), inv256), df, out + j);
    }
    for (; j < width; ++j) {
        uint32_t sum = 32768;
        for (int k = 0; k < 5; ++k) sum += uint32_t{kMotionTaps[k]} * t[j - kMotionRadius + k];
        out[j] = static_cast<float>(sum >> 16) / 256.0f;
    }
}
void BlurU8(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out) {
    Blur(rows, scratch, out);
}
void BlurU16(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out) {
    Blur(rows, scratch, out);
}

// The differences are exact in float (multiples of 1/256 below 256); as int32 counts of 1/256
// they add exactly, in chunks short enough for the lanes not to overflow.
double SadRow(const float* a, const float* b, int n) {
    const hn::ScalableTag<float> d;
    const hn::RebindToSigned<decltype(d)> di;
    const size_t lanes = hn::Lanes(d);
    const size_t count = static_cast<size_t>(n);
    const auto steps = hn::Set(d, 256.0f);
    int64_t total = 0;
    size_t i = 0;
    while (i + lanes <= count) {
        auto acc = hn::Zero(di);
        const size_t stop = std::min(count / lanes * lanes, i + 16384 * lanes);
        for (; i < stop; i += lanes) {
            const auto diff = hn::AbsDiff(hn::LoadU(d, a + i), hn::LoadU(d, b + i));
            acc = hn::Add(acc, hn::ConvertTo(di, hn::Mul(diff, steps)));
        }
        total += hn::GetLane(hn::SumOfLanes(di, acc));
    }
    double sum = static_cast<double>(total) / 256.0;
    for (; i < count; ++i) sum += static_cast<double>(a[i] > b[i] ? a[i] - b[i] : b[i] - a[i]);
    return sum;
}
#endif

}  // namespace HWY_NAMESPACE
}  // namespace media::metrics::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::metrics::detail {

HWY_EXPORT(BlurU8);
HWY_EXPORT(BlurU16);
HWY_EXPORT(SadRow);

void motion_blur_row(const MotionRows<uint8_t>& rows, uint32_t* scratch, float* out) {
    HWY_DYNAMIC_DISPATCH(BlurU8)(rows, scratch, out);
}
void motion_blur_row(const MotionRows<uint16_t>& rows, uint32_t* scratch, float* out) {
    HWY_DYNAMIC_DISPATCH(BlurU16)(rows, scratch, out);
}
double motion_sad_row(const float* a, const float* b, int n) {
    return HWY_DYNAMIC_DISPATCH(SadRow)(a, b, n);
}

}  // namespace media::metrics::detail
#endif
