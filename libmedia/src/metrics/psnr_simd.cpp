// SPDX-License-Identifier: Apache-2.0
// PSNR's row SSE in SIMD, written once with Highway and compiled for every target it knows; the
// best one for the running CPU is picked on first call. Exact: |a - b| is formed in the sample
// width, squared in lanes twice as wide (255^2 fits 16 bits, 65535^2 fits 32), and the squares
// are summed in lanes wide enough never to wrap (psnr_rows.h).
#include "metrics/psnr_rows.h"

// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/metrics/psnr_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#include <algorithm>
#include <cstddef>

HWY_BEFORE_NAMESPACE();
// A namespace of its own: the other metric kernels' helpers have the same short names.
namespace media::metrics::detail::psnr_simd {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
// One-lane vectors cannot be reinterpreted as narrower lanes: the scalar references serve.
uint64_t SseU8(const uint8_t* a, const uint8_t* b, int n) {
    return scalar_sse_row(a, b, n);
}
uint64_t SseU16(const uint16_t* a, const uint16_t* b, int n) {
    return scalar_sse_row(a, b, n);
}
#else
template <class V>
V AbsDiffU(V a, V b) {
    return hn::Or(hn::SaturatedSub(a, b), hn::SaturatedSub(b, a));
}

// The two halves of each wide lane, as values of that lane: (x & low) + (x >> half bits).
template <class DW, class VN>
hn::Vec<DW> PairSum(DW dw, VN narrow_lanes) {
    constexpr int kHalfBits = static_cast<int>(sizeof(hn::TFromD<DW>) * 4);
    using TW = hn::TFromD<DW>;
    const auto x = hn::BitCast(dw, narrow_lanes);
    const auto low = hn::Set(dw, static_cast<TW>((TW{1} << kHalfBits) - 1));
    return hn::Add(hn::And(x, low), hn::ShiftRight<kHalfBits>(x));
}

template <class D>
size_t Whole(D d, int n) {
    const size_t lanes = hn::Lanes(d);
    return n <= 0 ? 0 : static_cast<size_t>(n) / lanes * lanes;
}

// 32-bit lanes take four squares of at most 255^2 per step: 2^14 steps stay below 2^32.
uint64_t SseU8(const uint8_t* a, const uint8_t* b, int n) {
    const hn::ScalableTag<uint8_t> d8;
    const hn::Repartition<uint16_t, decltype(d8)> d16;
    const hn::Repartition<uint32_t, decltype(d8)> d32;
    const hn::Repartition<uint64_t, decltype(d8)> d64;
    const size_t lanes = hn::Lanes(d8), end = Whole(d8, n);
    const auto low8 = hn::Set(d16, uint16_t{0xFF});
    auto total = hn::Zero(d64);
    for (size_t start = 0; start < end;) {
        auto acc = hn::Zero(d32);
        const size_t stop = std::min(end, start + (size_t{1} << 14) * lanes);
        for (; start < stop; start += lanes) {
            const auto diff =
                hn::BitCast(d16, AbsDiffU(hn::LoadU(d8, a + start), hn::LoadU(d8, b + start)));
            const auto even = hn::And(diff, low8);
            const auto odd = hn::ShiftRight<8>(diff);
            acc = hn::Add(acc, PairSum(d32, hn::Mul(even, even)));
            acc = hn::Add(acc, PairSum(d32, hn::Mul(odd, odd)));
        }
        total = hn::Add(total, PairSum(d64, acc));
    }
    const uint64_t sum = hn::GetLane(hn::SumOfLanes(d64, total));
    return sum + scalar_sse_row(a + end, b + end, n - static_cast<int>(end));
}

// Squares of 16-bit differences fill 32-bit lanes; each 64-bit lane gains at most 2^34 a step.
uint64_t SseU16(const uint16_t* a, const uint16_t* b, int n) {
    const hn::ScalableTag<uint16_t> d16;
    const hn::Repartition<uint32_t, decltype(d16)> d32;
    const hn::Repartition<uint64_t, decltype(d16)> d64;
    const size_t lanes = hn::Lanes(d16), end = Whole(d16, n);
    const auto low16 = hn::Set(d32, 0xFFFFu);
    auto acc = hn::Zero(d64);
    for (size_t i = 0; i < end; i += lanes) {
        const auto diff = hn::BitCast(d32, AbsDiffU(hn::LoadU(d16, a + i), hn::LoadU(d16, b + i)));
        const auto even = hn::And(diff, low16);
        const auto odd = hn::ShiftRight<16>(diff);
        acc = hn::Add(acc, PairSum(d64, hn::Mul(even, even)));
        acc = hn::Add(acc, PairSum(d64, hn::Mul(odd, odd)));
    }
    const uint64_t sum = hn::GetLane(hn::SumOfLanes(d64, acc));
    return sum + scalar_sse_row(a + end, b + end, n - static_cast<int>(end));
}
#endif  // HWY_TARGET == HWY_SCALAR

const char* TargetName() {
    return hwy::TargetName(HWY_TARGET);
}

}  // namespace HWY_NAMESPACE
}  // namespace media::metrics::detail::psnr_simd
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::metrics::detail {
namespace psnr_simd {
HWY_EXPORT(SseU8);
HWY_EXPORT(SseU16);
HWY_EXPORT(TargetName);
}  // namespace psnr_simd

uint64_t sse_row(const uint8_t* a, const uint8_t* b, int n) {
    return HWY_DYNAMIC_DISPATCH(psnr_simd::SseU8)(a, b, n);
}
uint64_t sse_row(const uint16_t* a, const uint16_t* b, int n) {
    return HWY_DYNAMIC_DISPATCH(psnr_simd::SseU16)(a, b, n);
}
const char* psnr_kernels_target() {
    return HWY_DYNAMIC_DISPATCH(psnr_simd::TargetName)();
}

}  // namespace media::metrics::detail
#endif  // HWY_ONCE
