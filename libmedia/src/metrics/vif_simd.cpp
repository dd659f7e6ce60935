// SPDX-License-Identifier: Apache-2.0
// The VIF row kernels in SIMD, written once with Highway and compiled for every target it knows;
// the best one for the running CPU is picked on first call (HWY_DYNAMIC_DISPATCH). The scalar
// references in vif.cpp define the results. Logarithms are summed as products: each lane keeps a
// running product renormalised to [1, 2) and the sum of the exponents it shed, and takes one
// log2 per row.
#include "vif_kernels.h"

// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/metrics/vif_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
#include <hwy/contrib/math/math-inl.h>
// clang-format on

#include <cstddef>

#ifndef MEDIA_METRICS_VIF_SIMD_ONCE
#define MEDIA_METRICS_VIF_SIMD_ONCE
// The tap loops have compile-time trip counts; unrolled, taps and row pointers stay in registers.
#define MEDIA_VIF_UNROLL _Pragma("GCC unroll 16")
namespace media::metrics::detail {
namespace {

// Vectors span at most one block of a prepared row.
constexpr int kBlockF32 = kVifBlock<float>;
constexpr int kBlockF64 = kVifBlock<double>;

constexpr int round_up64(int n) {
    return (n + 63) / 64 * 64;
}

template <typename F>
void mirror_row(F* row, int width, int radius) {
    for (int f = 1; f <= radius; ++f) {
        row[-f] = row[vif_mirror(-f, width)];
        row[width - 1 + f] = row[vif_mirror(width - 1 + f, width)];
    }
}

/// The five moment rows of output row `which` in a row kernel's scratch (the layout
/// scalar_vif_rows_* uses).
template <typename F>
struct Moments {
    F* row[kVifPlanes];  // mu1, mu2, xx, yy, xy
    Moments(F* scratch, int width, int which) {
        const int stride = round_up64(width) + 2 * 64;
        for (int p = 0; p < kVifPlanes; ++p)
            row[p] = scratch + (which * kVifPlanes + p) * stride + 64;
    }
    void mirror(int width, int radius) const {
        for (F* r : row) mirror_row(r, width, radius);
    }
};

}  // namespace
}  // namespace media::metrics::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace media::metrics::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
void RowsF32(const VifRows<float>& rows, int scale, float limit, float* scratch, VifSums& sums) {
    scalar_vif_rows_f32(rows, scale, limit, scratch, sums);
}
void RowsF64(const VifRows<double>& rows, int scale, double limit, double* scratch, VifSums& sums) {
    scalar_vif_rows_f64(rows, scale, limit, scratch, sums);
}
void DecimateU8(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch, uint16_t* out) {
    scalar_vif_decimate_row(rows, scale, scratch, out);
}
void DecimateU16(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                 uint16_t* out) {
    scalar_vif_decimate_row(rows, scale, scratch, out);
}
void PrepareU8(const uint8_t* ref, const uint8_t* dist, int n, float* out) {
    scalar_vif_prepare(ref, dist, n, out);
}
void PrepareU16(const uint16_t* ref, const uint16_t* dist, int n, int bits, float* out) {
    scalar_vif_prepare(ref, dist, n, bits, out);
}
void PrepareF64(const uint16_t* ref, const uint16_t* dist, int n, double* out) {
    scalar_vif_prepare(ref, dist, n, out);
}
#else

// ---------------------------------------------------------------- log2 sums as products

/// Per-lane product of log arguments, renormalised to [1, 2) after every multiply, and the
/// biased exponents shed from it.
template <class D>
struct LogProduct {
    using DI = hn::RebindToSigned<D>;
    using TI = hn::TFromD<DI>;
    static constexpr int kMantissaBits = sizeof(TI) == 4 ? 23 : 52;
    static constexpr int64_t kBias = sizeof(TI) == 4 ? 127 : 1023;
    static constexpr TI kOneBits = sizeof(TI) == 4 ? TI{0x3F800000} : TI{0x3FF} << 52;

    hn::Vec<D> product;
    hn::Vec<DI> exponents;
    int64_t multiplies = 0;

    explicit LogProduct(D d) : product(hn::Set(d, 1)), exponents(hn::Zero(DI())) {}

    HWY_INLINE void multiply(D d, hn::Vec<D> x) {
        const DI di;
        const auto bits = hn::BitCast(di, hn::Mul(product, x));
        exponents = hn::Add(exponents, hn::ShiftRight<kMantissaBits>(bits));
        const auto mantissa = hn::And(bits, hn::Set(di, (TI{1} << kMantissaBits) - 1));
        product = hn::BitCast(d, hn::Or(mantissa, hn::Set(di, kOneBits)));
        ++multiplies;
    }
    /// Sum over lanes of log2 of everything multiplied in.
    double total(D d) const {
        const DI di;
        const double logs =
            static_cast<double>(hn::GetLane(hn::SumOfLanes(d, hn::Log2(d, product))));
        const auto e = static_cast<int64_t>(hn::GetLane(hn::SumOfLanes(di, exponents)));
        const auto lanes = static_cast<int64_t>(hn::Lanes(d));
        return logs + static_cast<double>(e - kBias * multiplies * lanes);
    }
};

/// Each loaded row feeds two sums; GCC would fold one use into a memory operand and load the
/// value again for the other. An empty asm keeps it in a register, halving the loads.
template <class V>
HWY_INLINE void KeepInRegister(V& v) {
#if HWY_ARCH_X86 && HWY_COMPILER_GCC && HWY_TARGET != HWY_EMU128
    asm("" : "+v"(v.raw));
#else
    (void)v;
#endif
}

/// Vertical sums of the value at offset `at` of rows i - R .. i + 1 + R (`r`) for output rows
/// i (sum0) and, when `both`, i + 1 (sum1). Row i pairs rows i - k and i + k, row i + 1 pairs
/// i + 1 - k and i + 1 + k, so each input row is loaded once for both.
template <int R, class D, class V>
HWY_INLINE void VerticalAt(D d, const hn::TFromD<D>* const* r, size_t at, const V* taps, bool both,
                           V& sum0, V& sum1) {
    // Even and odd taps accumulate apart: shorter dependency chains.
    V lower_prev = hn::LoadU(d, r[R] + at);      // row i
    V upper_prev = hn::LoadU(d, r[R + 1] + at);  // row i + 1
    V even0 = hn::Mul(taps[0], lower_prev), odd0 = hn::Zero(d);
    if (!both) {
        MEDIA_VIF_UNROLL
        for (int k = 1; k <= R; ++k) {
            const V pair = hn::Add(hn::LoadU(d, r[R - k] + at), hn::LoadU(d, r[R + k] + at));
            if (k % 2 == 0)
                even0 = hn::MulAdd(taps[k], pair, even0);
            else
                odd0 = hn::MulAdd(taps[k], pair, odd0);
        }
        sum0 = hn::Add(even0, odd0);
        return;
    }
    V even1 = hn::Mul(taps[0], upper_prev), odd1 = hn::Zero(d);
    MEDIA_VIF_UNROLL
    for (int k = 1; k <= R; ++k) {
        V lower = hn::LoadU(d, r[R - k] + at);      // row i - k
        V upper = hn::LoadU(d, r[R + 1 + k] + at);  // row i + 1 + k
        KeepInRegister(lower);
        KeepInRegister(upper);
        if (k % 2 == 0) {
            even0 = hn::MulAdd(taps[k], hn::Add(lower, upper_prev), even0);
            even1 = hn::MulAdd(taps[k], hn::Add(lower_prev, upper), even1);
        } else {
            odd0 = hn::MulAdd(taps[k], hn::Add(lower, upper_prev), odd0);
            odd1 = hn::MulAdd(taps[k], hn::Add(lower_prev, upper), odd1);
        }
        lower_prev = lower;
        upper_prev = upper;
    }
    sum0 = hn::Add(even0, odd0);
    sum1 = hn::Add(even1, odd1);
}

/// Vertical sums of the five planes for output rows i and i + 1 at every column vector, handed
/// to `finish(sums0, sums1, j)`.
template <int R, class D, class F, class Finish>
HWY_INLINE void Vertical(D d, const VifRows<F>& rows, const hn::Vec<D>* taps,
                         const Finish& finish) {
    using V = hn::Vec<D>;
    constexpr size_t kBlock = kVifBlock<F>;
    const F* r[2 * R + 2];
    for (int k = 0; k < 2 * R + 2; ++k) r[k] = rows.rows[k];
    const bool both = rows.count == 2;
    const size_t n = hn::Lanes(d);
    for (size_t j = 0; j < static_cast<size_t>(rows.width); j += n) {
        const size_t base = j / kBlock * (kBlock * kVifPlanes) + j % kBlock;
        V sums0[kVifPlanes], sums1[kVifPlanes];
        for (int p = 0; p < kVifPlanes; ++p)
            VerticalAt<R>(d, r, base + p * kBlock, taps, both, sums0[p], sums1[p]);
        finish(sums0, sums1, j);
    }
}

// ---------------------------------------------------------------- scales 0 and 1, float

// libvmaf rounds the vertical means to 1/256 of a level; the rounding r of a mean enters its
// centred second moment as -2 * centre * r (see scalar_vertical_f32).
template <class D, class V>
HWY_INLINE void StoreVerticalF32(D d, const V* v, size_t j, const Moments<float>& m) {
    const auto v256 = hn::Set(d, 256.0f), inv256 = hn::Set(d, 1.0f / 256.0f);
    const auto half = hn::Set(d, 0.5f);
    const auto two_centre = hn::Set(d, 2.0f * kVifCentre), centre = hn::Set(d, kVifCentre);
    const auto r1 = hn::Sub(hn::Mul(hn::Floor(hn::MulAdd(v[0], v256, half)), inv256), v[0]);
    const auto r2 = hn::Sub(hn::Mul(hn::Floor(hn::MulAdd(v[1], v256, half)), inv256), v[1]);
    hn::StoreU(hn::Add(v[0], r1), d, m.row[0] + j);
    hn::StoreU(hn::Add(v[1], r2), d, m.row[1] + j);
    hn::StoreU(hn::NegMulAdd(two_centre, r1, v[2]), d, m.row[2] + j);
    hn::StoreU(hn::NegMulAdd(two_centre, r2, v[3]), d, m.row[3] + j);
    hn::StoreU(hn::NegMulAdd(centre, hn::Add(r1, r2), v[4]), d, m.row[4] + j);
}

template <int R>
void VerticalF32(const VifRows<float>& rows, int scale, const Moments<float>& m0,
                 const Moments<float>& m1) {
    const hn::CappedTag<float, kBlockF32> d;
    using V = hn::Vec<decltype(d)>;
    V taps[R + 1];
    for (int k = 0; k <= R; ++k)
        taps[k] = hn::Set(d, static_cast<float>(kVifTaps[scale][R + k]) / 65536.0f);
    const bool both = rows.count == 2;
    Vertical<R>(d, rows, taps, [&](const V* sums0, const V* sums1, size_t j) {
        StoreVerticalF32(d, sums0, j, m0);
        if (both) StoreVerticalF32(d, sums1, j, m1);
    });
}

template <int R, class D, class V>
HWY_INLINE V FilterAt(D d, const hn::TFromD<D>* row, const V* taps) {
    // Two accumulators halve the dependency chain, which bounds these long loop bodies.
    V even = hn::Mul(taps[0], hn::LoadU(d, row));
    V odd = hn::Zero(d);
    MEDIA_VIF_UNROLL
    for (int k = 1; k <= R; ++k) {
        const V pair = hn::Add(hn::LoadU(d, row - k), hn::LoadU(d, row + k));
        if (k % 2 == 0)
            even = hn::MulAdd(taps[k], pair, even);
        else
            odd = hn::MulAdd(taps[k], pair, odd);
    }
    return hn::Add(even, odd);
}

template <int R>
void HorizontalF32(const Moments<float>& m, int width, int scale, float limit, VifSums& sums) {
    const hn::CappedTag<float, kBlockF32> d;
    const size_t n = hn::Lanes(d);
    hn::Vec<decltype(d)> taps[R + 1];
    for (int k = 0; k <= R; ++k)
        taps[k] = hn::Set(d, static_cast<float>(kVifTaps[scale][R + k]) / 65536.0f);
    const auto zero = hn::Zero(d), one = hn::Set(d, 1.0f), two = hn::Set(d, 2.0f);
    const auto half = hn::Set(d, 0.5f), gain_limit = hn::Set(d, limit);
    LogProduct<decltype(d)> den(d), num_a(d), num_b(d);
    auto flat_sigma2 = zero, flat_count = zero;
    for (size_t j = 0; j < static_cast<size_t>(width); j += n) {
        const auto mu1 = FilterAt<R>(d, m.row[0] + j, taps);
        const auto mu2 = FilterAt<R>(d, m.row[1] + j, taps);
        const auto s1 = hn::NegMulAdd(mu1, mu1, FilterAt<R>(d, m.row[2] + j, taps));
        const auto s2 = hn::Max(hn::NegMulAdd(mu2, mu2, FilterAt<R>(d, m.row[3] + j, taps)), zero);
        const auto s12 = hn::NegMulAdd(mu1, mu2, FilterAt<R>(d, m.row[4] + j, taps));
        const auto valid = hn::FirstN(d, static_cast<size_t>(width) - j);
        const auto log_mask = hn::And(valid, hn::Ge(s1, two));
        const auto num_mask = hn::And(log_mask, hn::And(hn::Gt(s12, zero), hn::Gt(s2, zero)));
        // 1 / s1 to float precision: the 14-bit (12 on AVX2) estimate and one Newton step.
        const auto estimate = hn::ApproximateReciprocal(s1);
        const auto inverse = hn::Mul(estimate, hn::NegMulAdd(s1, estimate, two));
        auto g = hn::Mul(s12, inverse);
        const auto sv = hn::Max(hn::NegMulAdd(g, s12, s2), zero);
        g = hn::Min(g, gain_limit);
        const auto b = hn::Add(sv, two);
        const auto a = hn::MulAdd(hn::Mul(g, g), s1, b);
        den.multiply(d, hn::IfThenElse(log_mask, hn::MulAdd(s1, half, one), one));
        num_a.multiply(d, hn::IfThenElse(num_mask, a, one));
        num_b.multiply(d, hn::IfThenElse(num_mask, b, one));
        const auto flat = hn::AndNot(log_mask, valid);
        flat_sigma2 = hn::Add(flat_sigma2, hn::IfThenElseZero(flat, s2));
        flat_count = hn::Add(flat_count, hn::IfThenElseZero(flat, one));
    }
    sums.den_log += den.total(d);
    sums.num_log += num_a.total(d) - num_b.total(d);
    sums.flat_sigma2 += static_cast<double>(hn::GetLane(hn::SumOfLanes(d, flat_sigma2)));
    sums.flat_count += static_cast<double>(hn::GetLane(hn::SumOfLanes(d, flat_count)));
}

template <int R>
void RowsF32R(const VifRows<float>& rows, int scale, float limit, float* scratch, VifSums& sums) {
    const Moments<float> m0(scratch, rows.width, 0), m1(scratch, rows.width, 1);
    VerticalF32<R>(rows, scale, m0, m1);
    for (int out = 0; out < rows.count; ++out) {
        const Moments<float>& m = out == 0 ? m0 : m1;
        m.mirror(rows.width, R);
        HorizontalF32<R>(m, rows.width, scale, limit, sums);
    }
}

void RowsF32(const VifRows<float>& rows, int scale, float limit, float* scratch, VifSums& sums) {
    if (scale == 0)
        RowsF32R<8>(rows, scale, limit, scratch, sums);
    else
        RowsF32R<4>(rows, scale, limit, scratch, sums);
}

// ---------------------------------------------------------------- scales 2 and 3, double

template <int R>
void VerticalF64(const VifRows<double>& rows, int scale, const Moments<double>& m0,
                 const Moments<double>& m1) {
    const hn::CappedTag<double, kBlockF64> d;
    using V = hn::Vec<decltype(d)>;
    V taps[R + 1];
    for (int k = 0; k <= R; ++k) taps[k] = hn::Set(d, kVifTaps[scale][R + k]);
    const auto inv = hn::Set(d, 1.0 / 65536.0), half = hn::Set(d, 0.5);
    const bool both = rows.count == 2;
    Vertical<R>(d, rows, taps, [&](const V* sums0, const V* sums1, size_t j) {
        for (int p = 0; p < kVifPlanes; ++p) {
            hn::StoreU(hn::Floor(hn::MulAdd(sums0[p], inv, half)), d, m0.row[p] + j);
            if (both) hn::StoreU(hn::Floor(hn::MulAdd(sums1[p], inv, half)), d, m1.row[p] + j);
        }
    });
}

/// round(a * b / 2^32) for integers a, b < 2^32 (see product_q32 in vif.cpp).
template <class D, class V>
HWY_INLINE V ProductQ32(D d, V a, V b) {
    return hn::Floor(hn::MulAdd(hn::Mul(a, b), hn::Set(d, 1.0 / 4294967296.0), hn::Set(d, 0.5)));
}

template <int R>
void HorizontalF64(const Moments<double>& m, int width, int scale, double limit, VifSums& sums) {
    const hn::CappedTag<double, kBlockF64> d;
    const size_t n = hn::Lanes(d);
    hn::Vec<decltype(d)> taps[R + 1];
    for (int k = 0; k <= R; ++k) taps[k] = hn::Set(d, kVifTaps[scale][R + k]);
    const auto zero = hn::Zero(d), one = hn::Set(d, 1.0), half = hn::Set(d, 0.5);
    const auto inv16 = hn::Set(d, 1.0 / 65536.0);
    const auto sigma_nsq = hn::Set(d, 131072.0), inv_nsq = hn::Set(d, 1.0 / 131072.0);
    const auto eps = hn::Set(d, 65536 * 1.0e-10), gain_limit = hn::Set(d, limit);
    LogProduct<decltype(d)> den(d), num_a(d), num_b(d);
    auto flat_sigma2 = zero, flat_count = zero;
    for (size_t j = 0; j < static_cast<size_t>(width); j += n) {
        const auto mu1 = FilterAt<R>(d, m.row[0] + j, taps);
        const auto mu2 = FilterAt<R>(d, m.row[1] + j, taps);
        const auto xx = hn::Floor(hn::MulAdd(FilterAt<R>(d, m.row[2] + j, taps), inv16, half));
        const auto yy = hn::Floor(hn::MulAdd(FilterAt<R>(d, m.row[3] + j, taps), inv16, half));
        const auto xy = hn::Floor(hn::MulAdd(FilterAt<R>(d, m.row[4] + j, taps), inv16, half));
        const auto s1 = hn::Sub(xx, ProductQ32(d, mu1, mu1));
        const auto s2 = hn::Max(hn::Sub(yy, ProductQ32(d, mu2, mu2)), zero);
        const auto s12 = hn::Sub(xy, ProductQ32(d, mu1, mu2));
        const auto valid = hn::FirstN(d, static_cast<size_t>(width) - j);
        const auto log_mask = hn::And(valid, hn::Ge(s1, sigma_nsq));
        const auto num_mask = hn::And(log_mask, hn::And(hn::Gt(s12, zero), hn::Gt(s2, zero)));
        auto g = hn::Div(s12, hn::Add(s1, eps));
        const auto sv = hn::Max(hn::Trunc(hn::Sub(s2, hn::Mul(g, s12))), zero);
        g = hn::Min(g, gain_limit);
        const auto n1 = hn::Add(sv, sigma_nsq);
        const auto nt = hn::Add(hn::Trunc(hn::Mul(hn::Mul(g, g), s1)), n1);
        den.multiply(d, hn::IfThenElse(log_mask, hn::MulAdd(s1, inv_nsq, one), one));
        num_a.multiply(d, hn::IfThenElse(num_mask, nt, one));
        num_b.multiply(d, hn::IfThenElse(num_mask, n1, one));
        const auto flat = hn::AndNot(log_mask, valid);
        flat_sigma2 = hn::Add(flat_sigma2, hn::IfThenElseZero(flat, s2));
        flat_count = hn::Add(flat_count, hn::IfThenElseZero(flat, one));
    }
    sums.den_log += den.total(d);
    sums.num_log += num_a.total(d) - num_b.total(d);
    sums.flat_sigma2 += hn::GetLane(hn::SumOfLanes(d, flat_sigma2)) / 65536.0;
    sums.flat_count += hn::GetLane(hn::SumOfLanes(d, flat_count));
}

template <int R>
void RowsF64R(const VifRows<double>& rows, int scale, double limit, double* scratch,
              VifSums& sums) {
    const Moments<double> m0(scratch, rows.width, 0), m1(scratch, rows.width, 1);
    VerticalF64<R>(rows, scale, m0, m1);
    for (int out = 0; out < rows.count; ++out) {
        const Moments<double>& m = out == 0 ? m0 : m1;
        m.mirror(rows.width, R);
        HorizontalF64<R>(m, rows.width, scale, limit, sums);
    }
}

void RowsF64(const VifRows<double>& rows, int scale, double limit, double* scratch, VifSums& sums) {
    if (scale == 2)
        RowsF64R<2>(rows, scale, limit, scratch, sums);
    else
        RowsF64R<1>(rows, scale, limit, scratch, sums);
}

// ---------------------------------------------------------------- decimation, uint32

template <int R, typename T>
void DecimateR(const VifDecimateRows<T>& rows, int scale, uint32_t* scratch, uint16_t* out) {
    const hn::ScalableTag<uint32_t> d;
    const hn::Rebind<T, decltype(d)> dt;
    const hn::Rebind<uint16_t, decltype(d)> d16;
    const hn::RebindToSigned<decltype(d)> di;
    const size_t n = hn::Lanes(d);
    const uint16_t* tap = kVifTaps[scale];
    const int width = rows.width;
    uint32_t* t = scratch + 64;
    const auto round = hn::Set(d, 1u << (rows.shift - 1));
    size_t j = 0;
    for (; j + n <= static_cast<size_t>(width); j += n) {
        auto sum = hn::Mul(hn::Set(d, tap[R]), hn::PromoteTo(d, hn::LoadU(dt, rows.rows[R] + j)));
        for (int k = 1; k <= R; ++k) {
            const auto pair = hn::Add(hn::PromoteTo(d, hn::LoadU(dt, rows.rows[R - k] + j)),
                                      hn::PromoteTo(d, hn::LoadU(dt, rows.rows[R + k] + j)));
            sum = hn::Add(sum, hn::Mul(hn::Set(d, tap[R - k]), pair));
        }
        hn::StoreU(hn::ShiftRightSame(hn::Add(sum, round), rows.shift), d, t + j);
    }
    for (; j < static_cast<size_t>(width); ++j) {
        uint32_t sum = 0;
        for (int k = 0; k <= 2 * R; ++k) sum += uint32_t{tap[k]} * rows.rows[k][j];
        t[j] = static_cast<uint32_t>((uint64_t{sum} + (1u << (rows.shift - 1))) >> rows.shift);
    }
    mirror_row(t, width, R);
    const auto round16 = hn::Set(d, 32768u);
    for (size_t q = 0; q < static_cast<size_t>(width / 2); q += n) {
        const uint32_t* base = t + 2 * q - R;
        auto sum = round16;
        for (int k = 0; k <= 2 * R; k += 2) {
            hn::Vec<decltype(d)> even, odd;
            hn::LoadInterleaved2(d, base + k, even, odd);
            sum = hn::Add(sum, hn::Mul(hn::Set(d, tap[k]), even));
            if (k < 2 * R) sum = hn::Add(sum, hn::Mul(hn::Set(d, tap[k + 1]), odd));
        }
        const auto value = hn::BitCast(di, hn::ShiftRight<16>(sum));
        hn::StoreU(hn::DemoteTo(d16, value), d16, out + q);
    }
}

template <typename T>
void Decimate(const VifDecimateRows<T>& rows, int scale, uint32_t* scratch, uint16_t* out) {
    switch (scale) {
        case 1:
            return DecimateR<4>(rows, scale, scratch, out);
        case 2:
            return DecimateR<2>(rows, scale, scratch, out);
        default:
            return DecimateR<1>(rows, scale, scratch, out);
    }
}
void DecimateU8(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch, uint16_t* out) {
    Decimate(rows, scale, scratch, out);
}
void DecimateU16(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                 uint16_t* out) {
    Decimate(rows, scale, scratch, out);
}

// ---------------------------------------------------------------- row preparation

template <typename T>
void PrepareF32(const T* ref, const T* dist, int n, int bits, float* out) {
    const hn::CappedTag<float, kBlockF32> d;
    const hn::RebindToSigned<decltype(d)> di;
    const hn::Rebind<T, decltype(d)> dt;
    constexpr size_t kBlock = kVifBlock<float>;
    const size_t lanes = hn::Lanes(d);
    const float scale = 1.0f / static_cast<float>(1 << (bits - 8));
    const auto factor = hn::Set(d, scale), centre = hn::Set(d, -kVifCentre);
    size_t i = 0;
    for (; i + lanes <= static_cast<size_t>(n); i += lanes) {
        const auto a =
            hn::MulAdd(hn::ConvertTo(d, hn::PromoteTo(di, hn::LoadU(dt, ref + i))), factor, centre);
        const auto b = hn::MulAdd(hn::ConvertTo(d, hn::PromoteTo(di, hn::LoadU(dt, dist + i))),
                                  factor, centre);
        float* at = out + i / kBlock * (kBlock * kVifPlanes) + i % kBlock;
        hn::StoreU(a, d, at + kVifRef * kBlock);
        hn::StoreU(b, d, at + kVifDist * kBlock);
        hn::StoreU(hn::Mul(a, a), d, at + kVifRefSq * kBlock);
        hn::StoreU(hn::Mul(b, b), d, at + kVifDistSq * kBlock);
        hn::StoreU(hn::Mul(a, b), d, at + kVifRefDist * kBlock);
    }
    for (; i < static_cast<size_t>(n); ++i) {
        const float a = static_cast<float>(ref[i]) * scale - kVifCentre;
        const float b = static_cast<float>(dist[i]) * scale - kVifCentre;
        const int j = static_cast<int>(i);
        out[vif_index<float>(j, kVifRef)] = a;
        out[vif_index<float>(j, kVifDist)] = b;
        out[vif_index<float>(j, kVifRefSq)] = a * a;
        out[vif_index<float>(j, kVifDistSq)] = b * b;
        out[vif_index<float>(j, kVifRefDist)] = a * b;
    }
}
void PrepareU8(const uint8_t* ref, const uint8_t* dist, int n, float* out) {
    PrepareF32(ref, dist, n, 8, out);
}
void PrepareU16(const uint16_t* ref, const uint16_t* dist, int n, int bits, float* out) {
    PrepareF32(ref, dist, n, bits, out);
}

void PrepareF64(const uint16_t* ref, const uint16_t* dist, int n, double* out) {
    const hn::CappedTag<double, kBlockF64> d;
    const hn::Rebind<int32_t, decltype(d)> di;
    const hn::Rebind<uint16_t, decltype(d)> d16;
    constexpr size_t kBlock = kVifBlock<double>;
    const size_t lanes = hn::Lanes(d);
    size_t i = 0;
    for (; i + lanes <= static_cast<size_t>(n); i += lanes) {
        const auto a = hn::PromoteTo(d, hn::PromoteTo(di, hn::LoadU(d16, ref + i)));
        const auto b = hn::PromoteTo(d, hn::PromoteTo(di, hn::LoadU(d16, dist + i)));
        double* at = out + i / kBlock * (kBlock * kVifPlanes) + i % kBlock;
        hn::StoreU(a, d, at + kVifRef * kBlock);
        hn::StoreU(b, d, at + kVifDist * kBlock);
        hn::StoreU(hn::Mul(a, a), d, at + kVifRefSq * kBlock);
        hn::StoreU(hn::Mul(b, b), d, at + kVifDistSq * kBlock);
        hn::StoreU(hn::Mul(a, b), d, at + kVifRefDist * kBlock);
    }
    for (; i < static_cast<size_t>(n); ++i) {
        const double a = ref[i], b = dist[i];
        const int j = static_cast<int>(i);
        out[vif_index<double>(j, kVifRef)] = a;
        out[vif_index<double>(j, kVifDist)] = b;
        out[vif_index<double>(j, kVifRefSq)] = a * a;
        out[vif_index<double>(j, kVifDistSq)] = b * b;
        out[vif_index<double>(j, kVifRefDist)] = a * b;
    }
}
#endif  // HWY_TARGET == HWY_SCALAR

}  // namespace HWY_NAMESPACE
}  // namespace media::metrics::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::metrics::detail {

HWY_EXPORT(RowsF32);
HWY_EXPORT(RowsF64);
HWY_EXPORT(DecimateU8);
HWY_EXPORT(DecimateU16);
HWY_EXPORT(PrepareU8);
HWY_EXPORT(PrepareU16);
HWY_EXPORT(PrepareF64);

void vif_rows_f32(const VifRows<float>& rows, int scale, float enhn_gain_limit, float* scratch,
                  VifSums& sums) {
    HWY_DYNAMIC_DISPATCH(RowsF32)(rows, scale, enhn_gain_limit, scratch, sums);
}
void vif_rows_f64(const VifRows<double>& rows, int scale, double enhn_gain_limit, double* scratch,
                  VifSums& sums) {
    HWY_DYNAMIC_DISPATCH(RowsF64)(rows, scale, enhn_gain_limit, scratch, sums);
}
void vif_decimate_row(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch,
                      uint16_t* out) {
    HWY_DYNAMIC_DISPATCH(DecimateU8)(rows, scale, scratch, out);
}
void vif_decimate_row(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                      uint16_t* out) {
    HWY_DYNAMIC_DISPATCH(DecimateU16)(rows, scale, scratch, out);
}
void vif_prepare(const uint8_t* ref, const uint8_t* dist, int n, float* out) {
    HWY_DYNAMIC_DISPATCH(PrepareU8)(ref, dist, n, out);
}
void vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, int bit_depth, float* out) {
    HWY_DYNAMIC_DISPATCH(PrepareU16)(ref, dist, n, bit_depth, out);
}
void vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, double* out) {
    HWY_DYNAMIC_DISPATCH(PrepareF64)(ref, dist, n, out);
}

}  // namespace media::metrics::detail
#endif  // HWY_ONCE
