// SPDX-License-Identifier: Apache-2.0
// Scalar references of the colour family: plain host loops over the shared per-sample maths
// (detail/color_chain_math.h), in libmedia's order of operations.
#include "slate_gpu/color_chain.h"

#include <cmath>
#include <cstddef>
#include <vector>

#include "slate_gpu/detail/color_chain_math.h"

namespace slate_gpu {
namespace {

bool weights_valid(double kr, double kb) {
    return std::isfinite(kr) && std::isfinite(kb) && kr > 0.0 && kb > 0.0 && kr + kb < 1.0;
}

template <typename T>
bool format_valid(const YcbcrFormat& f) {
    const bool depth_ok = sizeof(T) == 1 ? f.bit_depth == 8 : f.bit_depth >= 9 && f.bit_depth <= 16;
    const bool siting_ok =
        (f.siting.horizontal == 0.0f || f.siting.horizontal == 0.5f) &&
        (f.siting.vertical == 0.0f || f.siting.vertical == 0.5f || f.siting.vertical == 1.0f);
    return depth_ok && siting_ok && (f.range == Range::Narrow || f.range == Range::Full) &&
           (f.layout == ChromaLayout::C444 || f.layout == ChromaLayout::C422 ||
            f.layout == ChromaLayout::C420) &&
           weights_valid(f.kr, f.kb);
}

// Three planes of the format's shape for a width x height picture.
template <typename T>
bool planes_valid(const YcbcrPlanes<T>& p, const YcbcrFormat& f) {
    const detail::ChromaGeometry g = detail::chroma_geometry(f, p.y.width, p.y.height);
    const auto chroma_ok = [&](const Plane<T>& c) {
        return plane_valid(c) && c.width == g.chroma_width && c.height == g.chroma_height;
    };
    return plane_valid(p.y) && chroma_ok(p.cb) && chroma_ok(p.cr);
}

template <typename A, typename B>
bool rgb_planes_valid(const Plane<A>& r, const Plane<A>& g, const Plane<A>& b,
                      const Plane<B>& like) {
    return plane_valid(r) && plane_valid(g) && plane_valid(b) && same_size(r, like) &&
           same_size(g, like) && same_size(b, like);
}

// Chroma row j's unrounded code of one component from full-resolution unrounded codes
// `full` (width x height, tight): the vertical then the horizontal filter.
float downsampled(const std::vector<float>& full, const detail::ChromaGeometry& g, int j, int k) {
    const detail::RowTaps taps = detail::luma_rows_for(j, g);
    const auto column = [&](int x) {
        float v[3];
        for (int t = 0; t < taps.count; ++t)
            v[t] = full[static_cast<std::size_t>(taps.row[t]) * static_cast<std::size_t>(g.width) +
                        static_cast<std::size_t>(x)];
        return detail::vertical_sum(taps, v);
    };
    if (!g.sub_h) return column(k);
    const float left = g.phase_h == 0.0f ? column(detail::left_column(k)) : 0.0f;
    return detail::horizontal_filter(g.phase_h, left, column(2 * k),
                                     column(detail::right_column(k, g.width)));
}

// Writes Y'CbCr codes from full-resolution unrounded codes.
template <typename T>
void write_codes(const std::vector<float>& ys, const std::vector<float>& cbs,
                 const std::vector<float>& crs, const YcbcrPlanes<T>& out,
                 const YcbcrFormat& format) {
    const detail::ChromaGeometry g = detail::chroma_geometry(format, out.y.width, out.y.height);
    const float max_code = detail::make_encode(format).max_code;
    for (int y = 0; y < g.height; ++y) {
        T* dst = row(out.y, y);
        for (int x = 0; x < g.width; ++x)
            dst[x] = detail::to_code<T>(
                ys[static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width) +
                   static_cast<std::size_t>(x)],
                max_code);
    }
    for (int j = 0; j < g.chroma_height; ++j) {
        T* cb = row(out.cb, j);
        T* cr = row(out.cr, j);
        for (int k = 0; k < g.chroma_width; ++k) {
            cb[k] = detail::to_code<T>(downsampled(cbs, g, j, k), max_code);
            cr[k] = detail::to_code<T>(downsampled(crs, g, j, k), max_code);
        }
    }
}

// Encodes every pixel that `rgb_at(x, y)` gives, then downsamples and writes the codes.
template <typename T, typename RgbAt>
void encode_picture(const RgbAt& rgb_at, const YcbcrPlanes<T>& out, const YcbcrFormat& format) {
    const int width = out.y.width, height = out.y.height;
    const auto n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    std::vector<float> ys(n), cbs(n), crs(n);
    const detail::EncodeCoefs e = detail::make_encode(format);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const detail::Rgb v = rgb_at(x, y);
            const detail::Encoded c = detail::encode_pixel(e, v.r, v.g, v.b);
            const std::size_t at = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                                   static_cast<std::size_t>(x);
            ys[at] = c.y;
            cbs[at] = c.cb;
            crs[at] = c.cr;
        }
    write_codes(ys, cbs, crs, out, format);
}

}  // namespace

template <typename T>
bool args_valid(const YcbcrToRgbArgs<T>& a) {
    return format_valid<T>(a.format) && planes_valid(a.in, a.format) &&
           rgb_planes_valid(a.r, a.g, a.b, a.in.y);
}

template <typename T>
bool args_valid(const RgbToYcbcrArgs<T>& a) {
    return format_valid<T>(a.format) && planes_valid(a.out, a.format) &&
           rgb_planes_valid(a.r, a.g, a.b, a.out.y);
}

bool args_valid(const ProgramPlanarArgs& a) {
    return program_valid(a.program) && rgb_planes_valid(a.r, a.g, a.b, a.r);
}

bool args_valid(const ProgramPackedArgs& a) {
    if (!program_valid(a.program) || a.width < 0 || a.height < 0) return false;
    if (a.channels != 3 && a.channels != 4) return false;
    if (a.sample != PackedSample::U8 && a.sample != PackedSample::U16 &&
        a.sample != PackedSample::F16 && a.sample != PackedSample::F32)
        return false;
    if (a.width == 0 || a.height == 0) return true;
    const auto row_bytes =
        static_cast<std::ptrdiff_t>(a.width) * a.channels * detail::packed_bytes(a.sample);
    return a.data != nullptr && a.pitch >= row_bytes;
}

template <typename In, typename Out>
bool args_valid(const ColorChainArgs<In, Out>& a) {
    return format_valid<In>(a.in_format) && format_valid<Out>(a.out_format) &&
           program_valid(a.program) && planes_valid(a.in, a.in_format) &&
           planes_valid(a.out, a.out_format) && same_size(a.in.y, a.out.y);
}

namespace ref {

template <typename T>
bool ycbcr_to_rgb(const YcbcrToRgbArgs<T>& a) {
    if (!args_valid(a)) return false;
    const detail::ChromaGeometry g = detail::chroma_geometry(a.format, a.in.y.width, a.in.y.height);
    const detail::DecodeCoefs d = detail::make_decode(a.format);
    for (int y = 0; y < g.height; ++y) {
        float* r = row(a.r, y);
        float* gr = row(a.g, y);
        float* b = row(a.b, y);
        for (int x = 0; x < g.width; ++x) {
            const detail::Rgb v = detail::decode_pixel(a.in, g, d, x, y);
            r[x] = v.r;
            gr[x] = v.g;
            b[x] = v.b;
        }
    }
    return true;
}

template <typename T>
bool rgb_to_ycbcr(const RgbToYcbcrArgs<T>& a) {
    if (!args_valid(a)) return false;
    if (a.out.y.width == 0 || a.out.y.height == 0) return true;
    encode_picture(
        [&](int x, int y) {
            return detail::Rgb{row(a.r, y)[x], row(a.g, y)[x], row(a.b, y)[x]};
        },
        a.out, a.format);
    return true;
}

bool apply_program(const ProgramPlanarArgs& a) {
    if (!args_valid(a)) return false;
    for (int y = 0; y < a.r.height; ++y) {
        float* r = row(a.r, y);
        float* g = row(a.g, y);
        float* b = row(a.b, y);
        for (int x = 0; x < a.r.width; ++x) apply_color_program(a.program, r[x], g[x], b[x]);
    }
    return true;
}

bool apply_program(const ProgramPackedArgs& a) {
    if (!args_valid(a)) return false;
    const int bytes = detail::packed_bytes(a.sample) * a.channels;
    const bool counting = detail::packed_is_float(a.sample);
    unsigned long long nonfinite = 0;
    for (int y = 0; y < a.height; ++y) {
        auto* line = static_cast<std::byte*>(a.data) + static_cast<std::ptrdiff_t>(y) * a.pitch;
        for (int x = 0; x < a.width; ++x) {
            std::byte* pixel = line + static_cast<std::ptrdiff_t>(x) * bytes;
            detail::Rgb v = detail::load_packed(pixel, a.sample);
            if (counting &&
                !(detail::is_finite(v.r) && detail::is_finite(v.g) && detail::is_finite(v.b)))
                ++nonfinite;
            // An empty program leaves the pixels alone (libmedia's no-op pipeline).
            if (a.program.count == 0) continue;
            apply_color_program(a.program, v.r, v.g, v.b);
            detail::store_packed(pixel, a.sample, v);
        }
    }
    if (a.nonfinite != nullptr) *a.nonfinite += nonfinite;
    return true;
}

template <typename In, typename Out>
bool color_chain(const ColorChainArgs<In, Out>& a) {
    if (!args_valid(a)) return false;
    if (a.out.y.width == 0 || a.out.y.height == 0) return true;
    const detail::ChromaGeometry g =
        detail::chroma_geometry(a.in_format, a.in.y.width, a.in.y.height);
    const detail::DecodeCoefs d = detail::make_decode(a.in_format);
    encode_picture(
        [&](int x, int y) {
            detail::Rgb v = detail::decode_pixel(a.in, g, d, x, y);
            apply_color_program(a.program, v.r, v.g, v.b);
            return v;
        },
        a.out, a.out_format);
    return true;
}

template bool ycbcr_to_rgb(const YcbcrToRgbArgs<uint8_t>&);
template bool ycbcr_to_rgb(const YcbcrToRgbArgs<uint16_t>&);
template bool rgb_to_ycbcr(const RgbToYcbcrArgs<uint8_t>&);
template bool rgb_to_ycbcr(const RgbToYcbcrArgs<uint16_t>&);
template bool color_chain(const ColorChainArgs<uint8_t, uint8_t>&);
template bool color_chain(const ColorChainArgs<uint8_t, uint16_t>&);
template bool color_chain(const ColorChainArgs<uint16_t, uint8_t>&);
template bool color_chain(const ColorChainArgs<uint16_t, uint16_t>&);

}  // namespace ref

template bool args_valid(const YcbcrToRgbArgs<uint8_t>&);
template bool args_valid(const YcbcrToRgbArgs<uint16_t>&);
template bool args_valid(const RgbToYcbcrArgs<uint8_t>&);
template bool args_valid(const RgbToYcbcrArgs<uint16_t>&);
template bool args_valid(const ColorChainArgs<uint8_t, uint8_t>&);
template bool args_valid(const ColorChainArgs<uint8_t, uint16_t>&);
template bool args_valid(const ColorChainArgs<uint16_t, uint8_t>&);
template bool args_valid(const ColorChainArgs<uint16_t, uint16_t>&);

}  // namespace slate_gpu
