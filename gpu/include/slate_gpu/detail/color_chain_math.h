// SPDX-License-Identifier: Apache-2.0
#pragma once

// Per-sample maths of the colour family (color_chain.h), shared by the scalar references
// (gpu/ref/color_chain.cpp) and the CUDA kernels (gpu/cuda/color_chain.cu). Every formula and
// every operation order is libmedia's (libmedia/src/color/ycbcr.cpp, color_processor.cpp,
// frame/half.cpp), so the references equal libmedia's CPU results bit for bit.
//
// Device code must not contract a * b + c into one fused multiply-add where the host rounds
// twice (the project's host code is ISO C++ without FMA contraction): the arithmetic below goes
// through mul/add/sub, which are __fmul_rn/__fadd_rn/__fsub_rn on the device (never fused), so
// the Y'CbCr conversions give the same bits on both sides. Only the ColorProgram evaluator
// (color_program.h) differs by an ulp here and there (see the registry tolerances).
//
// C++17, standard library only (nvcc includes it).

#include <cmath>
#include <cstdint>

#include "slate_gpu/color_chain.h"
#include "slate_gpu/curve_table.h"  // detail::float_bits / bits_float
#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/plane.h"

namespace slate_gpu::detail {

// ---------------------------------------------------------------------------------------------
// Arithmetic that rounds after every operation (mul_rn, add_rn, sub_rn: rounded_ops.h).

/// Round to nearest, ties to even (the default rounding mode on the host).
SLATE_GPU_HD inline float round_even(float v) {
#if defined(__CUDA_ARCH__)
    return rintf(v);
#else
    return std::nearbyint(v);
#endif
}
SLATE_GPU_HD inline float floor_f(float v) {
#if defined(__CUDA_ARCH__)
    return floorf(v);
#else
    return std::floor(v);
#endif
}
SLATE_GPU_HD inline int clamp_int(int v, int lo, int hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}
SLATE_GPU_HD inline bool is_finite(float v) {
    return (float_bits(v) & 0x7f800000u) != 0x7f800000u;
}

/// A sample of a plane at (x, y), read through the read-only data cache on the device.
template <typename T>
SLATE_GPU_HD inline T load_sample(const Plane<const T>& plane, int x, int y) {
#if defined(__CUDA_ARCH__)
    return __ldg(row(plane, y) + x);
#else
    return row(plane, y)[x];
#endif
}

// ---------------------------------------------------------------------------------------------
// Coefficients (computed on the host in double, as libmedia does, then rounded to float once).

/// libmedia's YcbcrLevels (ycbcr_levels): narrow 16/219/224 at 8 bits times 2^(depth - 8).
struct CodeLevels {
    double y_offset, y_range, c_offset, c_range;
};
inline CodeLevels code_levels(int bit_depth, Range range) {
    const double max_code = std::ldexp(1.0, bit_depth) - 1.0;
    const double c_offset = std::ldexp(1.0, bit_depth - 1);
    if (range == Range::Full) return {0.0, max_code, c_offset, max_code};
    const double scale = std::ldexp(1.0, bit_depth - 8);
    return {16.0 * scale, 219.0 * scale, c_offset, 224.0 * scale};
}

/// libmedia's Decode: E'Y = (Y - y_offset) * y_scale, E'C = (C - c_offset) * c_scale, then
/// R' = E'Y + r_cr E'Cr, G' = E'Y + g_cb E'Cb + g_cr E'Cr, B' = E'Y + b_cb E'Cb.
struct DecodeCoefs {
    float y_offset, y_scale, c_offset, c_scale;
    float r_cr, g_cb, g_cr, b_cb;
};
inline DecodeCoefs make_decode(const YcbcrFormat& f) {
    const CodeLevels l = code_levels(f.bit_depth, f.range);
    const double kr = f.kr, kb = f.kb;
    const double kg = 1.0 - kr - kb;
    const auto c = [](double v) { return static_cast<float>(v); };
    return {c(l.y_offset),
            c(1.0 / l.y_range),
            c(l.c_offset),
            c(1.0 / l.c_range),
            c(2.0 * (1.0 - kr)),
            c(-2.0 * kb * (1.0 - kb) / kg),
            c(-2.0 * kr * (1.0 - kr) / kg),
            c(2.0 * (1.0 - kb))};
}

/// libmedia's Encode: straight to unrounded code values.
struct EncodeCoefs {
    float y_r, y_g, y_b, y_offset;
    float cb_r, cb_g, cb_b, cr_r, cr_g, cr_b, c_offset;
    float max_code;
};
inline EncodeCoefs make_encode(const YcbcrFormat& f) {
    const CodeLevels l = code_levels(f.bit_depth, f.range);
    const double kr = f.kr, kb = f.kb;
    const double kg = 1.0 - kr - kb;
    const double cb = 2.0 * (1.0 - kb);
    const double cr = 2.0 * (1.0 - kr);
    const auto c = [](double v) { return static_cast<float>(v); };
    return {c(kr * l.y_range),
            c(kg * l.y_range),
            c(kb * l.y_range),
            c(l.y_offset),
            c(-kr / cb * l.c_range),
            c(-kg / cb * l.c_range),
            c((1.0 - kb) / cb * l.c_range),
            c((1.0 - kr) / cr * l.c_range),
            c(-kg / cr * l.c_range),
            c(-kb / cr * l.c_range),
            c(l.c_offset),
            static_cast<float>((1 << f.bit_depth) - 1)};
}

/// The geometry of a Y'CbCr picture: chroma subsampling and siting, plane sizes.
struct ChromaGeometry {
    bool sub_h, sub_v;
    float phase_h, phase_v;
    int width, height, chroma_width, chroma_height;
};
inline ChromaGeometry chroma_geometry(const YcbcrFormat& f, int width, int height) {
    const bool sub_h = f.layout != ChromaLayout::C444;
    const bool sub_v = f.layout == ChromaLayout::C420;
    return {sub_h,
            sub_v,
            f.siting.horizontal,
            f.siting.vertical,
            width,
            height,
            sub_h ? (width + 1) / 2 : width,
            sub_v ? (height + 1) / 2 : height};
}

// ---------------------------------------------------------------------------------------------
// Y'CbCr -> R'G'B' (ycbcr_rows_to_rgb: chroma_rows_for, blend_chroma_row, upsample_row,
// decode_pixels).

/// The two chroma rows around luma row y and the weight of the second.
struct RowBlend {
    int first, second;
    float weight;
};
SLATE_GPU_HD inline RowBlend chroma_rows_for(int y, const ChromaGeometry& g) {
    if (!g.sub_v) return {y, y, 0.0f};
    const float position = mul_rn(sub_rn(static_cast<float>(y), g.phase_v), 0.5f);
    const float base = floor_f(position);
    const int j = static_cast<int>(base);
    return {clamp_int(j, 0, g.chroma_height - 1), clamp_int(j + 1, 0, g.chroma_height - 1),
            sub_rn(position, base)};
}

/// E'C of chroma column k blended from two chroma rows: ((1 - w) c0 + w c1 - offset) * scale.
template <typename T>
SLATE_GPU_HD inline float blended_chroma(const Plane<const T>& c, const RowBlend& rows, int k,
                                         float offset, float scale) {
    const float c0 = static_cast<float>(load_sample(c, k, rows.first));
    if (rows.weight == 0.0f) return mul_rn(sub_rn(c0, offset), scale);
    const float c1 = static_cast<float>(load_sample(c, k, rows.second));
    const float w0 = sub_rn(1.0f, rows.weight);
    return mul_rn(sub_rn(add_rn(mul_rn(w0, c0), mul_rn(rows.weight, c1)), offset), scale);
}

/// E'C at luma column x of a chroma plane (linear interpolation honouring the siting).
template <typename T>
SLATE_GPU_HD inline float upsampled_chroma(const Plane<const T>& c, const RowBlend& rows, int x,
                                           const ChromaGeometry& g, float offset, float scale) {
    if (!g.sub_h) return blended_chroma(c, rows, x, offset, scale);
    const int k = x >> 1;
    const float here = blended_chroma(c, rows, k, offset, scale);
    if ((x & 1) == 0) {
        if (g.phase_h == 0.0f) return here;
        const float before = blended_chroma(c, rows, k > 0 ? k - 1 : 0, offset, scale);
        return add_rn(mul_rn(0.75f, here), mul_rn(0.25f, before));
    }
    const float after = blended_chroma(c, rows, k + 1 < g.chroma_width ? k + 1 : k, offset, scale);
    if (g.phase_h == 0.0f) return mul_rn(0.5f, add_rn(here, after));
    return add_rn(mul_rn(0.75f, here), mul_rn(0.25f, after));
}

struct Rgb {
    float r, g, b;
};

/// R'G'B' of luma pixel (x, y) of a Y'CbCr picture. Codes are used as they are (libmedia does
/// not clip codes above the depth's maximum either).
template <typename T>
SLATE_GPU_HD inline Rgb decode_pixel(const YcbcrPlanes<const T>& in, const ChromaGeometry& g,
                                     const DecodeCoefs& d, int x, int y) {
    const RowBlend rows = chroma_rows_for(y, g);
    const float cb = upsampled_chroma(in.cb, rows, x, g, d.c_offset, d.c_scale);
    const float cr = upsampled_chroma(in.cr, rows, x, g, d.c_offset, d.c_scale);
    const float e_y =
        mul_rn(sub_rn(static_cast<float>(load_sample(in.y, x, y)), d.y_offset), d.y_scale);
    return {add_rn(e_y, mul_rn(d.r_cr, cr)),
            add_rn(add_rn(e_y, mul_rn(d.g_cb, cb)), mul_rn(d.g_cr, cr)),
            add_rn(e_y, mul_rn(d.b_cb, cb))};
}

// ---------------------------------------------------------------------------------------------
// R'G'B' -> Y'CbCr (RgbRowReader::safe, encode_pixels, luma_rows_for, accumulate,
// downsample_row, to_code).

/// What libmedia's RGB reader makes of a float: NaN -> 0, magnitudes limited to 1e6.
SLATE_GPU_HD inline float safe_rgb(float v) {
    constexpr float kLimit = 1.0e6f;
    return v == v ? (v < -kLimit ? -kLimit : (kLimit < v ? kLimit : v)) : 0.0f;
}

/// Unrounded code values of one pixel.
struct Encoded {
    float y, cb, cr;
};
SLATE_GPU_HD inline Encoded encode_pixel(const EncodeCoefs& e, float r, float g, float b) {
    r = safe_rgb(r);
    g = safe_rgb(g);
    b = safe_rgb(b);
    return {
        add_rn(add_rn(add_rn(mul_rn(e.y_r, r), mul_rn(e.y_g, g)), mul_rn(e.y_b, b)), e.y_offset),
        add_rn(add_rn(add_rn(mul_rn(e.cb_r, r), mul_rn(e.cb_g, g)), mul_rn(e.cb_b, b)), e.c_offset),
        add_rn(add_rn(add_rn(mul_rn(e.cr_r, r), mul_rn(e.cr_g, g)), mul_rn(e.cr_b, b)),
               e.c_offset)};
}

/// A code from an unrounded value: clip to 0..max_code, + 0.5, truncate (NaN gives 0).
template <typename T>
SLATE_GPU_HD inline T to_code(float v, float max_code) {
    const float clipped = v != v ? 0.0f : (v < 0.0f ? 0.0f : (max_code < v ? max_code : v));
    return static_cast<T>(static_cast<unsigned>(add_rn(clipped, 0.5f)));
}

/// The luma rows averaged into chroma row j and their weights ([1 1]/2 between rows, [1 2 1]/4
/// on a row or one row when not subsampled), clamped at the picture edges.
struct RowTaps {
    int count;
    int row[3];
    float weight[3];
};
SLATE_GPU_HD inline RowTaps luma_rows_for(int j, const ChromaGeometry& g) {
    const int last = g.height - 1;
    RowTaps t{};
    if (!g.sub_v) {
        t.count = 1;
        t.row[0] = j;
        t.weight[0] = 1.0f;
    } else if (g.phase_v == 0.5f) {
        t.count = 2;
        t.row[0] = clamp_int(2 * j, 0, last);
        t.row[1] = clamp_int(2 * j + 1, 0, last);
        t.weight[0] = t.weight[1] = 0.5f;
    } else {
        const int centre = 2 * j + (g.phase_v == 0.0f ? 0 : 1);
        t.count = 3;
        t.row[0] = clamp_int(centre - 1, 0, last);
        t.row[1] = clamp_int(centre, 0, last);
        t.row[2] = clamp_int(centre + 1, 0, last);
        t.weight[0] = t.weight[2] = 0.25f;
        t.weight[1] = 0.5f;
    }
    return t;
}

/// The vertical step: one tap as it is, else w0 v0, + w1 v1, + w2 v2 (libmedia's accumulate).
SLATE_GPU_HD inline float vertical_sum(const RowTaps& t, const float* v) {
    if (t.count == 1) return v[0];
    // Constant indices only: a kernel keeps taps and values in registers.
    float s = mul_rn(t.weight[0], v[0]);
    if (t.count > 1) s = add_rn(s, mul_rn(t.weight[1], v[1]));
    if (t.count > 2) s = add_rn(s, mul_rn(t.weight[2], v[2]));
    return s;
}

/// The luma columns of chroma sample k's horizontal filter (clamped): left 2k - 1 (co-sited
/// only), centre 2k, right 2k + 1.
SLATE_GPU_HD inline int left_column(int k) {
    return k > 0 ? 2 * k - 1 : 0;
}
SLATE_GPU_HD inline int right_column(int k, int width) {
    return 2 * k + 1 < width ? 2 * k + 1 : width - 1;
}

/// The horizontal step: [1 2 1]/4 co-sited, [1 1]/2 centred (phase != 0).
SLATE_GPU_HD inline float horizontal_filter(float phase_h, float left, float centre, float right) {
    if (phase_h == 0.0f)
        return add_rn(add_rn(mul_rn(0.25f, left), mul_rn(0.5f, centre)), mul_rn(0.25f, right));
    return mul_rn(0.5f, add_rn(centre, right));
}

// ---------------------------------------------------------------------------------------------
// Packed RGB(A) samples (ColorProcessor::apply: integers * (1 / max), quantise, half floats).

/// libmedia's half_to_float (exact; NaN payloads kept).
SLATE_GPU_HD inline float half_to_float(uint16_t half) {
    const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
    const uint32_t exponent = (static_cast<uint32_t>(half) >> 10) & 0x1Fu;
    const uint32_t mantissa = half & 0x3FFu;
    if (exponent == 0) {
        const float magnitude = static_cast<float>(mantissa) * bits_float(0x33800000u);  // 2^-24
        return sign != 0 ? -magnitude : magnitude;
    }
    if (exponent == 31) return bits_float(sign | 0x7F800000u | (mantissa << 13));
    return bits_float(sign | ((exponent + 112u) << 23) | (mantissa << 13));
}

/// libmedia's float_to_half (round to nearest even; NaN -> 0x7E00 with the sign).
SLATE_GPU_HD inline uint16_t float_to_half(float value) {
    uint32_t bits = float_bits(value);
    const auto sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
    bits &= 0x7FFFFFFFu;
    if (bits > 0x7F800000u) return static_cast<uint16_t>(sign | 0x7E00u);
    if (bits >= 0x477FF000u) return static_cast<uint16_t>(sign | 0x7C00u);
    if (bits < 0x38800000u) {
        const float scaled = mul_rn(bits_float(bits), 16777216.0f);  // 2^24, exact
        return static_cast<uint16_t>(sign | static_cast<uint16_t>(round_even(scaled)));
    }
    const uint32_t rounded = bits - (112u << 23) + 0xFFFu + ((bits >> 13) & 1u);
    return static_cast<uint16_t>(sign | (rounded >> 13));
}

/// Integer sample -> float: v * (1 / max) with the reciprocal rounded to float first.
template <typename T>
SLATE_GPU_HD inline float unit_of(T v) {
    constexpr float kScale = 1.0f / (sizeof(T) == 1 ? 255.0f : 65535.0f);
    return mul_rn(static_cast<float>(v), kScale);
}

/// Float -> integer sample: NaN -> 0, else min(max(v * max + 0.5, 0), max), truncated.
template <typename T>
SLATE_GPU_HD inline T quantise(float v) {
    constexpr float top = sizeof(T) == 1 ? 255.0f : 65535.0f;
    if (v != v) return T{0};
    float q = add_rn(mul_rn(v, top), 0.5f);
    q = q < 0.0f ? 0.0f : q;
    q = top < q ? top : q;
    return static_cast<T>(static_cast<unsigned>(q));
}

/// Loads the first three samples of a packed pixel as floats.
SLATE_GPU_HD inline Rgb load_packed(const void* pixel, PackedSample sample) {
    switch (sample) {
        case PackedSample::U8: {
            const auto* p = static_cast<const uint8_t*>(pixel);
            return {unit_of(p[0]), unit_of(p[1]), unit_of(p[2])};
        }
        case PackedSample::U16: {
            const auto* p = static_cast<const uint16_t*>(pixel);
            return {unit_of(p[0]), unit_of(p[1]), unit_of(p[2])};
        }
        case PackedSample::F16: {
            const auto* p = static_cast<const uint16_t*>(pixel);
            return {half_to_float(p[0]), half_to_float(p[1]), half_to_float(p[2])};
        }
        case PackedSample::F32:
        default: {
            const auto* p = static_cast<const float*>(pixel);
            return {p[0], p[1], p[2]};
        }
    }
}

/// Stores three floats into the first three samples of a packed pixel (alpha untouched).
SLATE_GPU_HD inline void store_packed(void* pixel, PackedSample sample, const Rgb& v) {
    switch (sample) {
        case PackedSample::U8: {
            auto* p = static_cast<uint8_t*>(pixel);
            p[0] = quantise<uint8_t>(v.r);
            p[1] = quantise<uint8_t>(v.g);
            p[2] = quantise<uint8_t>(v.b);
            return;
        }
        case PackedSample::U16: {
            auto* p = static_cast<uint16_t*>(pixel);
            p[0] = quantise<uint16_t>(v.r);
            p[1] = quantise<uint16_t>(v.g);
            p[2] = quantise<uint16_t>(v.b);
            return;
        }
        case PackedSample::F16: {
            auto* p = static_cast<uint16_t*>(pixel);
            p[0] = float_to_half(v.r);
            p[1] = float_to_half(v.g);
            p[2] = float_to_half(v.b);
            return;
        }
        case PackedSample::F32:
        default: {
            auto* p = static_cast<float*>(pixel);
            p[0] = v.r;
            p[1] = v.g;
            p[2] = v.b;
            return;
        }
    }
}

/// Bytes per sample of a packed format.
SLATE_GPU_HD inline int packed_bytes(PackedSample sample) {
    return sample == PackedSample::U8 ? 1 : (sample == PackedSample::F32 ? 4 : 2);
}

/// True when the packed format is float (non-finite inputs are counted).
SLATE_GPU_HD inline bool packed_is_float(PackedSample sample) {
    return sample == PackedSample::F16 || sample == PackedSample::F32;
}

}  // namespace slate_gpu::detail
