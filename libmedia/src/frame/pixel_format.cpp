// SPDX-License-Identifier: Apache-2.0
// The pixel format table. Deliberately free of libav: io/ maps AVPixelFormat onto it, and
// tests/unit/frame/pixel_format_test.cpp checks every row against av_pix_fmt_desc_get.
#include "media/frame/pixel_format.h"

#include <cassert>
#include <cstddef>

namespace media {
namespace {

using F = PixelFormat;
using S = SampleType;

// Short constructors so the table below reads as one row per format.
constexpr PixelFormatInfo yuv(F f, std::string_view name, int depth, int cw, int ch) {
    const S type = depth > 8 ? S::U16 : S::U8;
    return {f, name, 3, 3, depth, type, depth > 8 ? 2 : 1, cw, ch, true, false, false, false};
}
constexpr PixelFormatInfo yuva(F f, std::string_view name, int depth) {
    return {f, name, 4, 4, depth, S::U16, 2, 0, 0, true, false, true, false};
}
constexpr PixelFormatInfo packed(F f, std::string_view name, int comps, int depth, S type,
                                 int bytes) {
    return {f, name, 1, comps, depth, type, bytes, 0, 0, false, true, comps == 4, true};
}
constexpr PixelFormatInfo gbrp(F f, std::string_view name, int depth) {
    return {f, name, 3, 3, depth, S::U16, 2, 0, 0, false, true, false, false};
}
constexpr PixelFormatInfo gray(F f, std::string_view name, int depth) {
    const S type = depth > 8 ? S::U16 : S::U8;
    return {f, name, 1, 1, depth, type, depth > 8 ? 2 : 1, 0, 0, false, false, false, false};
}

constexpr std::array<PixelFormatInfo, static_cast<std::size_t>(F::Count)> k_table{{
    yuv(F::Yuv420p8, "yuv420p", 8, 1, 1),
    yuv(F::Yuv420p10, "yuv420p10le", 10, 1, 1),
    yuv(F::Yuv420p12, "yuv420p12le", 12, 1, 1),
    yuv(F::Yuv420p16, "yuv420p16le", 16, 1, 1),
    yuv(F::Yuv422p8, "yuv422p", 8, 1, 0),
    yuv(F::Yuv422p10, "yuv422p10le", 10, 1, 0),
    yuv(F::Yuv422p12, "yuv422p12le", 12, 1, 0),
    yuv(F::Yuv422p16, "yuv422p16le", 16, 1, 0),
    yuv(F::Yuv444p8, "yuv444p", 8, 0, 0),
    yuv(F::Yuv444p10, "yuv444p10le", 10, 0, 0),
    yuv(F::Yuv444p12, "yuv444p12le", 12, 0, 0),
    yuv(F::Yuv444p16, "yuv444p16le", 16, 0, 0),
    yuva(F::Yuva444p10, "yuva444p10le", 10),
    yuva(F::Yuva444p12, "yuva444p12le", 12),
    packed(F::Rgb8, "rgb24", 3, 8, S::U8, 1),
    packed(F::Rgba8, "rgba", 4, 8, S::U8, 1),
    packed(F::Rgb16, "rgb48le", 3, 16, S::U16, 2),
    packed(F::Rgba16, "rgba64le", 4, 16, S::U16, 2),
    gbrp(F::Gbrp10, "gbrp10le", 10),
    gbrp(F::Gbrp12, "gbrp12le", 12),
    packed(F::RgbaHalf, "rgbaf16le", 4, 16, S::F16, 2),
    packed(F::RgbaFloat, "rgbaf32le", 4, 32, S::F32, 4),
    packed(F::RgbFloat, "rgbf32le", 3, 32, S::F32, 4),
    gray(F::Gray8, "gray", 8),
    gray(F::Gray10, "gray10le", 10),
    gray(F::Gray16, "gray16le", 16),
}};

// The table is indexed by enumerator; a row out of place would silently describe another format.
constexpr bool table_in_order() {
    for (std::size_t i = 0; i < k_table.size(); ++i)
        if (static_cast<std::size_t>(k_table[i].format) != i) return false;
    return true;
}
static_assert(table_in_order(), "k_table rows must follow the PixelFormat enumerator order");

// Rounds up, as FFmpeg's AV_CEIL_RSHIFT does, so odd sizes keep their last chroma sample.
constexpr int ceil_shift(int value, int shift) {
    return -((-value) >> shift);
}

}  // namespace

int PixelFormatInfo::components_in_plane(int plane) const {
    if (plane < 0 || plane >= planes) return 0;
    return is_packed ? components : 1;
}

int PixelFormatInfo::plane_width(int plane, int width) const {
    if (plane < 0 || plane >= planes || width <= 0) return 0;
    const bool chroma = is_yuv && (plane == 1 || plane == 2);
    return chroma ? ceil_shift(width, log2_chroma_w) : width;
}

int PixelFormatInfo::plane_height(int plane, int height) const {
    if (plane < 0 || plane >= planes || height <= 0) return 0;
    const bool chroma = is_yuv && (plane == 1 || plane == 2);
    return chroma ? ceil_shift(height, log2_chroma_h) : height;
}

int64_t PixelFormatInfo::plane_row_bytes(int plane, int width) const {
    return int64_t{plane_width(plane, width)} * components_in_plane(plane) * bytes_per_sample;
}

const PixelFormatInfo& info(PixelFormat format) {
    const auto index = static_cast<std::size_t>(format);
    assert(index < k_table.size() && "PixelFormat::Count is not a format");
    return k_table[index < k_table.size() ? index : 0];
}

std::optional<PixelFormat> pixel_format_from_name(std::string_view name) {
    for (const PixelFormatInfo& row : k_table)
        if (row.name == name) return row.format;
    return std::nullopt;
}

std::string_view chroma_subsampling_label(PixelFormat format) {
    const PixelFormatInfo& row = info(format);
    if (!row.is_yuv) return "";
    if (row.log2_chroma_w == 0) return "4:4:4";
    return row.log2_chroma_h == 0 ? "4:2:2" : "4:2:0";
}

}  // namespace media
