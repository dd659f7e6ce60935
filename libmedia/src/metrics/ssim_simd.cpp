// SPDX-License-Identifier: Apache-2.0
// The SSIM and MS-SSIM kernels in SIMD (ssim_kernels.h), written once with Highway and compiled
// for every target it knows; the best one for the running CPU is picked on first call. Each lane
// does its reference's operations in the same order, so the values are the reference's exactly.
// The filters work in lanes of doubles (a float product per tap, widened and added); floats go
// in vectors of the same lane count. A row shorter than a vector goes to the reference; a longer
// one ends with a vector moved back to overlap the one before it (outputs written twice with the
// same value; sums masked).

// libvmaf rounds each product before it adds: this file is built with -ffp-contract=off
// (metrics/CMakeLists.txt), so no multiply-add is fused.

#include "metrics/ssim_kernels.h"

// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/metrics/ssim_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

#include <algorithm>
#include <cstddef>
#include <vector>

HWY_BEFORE_NAMESPACE();
// A namespace of its own: the other metric kernels' helpers have the same short names.
namespace media::metrics::detail::ssim_simd {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET == HWY_SCALAR
// The scalar target has no float-to-double lanes to speak of: the references serve.
void ToFloatU8(const uint8_t* in, int n, float* out) {
    scalar_to_float(in, n, out);
}
void ToFloatU16(const uint16_t* in, int n, float scale, float* out) {
    scalar_to_float(in, n, scale, out);
}
void Horizontal(const float* ref, const float* dist, int n, const MomentRows& out) {
    scalar_ssim_horizontal(ref, dist, n, out);
}
void VerticalTerms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums) {
    scalar_ssim_vertical_terms(rows, n, terms, sums);
}
void BoxColumnSums(const float* const* rows, int count, int n, float weight, double* out) {
    scalar_box_column_sums(rows, count, n, weight, out);
}
void LpfSplit(const float* in, int w, int count, float* even, float* odd) {
    scalar_lpf_split(in, w, count, even, odd);
}
void LpfRow(const float* const* even, const float* const* odd, int n, float* out) {
    scalar_lpf_row(even, odd, n, out);
}
#else
// Doubles, and floats in as many lanes.
using DD = hn::ScalableTag<double>;
using DF = hn::Rebind<float, DD>;
using VD = hn::Vec<DD>;
using VF = hn::Vec<DF>;

// Start of the vector at `x` of a row of n (n >= lanes): the last one is moved back to fit.
HWY_INLINE size_t Start(size_t x, size_t n, size_t lanes) {
    return std::min(x, n - lanes);
}

// sum + double(float(v * w)): one tap of a filter.
HWY_INLINE VD AddTap(VD sum, VF v, VF w) {
    return hn::Add(sum, hn::PromoteTo(DD(), hn::Mul(v, w)));
}

void ToFloatU8(const uint8_t* in, int n, float* out) {
    const hn::ScalableTag<float> df;
    const hn::RebindToSigned<decltype(df)> di;
    const hn::Rebind<uint8_t, decltype(df)> d8;
    const size_t lanes = hn::Lanes(df), count = static_cast<size_t>(n);
    if (count < lanes) return scalar_to_float(in, n, out);
    for (size_t x = 0; x < count; x += lanes) {
        const size_t i = Start(x, count, lanes);
        hn::StoreU(hn::ConvertTo(df, hn::PromoteTo(di, hn::LoadU(d8, in + i))), df, out + i);
    }
}

void ToFloatU16(const uint16_t* in, int n, float scale, float* out) {
    const hn::ScalableTag<float> df;
    const hn::RebindToSigned<decltype(df)> di;
    const hn::Rebind<uint16_t, decltype(df)> d16;
    const size_t lanes = hn::Lanes(df), count = static_cast<size_t>(n);
    if (count < lanes) return scalar_to_float(in, n, scale, out);
    const auto k = hn::Set(df, scale);
    for (size_t x = 0; x < count; x += lanes) {
        const size_t i = Start(x, count, lanes);
        const auto v = hn::ConvertTo(df, hn::PromoteTo(di, hn::LoadU(d16, in + i)));
        hn::StoreU(hn::Mul(v, k), df, out + i);
    }
}

// One vector of outputs at i from the pictures' rows and the rows of their products.
HWY_INLINE void HorizontalVector(const float* ref, const float* dist, const float* rr_row,
                                 const float* dd_row, const float* rd_row, size_t i,
                                 const MomentRows& out, size_t o) {
    const DD dd;
    const DF df;
    auto mr = hn::Zero(dd), md = hn::Zero(dd), rr = hn::Zero(dd), dd2 = hn::Zero(dd);
    auto rd = hn::Zero(dd);
    for (int u = 0; u < kSsimWindow; ++u) {
        const auto g = hn::Set(df, kSsimTaps[u]);
        mr = AddTap(mr, hn::LoadU(df, ref + i + u), g);
        md = AddTap(md, hn::LoadU(df, dist + i + u), g);
        rr = AddTap(rr, hn::LoadU(df, rr_row + i + u), g);
        dd2 = AddTap(dd2, hn::LoadU(df, dd_row + i + u), g);
        rd = AddTap(rd, hn::LoadU(df, rd_row + i + u), g);
    }
    hn::StoreU(hn::DemoteTo(df, mr), df, out.ref + o);
    hn::StoreU(hn::DemoteTo(df, md), df, out.dist + o);
    hn::StoreU(hn::DemoteTo(df, rr), df, out.ref_sq + o);
    hn::StoreU(hn::DemoteTo(df, dd2), df, out.dist_sq + o);
    hn::StoreU(hn::DemoteTo(df, rd), df, out.cross + o);
}

void Horizontal(const float* ref, const float* dist, int n, const MomentRows& out) {
    const DD dd;
    const hn::ScalableTag<float> df;
    const size_t lanes = hn::Lanes(dd), count = static_cast<size_t>(n);
    if (count < lanes) return scalar_ssim_horizontal(ref, dist, n, out);
    // The squares and the product, rounded to float once per sample, a chunk of the row at a
    // time (the chunk's outputs read kChunk + 10 samples).
    constexpr size_t kChunk = 512, kSpan = kChunk + kSsimWindow - 1;
    HWY_ALIGN float rr[kSpan], dd2[kSpan], rd[kSpan];
    for (size_t begin = 0; begin < count; begin += kChunk) {
        // A last chunk shorter than a vector is moved back to one (outputs written twice).
        const size_t end = std::min(count, begin + kChunk);
        const size_t first = end - begin >= lanes ? begin : end - lanes;
        const size_t span = end - first + kSsimWindow - 1;
        const float* r = ref + first;
        const float* d = dist + first;
        for (size_t j = 0; j < span; j += hn::Lanes(df)) {
            if (j + hn::Lanes(df) <= span) {
                const auto a = hn::LoadU(df, r + j), b = hn::LoadU(df, d + j);
                hn::Store(hn::Mul(a, a), df, rr + j);
                hn::Store(hn::Mul(b, b), df, dd2 + j);
                hn::Store(hn::Mul(a, b), df, rd + j);
            } else {
                for (size_t t = j; t < span; ++t) {
                    rr[t] = r[t] * r[t];
                    dd2[t] = d[t] * d[t];
                    rd[t] = r[t] * d[t];
                }
            }
        }
        for (size_t x = first; x < end; x += lanes) {
            const size_t i = std::min(x, end - lanes) - first;
            HorizontalVector(r, d, rr, dd2, rd, i, out, first + i);
        }
    }
}

// The five maps of one vector of columns: running sums, then the filtered floats.
struct Sums5 {
    VD ref, dist, ref_sq, dist_sq, cross;
};
struct Moments5 {
    VF ref, dist, ref_sq, dist_sq, cross;
};

HWY_INLINE Sums5 AddRow(Sums5 s, const MomentRows& row, size_t i, VF g) {
    const DF df;
    s.ref = AddTap(s.ref, hn::LoadU(df, row.ref + i), g);
    s.dist = AddTap(s.dist, hn::LoadU(df, row.dist + i), g);
    s.ref_sq = AddTap(s.ref_sq, hn::LoadU(df, row.ref_sq + i), g);
    s.dist_sq = AddTap(s.dist_sq, hn::LoadU(df, row.dist_sq + i), g);
    s.cross = AddTap(s.cross, hn::LoadU(df, row.cross + i), g);
    return s;
}

HWY_INLINE Moments5 Demote(const Sums5& s) {
    const DF df;
    return {hn::DemoteTo(df, s.ref), hn::DemoteTo(df, s.dist), hn::DemoteTo(df, s.ref_sq),
            hn::DemoteTo(df, s.dist_sq), hn::DemoteTo(df, s.cross)};
}

HWY_INLINE Sums5 ZeroSums() {
    const DD dd;
    return {hn::Zero(dd), hn::Zero(dd), hn::Zero(dd), hn::Zero(dd), hn::Zero(dd)};
}

// The five maps filtered down the 11 rows at the columns of two vectors: ten independent sums,
// so that the adds' latency overlaps.
HWY_INLINE void VerticalMoments2(const MomentRows* rows, size_t i0, size_t i1, Moments5& m0,
                                 Moments5& m1) {
    const DF df;
    Sums5 s0 = ZeroSums(), s1 = ZeroSums();
    for (int v = 0; v < kSsimWindow; ++v) {
        const auto g = hn::Set(df, kSsimTaps[v]);
        s0 = AddRow(s0, rows[v], i0, g);
        s1 = AddRow(s1, rows[v], i1, g);
    }
    m0 = Demote(s0);
    m1 = Demote(s1);
}

HWY_INLINE Moments5 VerticalMoments1(const MomentRows* rows, size_t i) {
    const DF df;
    Sums5 s = ZeroSums();
    for (int v = 0; v < kSsimWindow; ++v) s = AddRow(s, rows[v], i, hn::Set(df, kSsimTaps[v]));
    return Demote(s);
}

// IQA's constants, as floats and as doubles.
struct TermConstants {
    VF c1, c2, c3;
    VD c1d, c2d;
};

struct TermSums {
    VD product, luminance, contrast, structure;
};

// IQA's terms at one vector of positions from their moments (ref, dist, ref^2, dist^2, cross),
// added to the sums where `fresh`.
HWY_INLINE void AddTerms(const Moments5& m, const TermConstants& k, hn::Mask<DD> fresh,
                         unsigned terms, TermSums& sums) {
    const DD dd;
    const DF df;
    const auto zero = hn::Zero(df);
    const auto two = hn::Set(dd, 2.0);
    const VF mr = m.ref, md = m.dist, rr = m.ref_sq, dd2 = m.dist_sq, rd = m.cross;
    const auto mrr = hn::Mul(mr, mr), mdd = hn::Mul(md, md), mrd = hn::Mul(mr, md);
    // max(0, x) as IQA's MAX(0.0, x): x unless 0 > x.
    const auto vr = hn::Max(zero, hn::Sub(rr, mrr)), vd = hn::Max(zero, hn::Sub(dd2, mdd));
    const auto cov = hn::Sub(rd, mrd);
    const auto root = hn::Sqrt(hn::Mul(vr, vd));
    const auto clamped = hn::IfThenZeroElse(hn::And(hn::Lt(cov, zero), hn::Le(root, zero)), cov);
    const auto s = hn::PromoteTo(dd, hn::Div(hn::Add(clamped, k.c3), hn::Add(root, k.c3)));
    VD l = hn::Zero(dd), c = hn::Zero(dd);
    if (terms & (kSsimProduct | kSsimLuminance)) {
        const auto num =
            hn::Add(hn::Mul(hn::Mul(two, hn::PromoteTo(dd, mr)), hn::PromoteTo(dd, md)), k.c1d);
        l = hn::Div(num, hn::PromoteTo(dd, hn::Add(hn::Add(mrr, mdd), k.c1)));
    }
    if (terms & (kSsimProduct | kSsimContrast)) {
        const auto num = hn::Add(hn::Mul(two, hn::PromoteTo(dd, root)), k.c2d);
        c = hn::Div(num, hn::PromoteTo(dd, hn::Add(hn::Add(vr, vd), k.c2)));
    }
    if (terms & kSsimProduct)
        sums.product = hn::Add(sums.product, hn::IfThenElseZero(fresh, hn::Mul(hn::Mul(l, c), s)));
    if (terms & kSsimLuminance)
        sums.luminance = hn::Add(sums.luminance, hn::IfThenElseZero(fresh, l));
    if (terms & kSsimContrast) sums.contrast = hn::Add(sums.contrast, hn::IfThenElseZero(fresh, c));
    if (terms & kSsimStructure)
        sums.structure = hn::Add(sums.structure, hn::IfThenElseZero(fresh, s));
}

void VerticalTerms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums) {
    const DD dd;
    const size_t lanes = hn::Lanes(dd), count = static_cast<size_t>(n);
    if (count < lanes) return scalar_ssim_vertical_terms(rows, n, terms, sums);
    const DF df;
    const SsimConstants c = ssim_constants();
    const TermConstants k{hn::Set(df, c.c1), hn::Set(df, c.c2), hn::Set(df, c.c3),
                          hn::Set(dd, double{c.c1}), hn::Set(dd, double{c.c2})};
    TermSums acc{hn::Zero(dd), hn::Zero(dd), hn::Zero(dd), hn::Zero(dd)};
    const auto all = hn::FirstN(dd, lanes);
    size_t x = 0;
    for (; x + 2 * lanes <= count; x += 2 * lanes) {
        Moments5 m0, m1;
        VerticalMoments2(rows, x, x + lanes, m0, m1);
        AddTerms(m0, k, all, terms, acc);
        AddTerms(m1, k, all, terms, acc);
    }
    for (; x < count; x += lanes) {
        const size_t i = Start(x, count, lanes);
        // Lanes of a moved-back last vector that the one before it already counted.
        AddTerms(VerticalMoments1(rows, i), k, hn::Not(hn::FirstN(dd, x - i)), terms, acc);
    }
    sums.product += hn::GetLane(hn::SumOfLanes(dd, acc.product));
    sums.luminance += hn::GetLane(hn::SumOfLanes(dd, acc.luminance));
    sums.contrast += hn::GetLane(hn::SumOfLanes(dd, acc.contrast));
    sums.structure += hn::GetLane(hn::SumOfLanes(dd, acc.structure));
}

void BoxColumnSums(const float* const* rows, int count, int n, float weight, double* out) {
    const DD dd;
    const DF df;
    const size_t lanes = hn::Lanes(dd), columns = static_cast<size_t>(n);
    if (columns < lanes) return scalar_box_column_sums(rows, count, n, weight, out);
    const auto w = hn::Set(df, weight);
    for (size_t x = 0; x < columns; x += lanes) {
        const size_t i = Start(x, columns, lanes);
        auto sum = hn::Zero(dd);
        for (int v = 0; v < count; ++v) sum = AddTap(sum, hn::LoadU(df, rows[v] + i), w);
        hn::StoreU(sum, dd, out + i);
    }
}

// The interior (no mirroring) in vectors: two vectors of the row, deinterleaved; the edges and
// what is left go to the reference, which mirrors.
void LpfSplit(const float* in, int w, int count, float* even, float* odd) {
    const hn::ScalableTag<float> df;
    const int lanes = static_cast<int>(hn::Lanes(df));
    // even[2] = in[0]: entries 0 and 1 mirror the left edge.
    constexpr int kFirst = 2;
    scalar_lpf_split(in, w, std::min(kFirst, count), even, odd);
    int m = kFirst;
    for (; m + lanes <= count && 2 * m - 4 + 2 * lanes <= w; m += lanes) {
        const float* p = in + 2 * m - 4;
        const auto lo = hn::LoadU(df, p), hi = hn::LoadU(df, p + lanes);
        hn::StoreU(hn::ConcatEven(df, hi, lo), df, even + m);
        hn::StoreU(hn::ConcatOdd(df, hi, lo), df, odd + m);
    }
    for (; m < count; ++m) {
        even[m] = in[mirror_index(2 * m - 4, w)];
        odd[m] = in[mirror_index(2 * m - 3, w)];
    }
}

// Four vectors of outputs from x on: four independent sums, each in libvmaf's order (rows,
// then columns).
HWY_INLINE void LpfVectors4(const float* const* even, const float* const* odd, size_t x,
                            size_t lanes, float* out) {
    const DD dd;
    const DF df;
    auto s0 = hn::Zero(dd), s1 = hn::Zero(dd), s2 = hn::Zero(dd), s3 = hn::Zero(dd);
    for (int v = 0; v < kLpfTaps; ++v) {
        for (int u = 0; u < kLpfTaps; ++u) {
            const auto w = hn::Set(df, lpf_weight(v, u));
            const float* p = (u % 2 == 0 ? even[v] : odd[v]) + u / 2 + x;
            s0 = AddTap(s0, hn::LoadU(df, p), w);
            s1 = AddTap(s1, hn::LoadU(df, p + lanes), w);
            s2 = AddTap(s2, hn::LoadU(df, p + 2 * lanes), w);
            s3 = AddTap(s3, hn::LoadU(df, p + 3 * lanes), w);
        }
    }
    hn::StoreU(hn::DemoteTo(df, s0), df, out + x);
    hn::StoreU(hn::DemoteTo(df, s1), df, out + x + lanes);
    hn::StoreU(hn::DemoteTo(df, s2), df, out + x + 2 * lanes);
    hn::StoreU(hn::DemoteTo(df, s3), df, out + x + 3 * lanes);
}

HWY_INLINE void LpfVector(const float* const* even, const float* const* odd, size_t x, float* out) {
    const DD dd;
    const DF df;
    auto sum = hn::Zero(dd);
    for (int v = 0; v < kLpfTaps; ++v) {
        for (int u = 0; u < kLpfTaps; ++u) {
            const float* p = (u % 2 == 0 ? even[v] : odd[v]) + u / 2 + x;
            sum = AddTap(sum, hn::LoadU(df, p), hn::Set(df, lpf_weight(v, u)));
        }
    }
    hn::StoreU(hn::DemoteTo(df, sum), df, out + x);
}

void LpfRow(const float* const* even, const float* const* odd, int n, float* out) {
    const DD dd;
    const size_t lanes = hn::Lanes(dd), count = static_cast<size_t>(n);
    if (count < lanes) return scalar_lpf_row(even, odd, n, out);
    size_t x = 0;
    for (; x + 4 * lanes <= count; x += 4 * lanes) LpfVectors4(even, odd, x, lanes, out);
    for (; x < count; x += lanes) LpfVector(even, odd, Start(x, count, lanes), out);
}
#endif  // HWY_TARGET == HWY_SCALAR

const char* TargetName() {
    return hwy::TargetName(HWY_TARGET);
}

}  // namespace HWY_NAMESPACE
}  // namespace media::metrics::detail::ssim_simd
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::metrics::detail {
namespace ssim_simd {
HWY_EXPORT(ToFloatU8);
HWY_EXPORT(ToFloatU16);
HWY_EXPORT(Horizontal);
HWY_EXPORT(VerticalTerms);
HWY_EXPORT(BoxColumnSums);
HWY_EXPORT(LpfSplit);
HWY_EXPORT(LpfRow);
HWY_EXPORT(TargetName);
}  // namespace ssim_simd

void to_float(const uint8_t* in, int n, float* out) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::ToFloatU8)(in, n, out);
}
void to_float(const uint16_t* in, int n, float scale, float* out) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::ToFloatU16)(in, n, scale, out);
}
void ssim_horizontal(const float* ref, const float* dist, int n, const MomentRows& out) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::Horizontal)(ref, dist, n, out);
}
void ssim_vertical_terms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::VerticalTerms)(rows, n, terms, sums);
}
void box_column_sums(const float* const* rows, int count, int n, float weight, double* out) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::BoxColumnSums)(rows, count, n, weight, out);
}
void lpf_split(const float* in, int w, int count, float* even, float* odd) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::LpfSplit)(in, w, count, even, odd);
}
void lpf_row(const float* const* even, const float* const* odd, int n, float* out) {
    HWY_DYNAMIC_DISPATCH(ssim_simd::LpfRow)(even, odd, n, out);
}
const char* ssim_kernels_target() {
    return HWY_DYNAMIC_DISPATCH(ssim_simd::TargetName)();
}

std::vector<int64_t> simd_targets() {
    return hwy::SupportedAndGeneratedTargets();
}
void use_simd_target(int64_t target) {
    hwy::SetSupportedTargetsForTest(target);
    hwy::GetChosenTarget().Update(hwy::SupportedTargets());
}

const SsimKernels& simd_ssim_kernels() {
    static const SsimKernels kernels{ssim_horizontal, ssim_vertical_terms, box_column_sums,
                                     lpf_split, lpf_row};
    return kernels;
}
const SsimKernels& scalar_ssim_kernels() {
    static const SsimKernels kernels{scalar_ssim_horizontal, scalar_ssim_vertical_terms,
                                     scalar_box_column_sums, scalar_lpf_split, scalar_lpf_row};
    return kernels;
}

}  // namespace media::metrics::detail
#endif  // HWY_ONCE
