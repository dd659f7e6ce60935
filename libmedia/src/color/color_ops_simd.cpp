// SPDX-License-Identifier: Apache-2.0
// The SIMD kernels of the colour ops, written once with Highway and compiled for every x86/ARM
// target it knows; the best one for the running CPU is picked on first call
// (HWY_DYNAMIC_DISPATCH). Chunks are padded to kChunkPixels, a multiple of every vector length,
// so the kernels run whole vectors only (lanes past n compute on zeros and are never stored
// back by the caller).
#include "color_ops.h"

// Highway's order matters: foreach_target.h re-includes this file once per target.
// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "color_ops_simd.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
#include <hwy/contrib/math/math-inl.h>
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace media::color::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using DI = hn::RebindToSigned<DF>;
using VF = hn::Vec<DF>;
using VI = hn::Vec<DI>;

// Whole vectors covering n (the chunk's planes have room up to kChunkPixels).
size_t padded(const DF d, int n) {
    const size_t lanes = hn::Lanes(d);
    return (static_cast<size_t>(n) + lanes - 1) / lanes * lanes;
}

VF zero_nan(const DF d, VF v) {
    return hn::IfThenElse(hn::IsNaN(v), hn::Zero(d), v);
}

void MatrixKernel(const MatrixParams& p, const Chunk& c) {
    const DF d;
    const auto& m = p.m;
    for (size_t i = 0, end = padded(d, c.n); i < end; i += hn::Lanes(d)) {
        const VF r = hn::LoadU(d, c.r + i), g = hn::LoadU(d, c.g + i), b = hn::LoadU(d, c.b + i);
        const VF nr =
            hn::MulAdd(hn::Set(d, m[0]), r,
                       hn::MulAdd(hn::Set(d, m[1]), g,
                                  hn::MulAdd(hn::Set(d, m[2]), b, hn::Set(d, p.offset[0]))));
        const VF ng =
            hn::MulAdd(hn::Set(d, m[3]), r,
                       hn::MulAdd(hn::Set(d, m[4]), g,
                                  hn::MulAdd(hn::Set(d, m[5]), b, hn::Set(d, p.offset[1]))));
        const VF nb =
            hn::MulAdd(hn::Set(d, m[6]), r,
                       hn::MulAdd(hn::Set(d, m[7]), g,
                                  hn::MulAdd(hn::Set(d, m[8]), b, hn::Set(d, p.offset[2]))));
        hn::StoreU(nr, d, c.r + i);
        hn::StoreU(ng, d, c.g + i);
        hn::StoreU(nb, d, c.b + i);
    }
}

// clamp(v * slope + offset, 0, 1) ^ power, NaN taken as 0. x^p = exp(p ln x) for x > 0; 0 stays 0
// (Log is defined on positive numbers only).
VF sop(const DF d, VF v, float slope, float offset, float power) {
    v = hn::MulAdd(zero_nan(d, v), hn::Set(d, slope), hn::Set(d, offset));
    v = hn::Min(hn::Max(zero_nan(d, v), hn::Zero(d)), hn::Set(d, 1.0f));
    if (power == 1.0f) return v;
    const auto positive = hn::Gt(v, hn::Zero(d));
    const VF safe = hn::IfThenElse(positive, v, hn::Set(d, 1.0f));
    const VF raised = hn::Exp(d, hn::Mul(hn::Set(d, power), hn::Log(d, safe)));
    return hn::IfThenElseZero(positive, raised);
}

VF clamp01(const DF d, VF v) {
    return hn::Min(hn::Max(zero_nan(d, v), hn::Zero(d)), hn::Set(d, 1.0f));
}

void CdlKernel(const CdlParams& p, const Chunk& c) {
    const DF d;
    const VF sat = hn::Set(d, p.saturation);
    for (size_t i = 0, end = padded(d, c.n); i < end; i += hn::Lanes(d)) {
        VF r = sop(d, hn::LoadU(d, c.r + i), p.slope[0], p.offset[0], p.power[0]);
        VF g = sop(d, hn::LoadU(d, c.g + i), p.slope[1], p.offset[1], p.power[1]);
        VF b = sop(d, hn::LoadU(d, c.b + i), p.slope[2], p.offset[2], p.power[2]);
        if (p.saturation != 1.0f) {
            // Rec.709 luma weights, as the ASC CDL specifies.
            const VF luma =
                hn::MulAdd(hn::Set(d, 0.2126f), r,
                           hn::MulAdd(hn::Set(d, 0.7152f), g, hn::Mul(hn::Set(d, 0.0722f), b)));
            r = clamp01(d, hn::MulAdd(sat, hn::Sub(r, luma), luma));
            g = clamp01(d, hn::MulAdd(sat, hn::Sub(g, luma), luma));
            b = clamp01(d, hn::MulAdd(sat, hn::Sub(b, luma), luma));
        }
        hn::StoreU(r, d, c.r + i);
        hn::StoreU(g, d, c.g + i);
        hn::StoreU(b, d, c.b + i);
    }
}

// Grid coordinate of one channel: NaN -> 0, clamped to [0, size - 1]; the cell index is at most
// size - 2 so that the fraction reaches 1 on the top edge.
struct Axis {
    VI cell;
    VF frac;
};

Axis axis(const DF d, VF v, float min, float scale, float top) {
    const DI di;
    VF x = hn::Mul(hn::Sub(v, hn::Set(d, min)), hn::Set(d, scale));
    x = hn::Min(hn::Max(zero_nan(d, x), hn::Zero(d)), hn::Set(d, top));
    const VF cell = hn::Min(hn::Floor(x), hn::Set(d, top - 1.0f));
    return {hn::ConvertTo(di, cell), hn::Sub(x, cell)};
}

struct Rgb {
    VF r, g, b;
};

Rgb gather(const DF d, const float* table, VI index) {
    return {hn::GatherIndex(d, table, index), hn::GatherIndex(d, table + 1, index),
            hn::GatherIndex(d, table + 2, index)};
}

void accumulate(Rgb& sum, const Rgb& corner, VF weight) {
    sum.r = hn::MulAdd(corner.r, weight, sum.r);
    sum.g = hn::MulAdd(corner.g, weight, sum.g);
    sum.b = hn::MulAdd(corner.b, weight, sum.b);
}

void Lut3DTetrahedralKernel(const Lut3DParams& p, const Chunk& c) {
    const DF d;
    const DI di;
    const float top = static_cast<float>(p.size - 1);
    const int32_t step_r = 4, step_g = 4 * p.size, step_b = 4 * p.size * p.size;
    const VI vr = hn::Set(di, step_r), vg = hn::Set(di, step_g), vb = hn::Set(di, step_b);
    const VI all = hn::Set(di, step_r + step_g + step_b);
    const float* table = p.table.data();
    for (size_t i = 0, end = padded(d, c.n); i < end; i += hn::Lanes(d)) {
        const Axis x = axis(d, hn::LoadU(d, c.r + i), p.domain_min[0], p.scale[0], top);
        const Axis y = axis(d, hn::LoadU(d, c.g + i), p.domain_min[1], p.scale[1], top);
        const Axis z = axis(d, hn::LoadU(d, c.b + i), p.domain_min[2], p.scale[2], top);
        const VI base =
            hn::Add(hn::Add(hn::Mul(x.cell, vr), hn::Mul(y.cell, vg)), hn::Mul(z.cell, vb));
        // The tetrahedron: walk from corner 000 along the axis of the largest fraction, then
        // the middle one, to corner 111. Weights 1 - max, max - mid, mid - min, min; ties give
        // zero weights, so any consistent choice of axes is exact.
        const auto x_ge_y = hn::Ge(x.frac, y.frac), x_ge_z = hn::Ge(x.frac, z.frac),
                   y_ge_z = hn::Ge(y.frac, z.frac);
        const auto x_max = hn::And(x_ge_y, x_ge_z);
        const auto y_max = hn::AndNot(x_max, y_ge_z);
        const VI step_max = hn::IfThenElse(hn::RebindMask(di, x_max), vr,
                                           hn::IfThenElse(hn::RebindMask(di, y_max), vg, vb));
        const auto x_min = hn::And(hn::Not(x_ge_y), hn::Not(x_ge_z));
        const auto y_min = hn::AndNot(x_min, hn::Not(y_ge_z));
        const VI step_min = hn::IfThenElse(hn::RebindMask(di, x_min), vr,
                                           hn::IfThenElse(hn::RebindMask(di, y_min), vg, vb));
        const VF f_max = hn::Max(hn::Max(x.frac, y.frac), z.frac);
        const VF f_min = hn::Min(hn::Min(x.frac, y.frac), z.frac);
        const VF f_mid = hn::Sub(hn::Sub(hn::Add(hn::Add(x.frac, y.frac), z.frac), f_max), f_min);

        Rgb sum = gather(d, table, base);
        const VF w0 = hn::Sub(hn::Set(d, 1.0f), f_max);
        sum = {hn::Mul(sum.r, w0), hn::Mul(sum.g, w0), hn::Mul(sum.b, w0)};
        accumulate(sum, gather(d, table, hn::Add(base, step_max)), hn::Sub(f_max, f_mid));
        accumulate(sum, gather(d, table, hn::Sub(hn::Add(base, all), step_min)),
                   hn::Sub(f_mid, f_min));
        accumulate(sum, gather(d, table, hn::Add(base, all)), f_min);
        hn::StoreU(sum.r, d, c.r + i);
        hn::StoreU(sum.g, d, c.g + i);
        hn::StoreU(sum.b, d, c.b + i);
    }
}

void Lut3DTrilinearKernel(const Lut3DParams& p, const Chunk& c) {
    const DF d;
    const DI di;
    const float top = static_cast<float>(p.size - 1);
    const int32_t step_r = 4, step_g = 4 * p.size, step_b = 4 * p.size * p.size;
    const float* table = p.table.data();
    for (size_t i = 0, end = padded(d, c.n); i < end; i += hn::Lanes(d)) {
        const Axis x = axis(d, hn::LoadU(d, c.r + i), p.domain_min[0], p.scale[0], top);
        const Axis y = axis(d, hn::LoadU(d, c.g + i), p.domain_min[1], p.scale[1], top);
        const Axis z = axis(d, hn::LoadU(d, c.b + i), p.domain_min[2], p.scale[2], top);
        const VI base = hn::Add(
            hn::Add(hn::Mul(x.cell, hn::Set(di, step_r)), hn::Mul(y.cell, hn::Set(di, step_g))),
            hn::Mul(z.cell, hn::Set(di, step_b)));
        Rgb sum{hn::Zero(d), hn::Zero(d), hn::Zero(d)};
        const VF one = hn::Set(d, 1.0f);
        for (int corner = 0; corner < 8; ++corner) {
            const bool ur = corner & 1, ug = corner & 2, ub = corner & 4;
            const VF w = hn::Mul(
                hn::Mul(ur ? x.frac : hn::Sub(one, x.frac), ug ? y.frac : hn::Sub(one, y.frac)),
                ub ? z.frac : hn::Sub(one, z.frac));
            const int32_t offset = (ur ? step_r : 0) + (ug ? step_g : 0) + (ub ? step_b : 0);
            accumulate(sum, gather(d, table, hn::Add(base, hn::Set(di, offset))), w);
        }
        hn::StoreU(sum.r, d, c.r + i);
        hn::StoreU(sum.g, d, c.g + i);
        hn::StoreU(sum.b, d, c.b + i);
    }
}

int UnpackF32Kernel(const float* src, int channels, const Chunk& c) {
    const DF d;
    const size_t lanes = hn::Lanes(d);
    const auto n = static_cast<size_t>(c.n);
    size_t nonfinite = 0, i = 0;
    for (; i + lanes <= n; i += lanes) {
        VF r, g, b, a;
        if (channels == 3) {
            hn::LoadInterleaved3(d, src + i * 3, r, g, b);
        } else {
            hn::LoadInterleaved4(d, src + i * 4, r, g, b, a);
        }
        const auto finite = hn::And(hn::And(hn::IsFinite(r), hn::IsFinite(g)), hn::IsFinite(b));
        nonfinite += lanes - hn::CountTrue(d, finite);
        hn::StoreU(r, d, c.r + i);
        hn::StoreU(g, d, c.g + i);
        hn::StoreU(b, d, c.b + i);
    }
    for (; i < n; ++i) {
        const float* px = src + i * static_cast<size_t>(channels);
        c.r[i] = px[0];
        c.g[i] = px[1];
        c.b[i] = px[2];
        const float sum = px[0] * 0.0f + px[1] * 0.0f + px[2] * 0.0f;  // NaN for NaN or Inf
        if (sum != sum) ++nonfinite;
    }
    return static_cast<int>(nonfinite);
}

void PackF32Kernel(const Chunk& c, int channels, float* dst) {
    const DF d;
    const size_t lanes = hn::Lanes(d);
    const auto n = static_cast<size_t>(c.n);
    size_t i = 0;
    if (channels == 3) {
        for (; i + lanes <= n; i += lanes)
            hn::StoreInterleaved3(hn::LoadU(d, c.r + i), hn::LoadU(d, c.g + i),
                                  hn::LoadU(d, c.b + i), d, dst + i * 3);
    }
    for (; i < n; ++i) {
        float* px = dst + i * static_cast<size_t>(channels);
        px[0] = c.r[i];
        px[1] = c.g[i];
        px[2] = c.b[i];
    }
}

const char* TargetName() {
    return hwy::TargetName(HWY_TARGET);
}

}  // namespace HWY_NAMESPACE
}  // namespace media::color::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::color::detail {

HWY_EXPORT(MatrixKernel);
HWY_EXPORT(CdlKernel);
HWY_EXPORT(Lut3DTetrahedralKernel);
HWY_EXPORT(Lut3DTrilinearKernel);
HWY_EXPORT(UnpackF32Kernel);
HWY_EXPORT(PackF32Kernel);
HWY_EXPORT(TargetName);

void simd_matrix(const MatrixParams& params, const Chunk& chunk) {
    HWY_DYNAMIC_DISPATCH(MatrixKernel)(params, chunk);
}
void simd_cdl(const CdlParams& params, const Chunk& chunk) {
    HWY_DYNAMIC_DISPATCH(CdlKernel)(params, chunk);
}
void simd_lut3d_tetrahedral(const Lut3DParams& params, const Chunk& chunk) {
    HWY_DYNAMIC_DISPATCH(Lut3DTetrahedralKernel)(params, chunk);
}
void simd_lut3d_trilinear(const Lut3DParams& params, const Chunk& chunk) {
    HWY_DYNAMIC_DISPATCH(Lut3DTrilinearKernel)(params, chunk);
}
int simd_unpack_f32(const float* src, int channels, const Chunk& chunk) {
    return HWY_DYNAMIC_DISPATCH(UnpackF32Kernel)(src, channels, chunk);
}
void simd_pack_f32(const Chunk& chunk, int channels, float* dst) {
    HWY_DYNAMIC_DISPATCH(PackF32Kernel)(chunk, channels, dst);
}
std::string simd_target_name() {
    return HWY_DYNAMIC_DISPATCH(TargetName)();
}

}  // namespace media::color::detail
#endif  // HWY_ONCE
