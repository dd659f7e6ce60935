// SPDX-License-Identifier: Apache-2.0
#pragma once

// A compiled colour pipeline as plain data that a kernel can run per pixel: up to kMaxColorOps
// ops (matrix, ASC CDL, transfer curve, 1D LUT, 3D LUT), in order, on one R'G'B' float triple.
// libmedia builds it from a ColorProcessor's compiled ops (same fused matrices, same float
// parameters, same curve tables), so the CPU path and the kernels compute the same thing; the
// per-pixel evaluator below is the one both the scalar reference and the CUDA kernels call.
// Table pointers point to host memory for the reference and to device memory for a kernel.

#include <cmath>
#include <cstdint>

#include "slate_gpu/curve_table.h"
#include "slate_gpu/plane.h"  // SLATE_GPU_HD
#include "slate_gpu/transfer_curves.h"

namespace slate_gpu {

/// Most ops in one program (a grade is typically decode curve, matrix, CDL, LUT, encode curve).
inline constexpr int kMaxColorOps = 12;

enum class ColorOpKind : uint8_t { Matrix, Cdl, Curve, Lut1D, Lut3D };
enum class LutInterpolation : uint8_t { Tetrahedral, Trilinear };

/// out = m * in + offset (row-major), each row one chain of fused multiply-adds.
struct MatrixOpData {
    float m[9];
    float offset[3];
};

/// ASC CDL v1.2 in float: clamp(in * slope + offset, 0, 1) ^ power, then saturation with Rec.709
/// weights and a clamp to 0..1 (NaN counts as 0).
struct CdlOpData {
    float slope[3];
    float offset[3];
    float power[3];
    float saturation;
};

/// A transfer curve: the table where it is usable, else the exact double formula.
struct CurveOpData {
    TransferId transfer;
    bool to_linear;
    CurveTableView table;
};

/// 1D LUT: `size` entries of RGB (3 floats each); grid = (in - domain_min) * scale, clamped.
struct Lut1DOpData {
    int size;
    float domain_min[3];
    float scale[3];
    const float* table;
};

/// 3D LUT: size^3 entries padded to 4 floats (red fastest); grid = (in - domain_min) * scale.
struct Lut3DOpData {
    int size;
    float domain_min[3];
    float scale[3];
    LutInterpolation interpolation;
    const float* table;
};

struct ColorOpData {
    ColorOpKind kind = ColorOpKind::Matrix;
    union {
        MatrixOpData matrix;
        CdlOpData cdl;
        CurveOpData curve;
        Lut1DOpData lut1d;
        Lut3DOpData lut3d;
    };
    SLATE_GPU_HD ColorOpData() : matrix{} {}
};

/// Where a kernel keeps the 3D LUT while it runs: read through the read-only data cache from
/// global memory, or copied into shared memory per block first (both are timed by the
/// self-test; results are identical).
enum class LutPlacement : uint8_t { Global, Shared };

struct ColorProgram {
    ColorOpData ops[kMaxColorOps];
    int count = 0;
    LutPlacement lut_placement = LutPlacement::Global;
};

namespace detail {

SLATE_GPU_HD inline float fma3(float a, float b, float c) {
#if defined(__CUDA_ARCH__)
    return __fmaf_rn(a, b, c);
#else
    return std::fma(a, b, c);
#endif
}

SLATE_GPU_HD inline float clamp01_nan0(float v) {
    return v != v ? 0.0f : (v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v));
}

SLATE_GPU_HD inline float clamp_grid(float x, float top) {
    return x != x ? 0.0f : (x < 0.0f ? 0.0f : (x > top ? top : x));
}

SLATE_GPU_HD inline void apply_matrix(const MatrixOpData& p, float& r, float& g, float& b) {
    const float nr = fma3(p.m[0], r, fma3(p.m[1], g, fma3(p.m[2], b, p.offset[0])));
    const float ng = fma3(p.m[3], r, fma3(p.m[4], g, fma3(p.m[5], b, p.offset[1])));
    const float nb = fma3(p.m[6], r, fma3(p.m[7], g, fma3(p.m[8], b, p.offset[2])));
    r = nr;
    g = ng;
    b = nb;
}

SLATE_GPU_HD inline void apply_cdl(const CdlOpData& p, float& r, float& g, float& b) {
    float v[3] = {r, g, b};
    for (int c = 0; c < 3; ++c) {
        const float x = v[c] != v[c] ? 0.0f : v[c];
        const float sop = clamp01_nan0(fma3(x, p.slope[c], p.offset[c]));
        v[c] = p.power[c] == 1.0f ? sop : sop > 0.0f ? powf(sop, p.power[c]) : 0.0f;
    }
    if (p.saturation != 1.0f) {
        const float luma = 0.2126f * v[0] + 0.7152f * v[1] + 0.0722f * v[2];
        for (int c = 0; c < 3; ++c) v[c] = clamp01_nan0(luma + p.saturation * (v[c] - luma));
    }
    r = v[0];
    g = v[1];
    b = v[2];
}

SLATE_GPU_HD inline float apply_curve1(const CurveOpData& p, float x) {
    const float fast = curve_lookup(p.table, x);
    if (fast == fast) return fast;
    return static_cast<float>(p.to_linear ? transfer_to_linear(p.transfer, x)
                                          : transfer_from_linear(p.transfer, x));
}

SLATE_GPU_HD inline void apply_lut1d(const Lut1DOpData& p, float& r, float& g, float& b) {
    const float top = static_cast<float>(p.size - 1);
    float* v[3] = {&r, &g, &b};
    for (int c = 0; c < 3; ++c) {
        const float x = clamp_grid((*v[c] - p.domain_min[c]) * p.scale[c], top);
        int cell = static_cast<int>(x);
        if (cell > p.size - 2) cell = p.size - 2;
        const float f = x - static_cast<float>(cell);
        const float lo = p.table[cell * 3 + c];
        const float hi = p.table[(cell + 1) * 3 + c];
        *v[c] = lo + (hi - lo) * f;
    }
}

/// 3D LUT lookup from `table` (the op's own pointer, or a shared-memory copy of it).
SLATE_GPU_HD inline void apply_lut3d(const Lut3DOpData& p, const float* table, float& r, float& g,
                                     float& b) {
    const float in[3] = {r, g, b};
    const float top = static_cast<float>(p.size - 1);
    int cell[3];
    float frac[3];
    for (int c = 0; c < 3; ++c) {
        const float x = clamp_grid((in[c] - p.domain_min[c]) * p.scale[c], top);
        float fl = floorf(x);
        if (fl > top - 1.0f) fl = top - 1.0f;
        cell[c] = static_cast<int>(fl);
        frac[c] = x - fl;
    }
    const int sr = 4, sg = 4 * p.size, sb = 4 * p.size * p.size;
    const int base = cell[0] * sr + cell[1] * sg + cell[2] * sb;
    float out[3];
    if (p.interpolation == LutInterpolation::Tetrahedral) {
        const float fx = frac[0], fy = frac[1], fz = frac[2];
        int a, bb;
        float w0, w1, w2, w3;
        if (fx > fy) {
            if (fy > fz) {
                a = sr, bb = sr + sg, w0 = 1 - fx, w1 = fx - fy, w2 = fy - fz, w3 = fz;
            } else if (fx > fz) {
                a = sr, bb = sr + sb, w0 = 1 - fx, w1 = fx - fz, w2 = fz - fy, w3 = fy;
            } else {
                a = sb, bb = sr + sb, w0 = 1 - fz, w1 = fz - fx, w2 = fx - fy, w3 = fy;
            }
        } else {
            if (fz > fy) {
                a = sb, bb = sg + sb, w0 = 1 - fz, w1 = fz - fy, w2 = fy - fx, w3 = fx;
            } else if (fz > fx) {
                a = sg, bb = sg + sb, w0 = 1 - fy, w1 = fy - fz, w2 = fz - fx, w3 = fx;
            } else {
                a = sg, bb = sr + sg, w0 = 1 - fy, w1 = fy - fx, w2 = fx - fz, w3 = fz;
            }
        }
        const int far = base + sr + sg + sb;
        for (int c = 0; c < 3; ++c)
            out[c] = w0 * table[base + c] + w1 * table[base + a + c] + w2 * table[base + bb + c] +
                     w3 * table[far + c];
    } else {
        out[0] = out[1] = out[2] = 0.0f;
        for (int corner = 0; corner < 8; ++corner) {
            const bool ur = (corner & 1) != 0, ug = (corner & 2) != 0, ub = (corner & 4) != 0;
            const float w = (ur ? frac[0] : 1 - frac[0]) * (ug ? frac[1] : 1 - frac[1]) *
                            (ub ? frac[2] : 1 - frac[2]);
            const int at = base + (ur ? sr : 0) + (ug ? sg : 0) + (ub ? sb : 0);
            for (int c = 0; c < 3; ++c) out[c] += w * table[at + c];
        }
    }
    r = out[0];
    g = out[1];
    b = out[2];
}

}  // namespace detail

/// Runs every op of `program` on one pixel. `lut3d_tables[i]`, when not null, replaces op i's
/// 3D LUT pointer (a kernel passes its shared-memory copies); null uses the op's own.
SLATE_GPU_HD inline void apply_color_program(const ColorProgram& program, float& r, float& g,
                                             float& b, const float* const* lut3d_tables = nullptr) {
    for (int i = 0; i < program.count; ++i) {
        const ColorOpData& op = program.ops[i];
        switch (op.kind) {
            case ColorOpKind::Matrix:
                detail::apply_matrix(op.matrix, r, g, b);
                break;
            case ColorOpKind::Cdl:
                detail::apply_cdl(op.cdl, r, g, b);
                break;
            case ColorOpKind::Curve:
                r = detail::apply_curve1(op.curve, r);
                g = detail::apply_curve1(op.curve, g);
                b = detail::apply_curve1(op.curve, b);
                break;
            case ColorOpKind::Lut1D:
                detail::apply_lut1d(op.lut1d, r, g, b);
                break;
            case ColorOpKind::Lut3D: {
                const float* table = lut3d_tables != nullptr && lut3d_tables[i] != nullptr
                                         ? lut3d_tables[i]
                                         : op.lut3d.table;
                detail::apply_lut3d(op.lut3d, table, r, g, b);
                break;
            }
        }
    }
}

/// True when every op is well formed (sizes >= 2, tables present, count in range).
bool program_valid(const ColorProgram& program);

}  // namespace slate_gpu
