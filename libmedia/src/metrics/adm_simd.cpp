// SPDX-License-Identifier: Apache-2.0
// ADM's row kernels in SIMD, written once with Highway and compiled for every target it knows;
// the best one for the running CPU is picked on first call (HWY_DYNAMIC_DISPATCH). Each agrees
// exactly with its scalar reference in adm.cpp, which also serves the edges and tails:
// - 16-bit pipeline (scale 0) in 32-bit lanes; 32-bit pipeline (scales 1..3) in 64-bit lanes or
//   as even/odd lane pairs through MulEven, so every 64-bit product libvmaf forms is formed here.
// - The int16/int32 stores libvmaf truncates are truncated, not saturated.
// - The decoupling's angle test converts to float and compares in double as libvmaf does; a
//   64-bit integer reaches float through a round-to-odd double, so it is rounded once.
// - Enhancement gain limits that are not whole numbers take the scalar decoupling.
// Lanes are read as pairs of narrower samples, which assumes a little-endian machine.
#include "adm_kernels.h"

// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/metrics/adm_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>

HWY_BEFORE_NAMESPACE();
namespace media::metrics::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
// One-lane vectors have no lane pairs: the scalar references serve.
void Vertical0U8(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi) {
    scalar_adm_vertical0_u8(rows, n, lo, hi);
}
void Vertical0U16(const uint16_t* const rows[4], int n, int bits, int16_t* lo, int16_t* hi) {
    scalar_adm_vertical0_u16(rows, n, bits, lo, hi);
}
void Horizontal0(const int16_t* lo, const int16_t* hi, int n, int32_t* a, AdmHvd<int16_t> out) {
    scalar_adm_horizontal0(lo, hi, n, a, out);
}
void VerticalN(const int32_t* const rows[4], int n, int scale, int32_t* lo, int32_t* hi) {
    scalar_adm_verticalN(rows, n, scale, lo, hi);
}
void HorizontalN(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                 AdmHvd<int32_t> out) {
    scalar_adm_horizontalN(lo, hi, n, scale, a, out);
}
void Decouple0(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
               const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g) {
    scalar_adm_decouple0(ref, dis, begin, end, p, r, f, g);
}
void DecoupleN(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
               const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g) {
    scalar_adm_decoupleN(ref, dis, begin, end, p, r, f, g);
}
void Masked0(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r, int begin,
             int end, const AdmCm0& p, int64_t sums[3]) {
    scalar_adm_masked0(f, g, r, begin, end, p, sums);
}
void MaskedN(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r, int begin,
             int end, const AdmCmN& p, int64_t sums[3]) {
    scalar_adm_maskedN(f, g, r, begin, end, p, sums);
}
void Reference0(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]) {
    scalar_adm_reference0(ref, begin, end, sums);
}
void ReferenceN(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p, uint64_t sums[3]) {
    scalar_adm_referenceN(ref, begin, end, p, sums);
}
#else

using D32 = hn::ScalableTag<int32_t>;
using V32 = hn::Vec<D32>;
using D64 = hn::Repartition<int64_t, D32>;
using V64 = hn::Vec<D64>;
using DU32 = hn::RebindToUnsigned<D32>;
using DU64 = hn::RebindToUnsigned<D64>;
using VU64 = hn::Vec<DU64>;

int lanes(D32 d) {
    return static_cast<int>(hn::Lanes(d));
}

// The low 16 bits of each 32-bit lane, sign-extended (an int16 store and reload).
V32 wrap16(V32 v) {
    return hn::ShiftRight<16>(hn::ShiftLeft<16>(v));
}

// The low 32 bits of each 64-bit lane, sign-extended.
V64 wrap32(V64 v) {
    return hn::ShiftRight<32>(hn::ShiftLeft<32>(v));
}

// The odd 32-bit lanes moved to the even ones (MulEven reads even lanes only).
V32 odd_lanes(V32 v) {
    const D32 d32;
    const D64 d64;
    return hn::BitCast(d32, hn::ShiftRight<32>(hn::BitCast(d64, v)));
}

// 64-bit results of the even and odd lanes back into 32-bit lanes, truncated.
V32 join_even_odd(V64 even, V64 odd) {
    const D32 d32;
    return hn::OddEven(hn::BitCast(d32, hn::ShiftLeft<32>(odd)), hn::BitCast(d32, even));
}

// Two 32-bit vectors as one of int16 lanes, each truncated to its low 16 bits.
void store_truncated16(V32 first, V32 second, int16_t* out) {
    const hn::Repartition<int16_t, D32> d16;
    hn::StoreU(hn::ConcatEven(d16, hn::BitCast(d16, second), hn::BitCast(d16, first)), d16, out);
}

// Per 32-bit lane, the two int16 halves of a times those of b, summed: lo*lo + hi*hi, exact in
// 32 bits (Highway's pairwise widening multiply-add, rearranged to lane order on every target).
HWY_INLINE V32 pair_dot(V32 a, V32 b) {
    const D32 d;
    const hn::Repartition<int16_t, D32> d16;
    V32 sum1 = hn::Zero(d);
    const V32 sum0 = hn::ReorderWidenMulAccumulate(d, hn::BitCast(d16, a), hn::BitCast(d16, b),
                                                   hn::Zero(d), sum1);
    return hn::RearrangeToOddPlusEven(sum0, sum1);
}

// Two filter taps as one 32-bit lane of int16 pairs (first tap in the low half).
V32 tap_pair(int32_t first, int32_t second) {
    const D32 d;
    return hn::Set(d, static_cast<int32_t>((static_cast<uint32_t>(second) << 16) |
                                           (static_cast<uint32_t>(first) & 0xFFFFu)));
}

// Runs body(j) on whole vectors over [begin, end), the last one moved back to end where the
// range is not a multiple of step. Only for kernels whose outputs depend on their inputs alone
// (a column may be computed twice). False when the range is shorter than one vector.
template <class Body>
bool for_vectors(int begin, int end, int step, Body&& body) {
    if (end - begin < step) return false;
    for (int j = begin;; j += step) {
        if (j > end - step) j = end - step;
        body(j);
        if (j == end - step) return true;
    }
}

// ---------------------------------------------------------------- DWT

template <typename T>
V32 load_widened(const T* p) {
    const D32 d32;
    const hn::Rebind<T, D32> dt;
    return hn::PromoteTo(d32, hn::LoadU(dt, p));
}

// Vertical pass of the picture. Samples below 2^15 (all 8-bit ones, and in-range ones up to 15
// bits) go through pairwise 16-bit products; a vector holding a larger one takes 32-bit products.
template <typename T>
void Vertical0(const T* const rows[4], int n, int bits, int16_t* lo, int16_t* hi) {
    const D32 d;
    const int step = lanes(d);
    const int32_t add = 1 << (bits - 1);
    const V32 lo_bias = hn::Set(d, add - kDb2LoSum * add), hi_bias = hn::Set(d, add);
    const V32 lo01 = tap_pair(kDb2Lo[0], kDb2Lo[1]), lo23 = tap_pair(kDb2Lo[2], kDb2Lo[3]);
    const V32 hi01 = tap_pair(kDb2Hi[0], kDb2Hi[1]), hi23 = tap_pair(kDb2Hi[2], kDb2Hi[3]);
    const V32 high_bit = hn::Set(d, 0x8000);
    auto filter = [&](const V32(&x)[4], V32& l, V32& h) {
        const V32 all = hn::Or(hn::Or(x[0], x[1]), hn::Or(x[2], x[3]));
        if (sizeof(T) == 1 || hn::AllTrue(d, hn::Eq(hn::And(all, high_bit), hn::Zero(d)))) {
            const V32 p01 = hn::Or(x[0], hn::ShiftLeft<16>(x[1]));
            const V32 p23 = hn::Or(x[2], hn::ShiftLeft<16>(x[3]));
            l = hn::Add(hn::Add(pair_dot(p01, lo01), pair_dot(p23, lo23)), lo_bias);
            h = hn::Add(hn::Add(pair_dot(p01, hi01), pair_dot(p23, hi23)), hi_bias);
        } else {
            l = lo_bias;
            h = hi_bias;
            for (int k = 0; k < 4; ++k) {
                l = hn::Add(l, hn::Mul(x[k], hn::Set(d, kDb2Lo[k])));
                h = hn::Add(h, hn::Mul(x[k], hn::Set(d, kDb2Hi[k])));
            }
        }
        l = hn::ShiftRightSame(l, bits);
        h = hn::ShiftRightSame(h, bits);
    };
    const bool vectors = for_vectors(0, n, 2 * step, [&](int j) {
        V32 l[2], h[2];
        for (int half = 0; half < 2; ++half) {
            V32 x[4];
            for (int k = 0; k < 4; ++k) x[k] = load_widened(rows[k] + j + half * step);
            filter(x, l[half], h[half]);
        }
        store_truncated16(l[0], l[1], lo + j);
        store_truncated16(h[0], h[1], hi + j);
    });
    if (vectors) return;
    if constexpr (sizeof(T) == 1)
        scalar_adm_vertical0_u8(rows, n, lo, hi);
    else
        scalar_adm_vertical0_u16(rows, n, bits, lo, hi);
}

void Vertical0U8(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi) {
    Vertical0(rows, n, 8, lo, hi);
}

void Vertical0U16(const uint16_t* const rows[4], int n, int bits, int16_t* lo, int16_t* hi) {
    Vertical0(rows, n, bits, lo, hi);
}

// Taps 2j-1, 2j and 2j+1, 2j+2 of a line of int16: the int16 pairs of two 32-bit loads.
struct Taps16 {
    V32 first, second;
    Taps16(const int16_t* line, int j) {
        const D32 d32;
        const hn::Repartition<int16_t, D32> d16;
        first = hn::BitCast(d32, hn::LoadU(d16, line + 2 * j - 1));
        second = hn::BitCast(d32, hn::LoadU(d16, line + 2 * j + 1));
    }
    V32 filter(V32 taps01, V32 taps23) const {
        const D32 d;
        const V32 s = hn::Add(pair_dot(first, taps01), pair_dot(second, taps23));
        return hn::ShiftRight<16>(hn::Add(s, hn::Set(d, 32768)));
    }
};

void Horizontal0(const int16_t* lo, const int16_t* hi, int n, int32_t* a, AdmHvd<int16_t> out) {
    const D32 d;
    const hn::Rebind<int16_t, D32> dh;
    const int step = lanes(d), outputs = (n + 1) / 2;
    const V32 lo01 = tap_pair(kDb2Lo[0], kDb2Lo[1]), lo23 = tap_pair(kDb2Lo[2], kDb2Lo[3]);
    const V32 hi01 = tap_pair(kDb2Hi[0], kDb2Hi[1]), hi23 = tap_pair(kDb2Hi[2], kDb2Hi[3]);
    // Vectors cover outputs 1 .. (n - 1) / 2 - 1, whose taps all lie inside the line.
    const int inner = (n - 1) / 2;
    scalar_adm_horizontal0_range(lo, hi, n, 0, 1, a, out);
    const bool vectors = for_vectors(1, inner, step, [&](int j) {
        const Taps16 low(lo, j), high(hi, j);
        hn::StoreU(low.filter(lo01, lo23), d, a + j);
        hn::StoreU(hn::DemoteTo(dh, low.filter(hi01, hi23)), dh, out.v + j);
        hn::StoreU(hn::DemoteTo(dh, high.filter(lo01, lo23)), dh, out.h + j);
        hn::StoreU(hn::DemoteTo(dh, high.filter(hi01, hi23)), dh, out.d + j);
    });
    scalar_adm_horizontal0_range(lo, hi, n, vectors ? inner : 1, outputs, a, out);
}

// Sum of four taps times the filter in 64-bit, for the even lanes of x[] (odd: pass odd_lanes).
V64 filter64(const V32 (&x)[4], const int32_t (&c)[4]) {
    const D32 d;
    V64 s = hn::MulEven(x[0], hn::Set(d, c[0]));
    for (int k = 1; k < 4; ++k) s = hn::Add(s, hn::MulEven(x[k], hn::Set(d, c[k])));
    return s;
}

void VerticalN(const int32_t* const rows[4], int n, int scale, int32_t* lo, int32_t* hi) {
    const D32 d;
    const D64 d64;
    const int step = lanes(d);
    const bool vectors = for_vectors(0, n, step, [&](int j) {
        V32 x[4], xo[4];
        for (int k = 0; k < 4; ++k) x[k] = hn::LoadU(d, rows[k] + j);
        if (scale == 1) {  // no shift: the 32-bit wrap-around of the 64-bit sum
            V32 sl = hn::Zero(d), sh = hn::Zero(d);
            for (int k = 0; k < 4; ++k) {
                sl = hn::Add(sl, hn::Mul(x[k], hn::Set(d, kDb2Lo[k])));
                sh = hn::Add(sh, hn::Mul(x[k], hn::Set(d, kDb2Hi[k])));
            }
            hn::StoreU(sl, d, lo + j);
            hn::StoreU(sh, d, hi + j);
            return;
        }
        for (int k = 0; k < 4; ++k) xo[k] = odd_lanes(x[k]);
        const V64 add = hn::Set(d64, 32768);
        auto round = [&](V64 v) { return hn::ShiftRight<16>(hn::Add(v, add)); };
        hn::StoreU(join_even_odd(round(filter64(x, kDb2Lo)), round(filter64(xo, kDb2Lo))), d,
                   lo + j);
        hn::StoreU(join_even_odd(round(filter64(x, kDb2Hi)), round(filter64(xo, kDb2Hi))), d,
                   hi + j);
    });
    if (!vectors) scalar_adm_verticalN(rows, n, scale, lo, hi);
}

// Taps 2j-1 .. 2j+2 of a line of int32 for half a vector of outputs, in even lanes.
struct Taps32 {
    V32 t[4];
    Taps32(const int32_t* line, int j) {
        const D32 d;
        t[0] = hn::LoadU(d, line + 2 * j - 1);
        t[1] = odd_lanes(t[0]);
        t[2] = hn::LoadU(d, line + 2 * j + 1);
        t[3] = odd_lanes(t[2]);
    }
};

void HorizontalN(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                 AdmHvd<int32_t> out) {
    constexpr int64_t kAdd[3] = {16384, 32768, 16384};
    constexpr int kShift[3] = {15, 16, 15};
    const D32 d;
    const D64 d64;
    const int step = lanes(d), half = step / 2, outputs = (n + 1) / 2;
    const V64 add = hn::Set(d64, kAdd[scale - 1]);
    const int shift = kShift[scale - 1];
    auto both = [&](const Taps32& first, const Taps32& second, const int32_t(&c)[4]) {
        const V64 x = hn::ShiftRightSame(hn::Add(filter64(first.t, c), add), shift);
        const V64 y = hn::ShiftRightSame(hn::Add(filter64(second.t, c), add), shift);
        return hn::ConcatEven(d, hn::BitCast(d, y), hn::BitCast(d, x));
    };
    const int inner = (n - 1) / 2;
    scalar_adm_horizontalN_range(lo, hi, n, scale, 0, 1, a, out);
    const bool vectors = for_vectors(1, inner, step, [&](int j) {
        const Taps32 l0(lo, j), l1(lo, j + half), h0(hi, j), h1(hi, j + half);
        hn::StoreU(both(l0, l1, kDb2Lo), d, a + j);
        hn::StoreU(both(l0, l1, kDb2Hi), d, out.v + j);
        hn::StoreU(both(h0, h1, kDb2Lo), d, out.h + j);
        hn::StoreU(both(h0, h1, kDb2Hi), d, out.d + j);
    });
    scalar_adm_horizontalN_range(lo, hi, n, scale, vectors ? inner : 1, outputs, a, out);
}

// ---------------------------------------------------------------- decoupling and CSF

float cos_1deg_sq() {
    const double deg = std::numbers::pi / 180.0;
    return static_cast<float>(std::cos(deg) * std::cos(deg));
}

// Whole gain limits (libvmaf allows 1..100) run in integer lanes, where rst * limit stays below
// 2^31; libvmaf's double product truncates to the same. Others take the scalar decoupling.
bool whole_gain(double limit) {
    return limit >= 1.0 && limit <= 32768.0 && std::floor(limit) == limit;
}

// libvmaf's angle test on float values held in double lanes: dot^2 >= (cos^2 * ref) * dis.
template <class DF>
hn::Mask<DF> within_1deg(DF df, hn::Vec<DF> dot, hn::Vec<DF> ref, hn::Vec<DF> dis, float cos_sq) {
    const auto rhs = hn::Mul(hn::Mul(hn::Set(df, static_cast<double>(cos_sq)), ref), dis);
    return hn::Ge(hn::Mul(dot, dot), rhs);
}

// Angle flags of 32-bit lanes holding exact int32 dot products and squared magnitudes.
HWY_INLINE hn::Mask<D32> angle_flags32(V32 dot, V32 ref_mag, V32 dis_mag, float cos_sq) {
    const D32 d;
    const hn::Rebind<float, D32> df;
    const hn::Half<decltype(df)> dfh;
    const hn::Repartition<double, D32> dd;
    const auto fd = hn::ConvertTo(df, dot), fo = hn::ConvertTo(df, ref_mag),
               ft = hn::ConvertTo(df, dis_mag);
    const auto not_negative = hn::Not(hn::Lt(dot, hn::Zero(d)));
    // In float the two sides are within 2^-22 of libvmaf's; where they differ by more than
    // 2^-20 (or cos^2 * ref * dis is 0, so the test holds) float decides, else double does.
    const auto lhs = hn::Mul(fd, fd), rhs = hn::Mul(hn::Mul(hn::Set(df, cos_sq), fo), ft);
    const auto diff = hn::Sub(lhs, rhs);
    const auto flat = hn::Eq(rhs, hn::Zero(df));
    const auto clear = hn::Or(hn::Lt(hn::Mul(rhs, hn::Set(df, 0x1p-20f)), hn::Abs(diff)), flat);
    if (hn::AllTrue(df, clear))
        return hn::And(hn::RebindMask(d, hn::Or(hn::Lt(hn::Zero(df), diff), flat)), not_negative);
    auto half_flags = [&](auto pick) {
        const auto m = within_1deg(dd, hn::PromoteTo(dd, pick(fd)), hn::PromoteTo(dd, pick(fo)),
                                   hn::PromoteTo(dd, pick(ft)), cos_sq);
        return hn::BitCast(d, hn::VecFromMask(dd, m));
    };
    const V32 lower = half_flags([](auto v) { return hn::LowerHalf(v); });
    const V32 upper = half_flags([&](auto v) { return hn::UpperHalf(dfh, v); });
    const V32 flags = hn::ConcatEven(d, upper, lower);
    return hn::And(hn::MaskFromVec(flags), not_negative);
}

// sign(o) * floor(2^30 / |o|) for |o| <= 32768, o != 0: libvmaf's reciprocal table, computed.
// 1/|o| in float is within 2^-24, so the first quotient q0 is off by at most 65; the remainder,
// exact in 32 bits, gives the rest: 2^30/|o| - q0 is an integer plus a fraction that is 0 (|o| a
// power of two, all exact) or at least 2^-15, and float errs by less than 2^-16 on it, so its
// floor is exact. (The tests check all 65535 values.)
HWY_INLINE V32 reciprocal(V32 o) {
    const D32 d;
    const hn::Rebind<float, D32> df;
    const V32 one = hn::Set(d, 1), two30 = hn::Set(d, 1 << 30);
    const V32 a = hn::Max(hn::Abs(o), one);
    const auto inv = hn::Div(hn::Set(df, 1.0f), hn::ConvertTo(df, a));
    V32 q = hn::ConvertTo(d, hn::Mul(inv, hn::Set(df, 1073741824.0f)));
    V32 rem = hn::Sub(two30, hn::Mul(q, a));
    q = hn::Add(q, hn::ConvertTo(d, hn::Floor(hn::Mul(hn::ConvertTo(df, rem), inv))));
    return hn::IfThenElse(hn::Lt(o, hn::Zero(d)), hn::Neg(q), q);
}

struct Csf0Const {
    V32 zero, one, gain, round15, round12, low15;
    V32 factor[3], add[3];
    int shift[3];
};

// One band of the 16-bit decoupling in 32-bit lanes: the restored detail; adds f and g.
HWY_INLINE V32 decouple0_band(V32 o, V32 t, hn::Mask<D32> angle, const Csf0Const& c, int b,
                              V32& f_sum, V32& g_sum) {
    // (rc * t + 2^14) >> 15 in 32 bits: rc split at bit 15, both products below 2^30.
    const V32 rc = reciprocal(o);
    const V32 rc_high = hn::ShiftRight<15>(rc), rc_low = hn::And(rc, c.low15);
    const V32 ratio =
        hn::Add(hn::Mul(rc_high, t), hn::ShiftRight<15>(hn::Add(hn::Mul(rc_low, t), c.round15)));
    const auto o_zero = hn::Eq(o, c.zero);
    const V32 k = hn::IfThenElse(o_zero, c.one, hn::Min(hn::Max(ratio, c.zero), c.one));
    V32 rst = hn::ShiftRight<15>(hn::Add(hn::Mul(k, o), c.round15));
    const V32 gained = hn::Mul(rst, c.gain);
    const V32 enhanced = hn::IfThenElse(hn::Lt(c.zero, o), hn::Min(gained, t), hn::Max(gained, t));
    rst = hn::IfThenElse(hn::AndNot(o_zero, hn::And(angle, hn::Lt(c.zero, k))), enhanced, rst);
    const V32 impairment = wrap16(hn::Sub(t, rst));
    const V32 csf =
        wrap16(hn::ShiftRightSame(hn::Add(hn::Mul(c.factor[b], impairment), c.add[b]), c.shift[b]));
    // |csf| / 30 and / 15 in Q12: 8738 is twice 4369.
    const V32 scaled = hn::Mul(hn::Abs(csf), hn::Set(D32(), 4369));
    const V32 flt = wrap16(hn::ShiftRight<12>(hn::Add(scaled, c.round12)));
    const V32 centre = wrap16(hn::ShiftRight<12>(hn::Add(hn::Add(scaled, scaled), c.round12)));
    f_sum = hn::Add(f_sum, flt);
    g_sum = hn::Add(g_sum, hn::Sub(centre, flt));
    return rst;
}

void Decouple0(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
               const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g) {
    if (!whole_gain(p.enhn_gain_limit)) {
        scalar_adm_decouple0(ref, dis, begin, end, p, r, f, g);
        return;
    }
    const D32 d;
    const hn::Rebind<int16_t, D32> dh;
    const float cos_sq = cos_1deg_sq();
    Csf0Const c;
    c.zero = hn::Zero(d);
    c.one = hn::Set(d, 32768);
    c.gain = hn::Set(d, static_cast<int32_t>(p.enhn_gain_limit));
    c.round15 = hn::Set(d, 16384);
    c.round12 = hn::Set(d, 2048);
    c.low15 = hn::Set(d, 0x7FFF);
    constexpr int32_t kAdd[3] = {16384, 16384, 65535};
    constexpr int kShift[3] = {15, 15, 17};
    for (int b = 0; b < 3; ++b) {
        c.factor[b] = hn::Set(d, p.factor[b]);
        c.add[b] = hn::Set(d, kAdd[b]);
        c.shift[b] = kShift[b];
    }
    const bool vectors = for_vectors(begin, end, lanes(d), [&](int j) {
        V32 o[3], t[3];
        for (int b = 0; b < 3; ++b) {
            o[b] = hn::PromoteTo(d, hn::LoadU(dh, ref[b] + j));
            t[b] = hn::PromoteTo(d, hn::LoadU(dh, dis[b] + j));
        }
        const auto angle = angle_flags32(hn::Add(hn::Mul(o[0], t[0]), hn::Mul(o[1], t[1])),
                                         hn::Add(hn::Mul(o[0], o[0]), hn::Mul(o[1], o[1])),
                                         hn::Add(hn::Mul(t[0], t[0]), hn::Mul(t[1], t[1])), cos_sq);
        V32 f_sum = c.zero, g_sum = c.zero;
        for (int b = 0; b < 3; ++b)
            hn::StoreU(hn::DemoteTo(dh, decouple0_band(o[b], t[b], angle, c, b, f_sum, g_sum)), dh,
                       r[b] + j);
        hn::StoreU(f_sum, d, f + j);
        hn::StoreU(g_sum, d, g + j);
    });
    if (!vectors) scalar_adm_decouple0(ref, dis, begin, end, p, r, f, g);
}

// 64-bit lanes holding int32 values: their full product.
HWY_INLINE V64 mul64(V64 a, V64 b) {
    const D32 d32;
    return hn::MulEven(hn::BitCast(d32, a), hn::BitCast(d32, b));
}

// int64 -> float rounded once, as a double: round to odd at 2^11 first where a double could
// not hold the integer, so the double -> float step rounds as a direct conversion would.
template <class DF>
hn::Vec<DF> to_float_as_double(DF df, V64 x) {
    const D64 d64;
    const hn::Rebind<float, DF> dfh;
    const V64 low = hn::And(x, hn::Set(d64, 0x7FF));
    const V64 sticky = hn::IfThenElseZero(hn::Ne(low, hn::Zero(d64)), hn::Set(d64, 0x800));
    const V64 odd = hn::Or(hn::AndNot(hn::Set(d64, 0x7FF), x), sticky);
    const auto big = hn::Lt(hn::Set(d64, (int64_t{1} << 53) - 1), hn::Abs(x));
    const auto exact = hn::ConvertTo(df, hn::IfThenElse(big, odd, x));
    return hn::PromoteTo(df, hn::DemoteTo(dfh, exact));
}

// The angle test on 64-bit integers: decided on their doubles unless within 2^-20 of the
// boundary (as in angle_flags32), else on libvmaf's float values.
HWY_INLINE hn::Mask<D64> angle_flags64(V64 dot, V64 ref_mag, V64 dis_mag, float cos_sq) {
    const D64 d;
    const hn::Repartition<double, D64> dd;
    const auto fd = hn::ConvertTo(dd, dot), fo = hn::ConvertTo(dd, ref_mag),
               ft = hn::ConvertTo(dd, dis_mag);
    const auto rhs = hn::Mul(hn::Mul(hn::Set(dd, static_cast<double>(cos_sq)), fo), ft);
    const auto diff = hn::Sub(hn::Mul(fd, fd), rhs);
    const auto flat = hn::Eq(rhs, hn::Zero(dd));
    const auto clear = hn::Or(hn::Lt(hn::Mul(rhs, hn::Set(dd, 0x1p-20)), hn::Abs(diff)), flat);
    if (hn::AllTrue(dd, clear)) return hn::RebindMask(d, hn::Or(hn::Lt(hn::Zero(dd), diff), flat));
    return hn::RebindMask(
        d, within_1deg(dd, to_float_as_double(dd, dot), to_float_as_double(dd, ref_mag),
                       to_float_as_double(dd, dis_mag), cos_sq));
}

struct CsfNConst {
    V64 zero, one, one_lane, round15, gain;
    V64 factor[3];
};

// One band of the 32-bit decoupling: the restored detail, and adds f and g.
HWY_INLINE V64 decouple_band(V64 o, V64 t, hn::Mask<D64> angle, const CsfNConst& c, V64 factor,
                             V64& f_sum, V64& g_sum) {
    const D64 d;
    const DU64 du;
    const hn::Repartition<double, D64> dd;
    const hn::Repartition<uint32_t, D64> du32;
    const V64 mag = hn::Abs(o);
    // libvmaf divides through a 15-bit reciprocal table: larger |o| are rounded to their top 15
    // bits first (get_best15_from32), and the product is shifted back.
    const auto big = hn::Lt(hn::Set(d, 32767), mag);
    const V64 exponent =
        hn::Sub(hn::BitCast(d, hn::ShiftRight<52>(hn::BitCast(du, hn::ConvertTo(dd, mag)))),
                hn::Set(d, 1023));
    const V64 shift = hn::IfThenElseZero(big, hn::Sub(exponent, hn::Set(d, 14)));
    const VU64 ushift = hn::BitCast(du, shift);
    const VU64 one_u = hn::Set(du, 1);
    const VU64 half = one_u << hn::Sub(ushift, one_u);
    const V64 top =
        hn::IfThenElse(big, hn::BitCast(d, (hn::Add(hn::BitCast(du, mag), half)) >> ushift), mag);
    // floor(2^30 / top) in double is exact: a non-zero fraction is at least 2^-15.
    const V64 rc = hn::ConvertTo(
        d, hn::Div(hn::Set(dd, 1073741824.0), hn::ConvertTo(dd, hn::Max(top, c.one_lane))));
    const auto negative = hn::Lt(o, c.zero);
    V64 product = mul64(rc, t);
    product = hn::IfThenElse(negative, hn::Neg(product), product);
    const V64 rounding = hn::BitCast(d, one_u << hn::Add(ushift, hn::Set(du, 14)));
    V64 k = hn::Add(product, rounding) >> hn::Add(shift, hn::Set(d, 15));
    const auto o_zero = hn::Eq(o, c.zero);
    k = hn::IfThenElse(o_zero, c.one, hn::Min(hn::Max(k, c.zero), c.one));
    V64 rst = hn::ShiftRight<15>(hn::Add(mul64(k, o), c.round15));
    const V64 gained = mul64(rst, c.gain);
    const V64 enhanced = hn::IfThenElse(hn::Lt(c.zero, o), hn::Min(gained, t), hn::Max(gained, t));
    rst = hn::IfThenElse(hn::AndNot(o_zero, hn::And(angle, hn::Lt(c.zero, k))), enhanced, rst);
    const V64 impairment = wrap32(hn::Sub(t, rst));
    const V64 csf = wrap32(
        hn::ShiftRight<28>(hn::Add(mul64(impairment, factor), hn::Set(d, int64_t{1} << 27))));
    const auto csf_mag = hn::BitCast(du32, hn::Abs(csf));
    const V64 minus_half = hn::Set(d, -(int64_t{1} << 31));
    const V64 flt = hn::ShiftRight<32>(
        hn::Add(hn::BitCast(d, hn::MulEven(csf_mag, hn::Set(du32, 143165577u))), minus_half));
    const V64 centre = hn::ShiftRight<32>(
        hn::Add(hn::BitCast(d, hn::MulEven(csf_mag, hn::Set(du32, 286331153u))), minus_half));
    f_sum = hn::Add(f_sum, flt);
    g_sum = hn::Add(g_sum, hn::Sub(centre, flt));
    return rst;
}

void store_low32(V64 v, int32_t* out) {
    const hn::Rebind<uint32_t, D64> dh;
    const hn::Rebind<int32_t, D64> dhs;
    hn::StoreU(hn::BitCast(dhs, hn::TruncateTo(dh, hn::BitCast(DU64(), v))), dhs, out);
}

void DecoupleN(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
               const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g) {
    if (!whole_gain(p.enhn_gain_limit)) {
        scalar_adm_decoupleN(ref, dis, begin, end, p, r, f, g);
        return;
    }
    const D64 d;
    const hn::Rebind<int32_t, D64> dh;
    const hn::Repartition<double, D64> dd;
    const int step = static_cast<int>(hn::Lanes(d));
    const float cos_sq = cos_1deg_sq();
    CsfNConst c;
    c.zero = hn::Zero(d);
    c.one = hn::Set(d, 32768);
    c.one_lane = hn::Set(d, 1);
    c.round15 = hn::Set(d, 16384);
    c.gain = hn::Set(d, static_cast<int64_t>(p.enhn_gain_limit));
    for (int b = 0; b < 3; ++b) c.factor[b] = hn::Set(d, p.factor[b]);
    const bool vectors = for_vectors(begin, end, step, [&](int j) {
        V64 o[3], t[3];
        for (int b = 0; b < 3; ++b) {
            o[b] = hn::PromoteTo(d, hn::LoadU(dh, ref[b] + j));
            t[b] = hn::PromoteTo(d, hn::LoadU(dh, dis[b] + j));
        }
        const V64 dot = hn::Add(mul64(o[0], t[0]), mul64(o[1], t[1]));
        const V64 ref_mag = hn::Add(mul64(o[0], o[0]), mul64(o[1], o[1]));
        const V64 dis_mag = hn::Add(mul64(t[0], t[0]), mul64(t[1], t[1]));
        const auto angle =
            hn::And(angle_flags64(dot, ref_mag, dis_mag, cos_sq), hn::Not(hn::Lt(dot, c.zero)));
        V64 f_sum = c.zero, g_sum = c.zero;
        for (int b = 0; b < 3; ++b)
            store_low32(decouple_band(o[b], t[b], angle, c, c.factor[b], f_sum, g_sum), r[b] + j);
        store_low32(f_sum, f + j);
        store_low32(g_sum, g + j);
    });
    if (!vectors) scalar_adm_decoupleN(ref, dis, begin, end, p, r, f, g);
}

// ---------------------------------------------------------------- masking and pooling

HWY_INLINE V32 threshold(const int32_t* const f[3], const int32_t* g, int j) {
    const D32 d;
    V32 s = hn::LoadU(d, g + j);
    for (int dy = 0; dy < 3; ++dy)
        s = hn::Add(s, hn::Add(hn::Add(hn::LoadU(d, f[dy] + j - 1), hn::LoadU(d, f[dy] + j)),
                               hn::LoadU(d, f[dy] + j + 1)));
    return s;
}

struct CubeRounding {
    int square_shift;
    V64 square_add;
    int cube_shift;
    V64 cube_add;
};

// Adds the rounded cubes of the (non-negative) lanes of e, squared in 32 bits as libvmaf does.
HWY_INLINE void add_cubes(V32 e, const CubeRounding& c, V64& acc) {
    const D32 d;
    for (const V32 x : {e, odd_lanes(e)}) {
        const V64 square =
            hn::ShiftRightSame(hn::Add(hn::MulEven(x, x), c.square_add), c.square_shift);
        const V64 cube = hn::MulEven(hn::BitCast(d, square), x);
        acc = hn::Add(acc, hn::ShiftRightSame(hn::Add(cube, c.cube_add), c.cube_shift));
    }
}

// Sum of the 64-bit lanes with wrap-around (once per row; the reduction intrinsics add in
// signed scalar code).
template <class V>
int64_t lane_sum(V v) {
    const hn::DFromV<V> d;
    const hn::RebindToUnsigned<decltype(d)> du;
    HWY_ALIGN uint64_t lanes_out[hn::MaxLanes(du)];
    hn::Store(hn::BitCast(du, v), du, lanes_out);
    uint64_t sum = 0;
    for (size_t i = 0; i < hn::Lanes(du); ++i) sum += lanes_out[i];
    return static_cast<int64_t>(sum);
}

void Masked0(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r, int begin,
             int end, const AdmCm0& p, int64_t sums[3]) {
    constexpr int kSub[3] = {10, 10, 12};
    constexpr int kSquareShift[3] = {29, 29, 30};
    const D32 d;
    const D64 d64;
    const hn::Rebind<int16_t, D32> dh;
    const int step = lanes(d);
    CubeRounding rounding[3];
    V32 factor[3];
    V64 acc[3];
    for (int b = 0; b < 3; ++b) {
        rounding[b] = {kSquareShift[b], hn::Set(d64, int64_t{1} << (kSquareShift[b] - 1)),
                       p.cube_shift[b], hn::Set(d64, p.cube_add[b])};
        factor[b] = hn::Set(d, p.factor[b]);
        acc[b] = hn::Zero(d64);
    }
    int j = begin;
    for (; j + step <= end; j += step) {
        const V32 thr = threshold(f, g, j);
        for (int b = 0; b < 3; ++b) {
            const V32 x = hn::Mul(hn::PromoteTo(d, hn::LoadU(dh, r[b] + j)), factor[b]);
            const V32 e =
                hn::Max(hn::Sub(hn::Abs(x), hn::ShiftLeftSame(thr, kSub[b])), hn::Zero(d));
            add_cubes(e, rounding[b], acc[b]);
        }
    }
    for (int b = 0; b < 3; ++b) sums[b] = adm_wrapping_add(sums[b], lane_sum(acc[b]));
    scalar_adm_masked0(f, g, r, j, end, p, sums);
}

void MaskedN(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r, int begin,
             int end, const AdmCmN& p, int64_t sums[3]) {
    const D32 d;
    const D64 d64;
    const int step = lanes(d);
    const CubeRounding rounding{30, hn::Set(d64, int64_t{1} << 29), p.cube_shift,
                                hn::Set(d64, p.cube_add)};
    const V64 round28 = hn::Set(d64, int64_t{1} << 27);
    V32 factor[3];
    V64 acc[3];
    for (int b = 0; b < 3; ++b) {
        factor[b] = hn::Set(d, static_cast<int32_t>(p.factor[b]));
        acc[b] = hn::Zero(d64);
    }
    int j = begin;
    for (; j + step <= end; j += step) {
        const V32 thr = threshold(f, g, j);
        for (int b = 0; b < 3; ++b) {
            const V32 v = hn::LoadU(d, r[b] + j);
            const V64 even = hn::ShiftRight<28>(hn::Add(hn::MulEven(v, factor[b]), round28));
            const V64 odd =
                hn::ShiftRight<28>(hn::Add(hn::MulEven(odd_lanes(v), factor[b]), round28));
            const V32 x = join_even_odd(even, odd);
            add_cubes(hn::Max(hn::Sub(hn::Abs(x), thr), hn::Zero(d)), rounding, acc[b]);
        }
    }
    for (int b = 0; b < 3; ++b) sums[b] = adm_wrapping_add(sums[b], lane_sum(acc[b]));
    scalar_adm_maskedN(f, g, r, j, end, p, sums);
}

void Reference0(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]) {
    const D32 d;
    const DU32 du;
    const hn::Rebind<int16_t, D32> dh;
    const int step = lanes(d);
    VU64 acc[3];
    for (auto& a : acc) a = hn::Zero(DU64());
    int j = begin;
    for (; j + step <= end; j += step)
        for (int b = 0; b < 3; ++b) {
            const V32 m = hn::Abs(hn::PromoteTo(d, hn::LoadU(dh, ref[b] + j)));
            const V32 square = hn::Mul(m, m);
            for (const auto& [s2, s1] :
                 {std::pair{square, m}, std::pair{odd_lanes(square), odd_lanes(m)}})
                acc[b] = hn::Add(acc[b], hn::MulEven(hn::BitCast(du, s2), hn::BitCast(du, s1)));
        }
    for (int b = 0; b < 3; ++b) sums[b] += static_cast<uint64_t>(lane_sum(acc[b]));
    scalar_adm_reference0(ref, j, end, sums);
}

void ReferenceN(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p, uint64_t sums[3]) {
    const D32 d;
    const DU32 du;
    const DU64 du64;
    const int step = lanes(d);
    const VU64 square_add = hn::Set(du64, p.square_add), cube_add = hn::Set(du64, p.cube_add);
    VU64 acc[3];
    for (auto& a : acc) a = hn::Zero(du64);
    int j = begin;
    for (; j + step <= end; j += step)
        for (int b = 0; b < 3; ++b) {
            const V32 m = hn::Abs(hn::LoadU(d, ref[b] + j));
            for (const V32 x : {m, odd_lanes(m)}) {
                const auto xu = hn::BitCast(du, x);
                const VU64 square =
                    hn::ShiftRightSame(hn::Add(hn::MulEven(xu, xu), square_add), p.square_shift);
                const VU64 cube = hn::MulEven(hn::BitCast(du, square), xu);
                acc[b] = hn::Add(acc[b], hn::ShiftRightSame(hn::Add(cube, cube_add), p.cube_shift));
            }
        }
    for (int b = 0; b < 3; ++b) sums[b] += static_cast<uint64_t>(lane_sum(acc[b]));
    scalar_adm_referenceN(ref, j, end, p, sums);
}

#endif  // HWY_TARGET == HWY_SCALAR

}  // namespace HWY_NAMESPACE
}  // namespace media::metrics::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::metrics::detail {

HWY_EXPORT(Vertical0U8);
HWY_EXPORT(Vertical0U16);
HWY_EXPORT(Horizontal0);
HWY_EXPORT(VerticalN);
HWY_EXPORT(HorizontalN);
HWY_EXPORT(Decouple0);
HWY_EXPORT(DecoupleN);
HWY_EXPORT(Masked0);
HWY_EXPORT(MaskedN);
HWY_EXPORT(Reference0);
HWY_EXPORT(ReferenceN);

namespace {

void vertical0_u8(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi) {
    HWY_DYNAMIC_DISPATCH(Vertical0U8)(rows, n, lo, hi);
}
void vertical0_u16(const uint16_t* const rows[4], int n, int bits, int16_t* lo, int16_t* hi) {
    HWY_DYNAMIC_DISPATCH(Vertical0U16)(rows, n, bits, lo, hi);
}
void horizontal0(const int16_t* lo, const int16_t* hi, int n, int32_t* a, AdmHvd<int16_t> out) {
    HWY_DYNAMIC_DISPATCH(Horizontal0)(lo, hi, n, a, out);
}
void verticalN(const int32_t* const rows[4], int n, int scale, int32_t* lo, int32_t* hi) {
    HWY_DYNAMIC_DISPATCH(VerticalN)(rows, n, scale, lo, hi);
}
void horizontalN(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                 AdmHvd<int32_t> out) {
    HWY_DYNAMIC_DISPATCH(HorizontalN)(lo, hi, n, scale, a, out);
}
void decouple0(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
               const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g) {
    HWY_DYNAMIC_DISPATCH(Decouple0)(ref, dis, begin, end, p, r, f, g);
}
void decoupleN(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
               const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g) {
    HWY_DYNAMIC_DISPATCH(DecoupleN)(ref, dis, begin, end, p, r, f, g);
}
void masked0(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r, int begin,
             int end, const AdmCm0& p, int64_t sums[3]) {
    HWY_DYNAMIC_DISPATCH(Masked0)(f, g, r, begin, end, p, sums);
}
void maskedN(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r, int begin,
             int end, const AdmCmN& p, int64_t sums[3]) {
    HWY_DYNAMIC_DISPATCH(MaskedN)(f, g, r, begin, end, p, sums);
}
void reference0(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]) {
    HWY_DYNAMIC_DISPATCH(Reference0)(ref, begin, end, sums);
}
void referenceN(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p, uint64_t sums[3]) {
    HWY_DYNAMIC_DISPATCH(ReferenceN)(ref, begin, end, p, sums);
}

}  // namespace

const AdmKernels& adm_simd_kernels() {
    static const AdmKernels kernels{vertical0_u8, vertical0_u16, horizontal0, verticalN,
                                    horizontalN,  decouple0,     decoupleN,   masked0,
                                    maskedN,      reference0,    referenceN};
    return kernels;
}

}  // namespace media::metrics::detail
#endif  // HWY_ONCE
