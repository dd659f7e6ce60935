// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace media {

/// The closed set of pixel formats libmedia works in. Planar YUV is stored one sample per
/// uint8 (8-bit) or uint16 (10-16 bit, LSB-aligned as in FFmpeg's *le formats).
/// Plane order follows FFmpeg: Y, Cb, Cr[, A] for YUV and G, B, R for the Gbrp formats.
enum class PixelFormat : uint8_t {
    Yuv420p8, Yuv420p10, Yuv420p12, Yuv420p16,
    Yuv422p8, Yuv422p10, Yuv422p12, Yuv422p16,
    Yuv444p8, Yuv444p10, Yuv444p12, Yuv444p16,
    Yuva444p10, Yuva444p12,
    Rgb8, Rgba8, Rgb16, Rgba16,      ///< packed, interleaved
    Gbrp10, Gbrp12,                  ///< planar RGB as decoders of ProRes 4444 / DNxHR 444 emit
    /// Packed float (EXR). FFmpeg 5.1 has no packed float RGB formats; their names
    /// ("rgbaf16le", "rgbaf32le", "rgbf32le") are the ones FFmpeg 6.0/6.1 later gave them.
    RgbaHalf, RgbaFloat, RgbFloat,
    Gray8, Gray10, Gray16,
    Count
};

enum class SampleType : uint8_t { U8, U16, F16, F32 };

/// What one pixel format looks like in memory.
struct PixelFormatInfo {
    PixelFormat format;
    std::string_view name;        ///< FFmpeg's av_get_pix_fmt_name ("yuv420p10le"); see RgbaHalf
    int planes;                   ///< number of separate planes
    int components;               ///< channels in total (3 for YUV, 4 with alpha)
    int bit_depth;                ///< significant bits per component
    SampleType sample_type;
    int bytes_per_sample;         ///< storage size of one component
    int log2_chroma_w;            ///< horizontal chroma subsampling shift (1 for 4:2:x)
    int log2_chroma_h;            ///< vertical chroma subsampling shift (1 for 4:2:0)
    bool is_yuv;
    bool is_rgb;
    bool has_alpha;
    bool is_packed;               ///< interleaved components in plane 0

    /// Components stored in plane p (1 for planar, `components` for packed).
    int components_in_plane(int plane) const;
    /// Width/height of plane p for a w x h picture (chroma planes rounded up); 0 for a plane
    /// the format does not have or a non-positive size.
    int plane_width(int plane, int width) const;
    int plane_height(int plane, int height) const;
    /// Minimum bytes in one row of plane p (as av_image_fill_linesizes with align 1).
    int64_t plane_row_bytes(int plane, int width) const;
};

/// The table entry for a format. Every enumerator but Count has one.
const PixelFormatInfo& info(PixelFormat format);
/// Looks a format up by its name ("yuv422p10le"), nullopt for names outside the closed set.
std::optional<PixelFormat> pixel_format_from_name(std::string_view name);
/// "4:2:0", "4:2:2", "4:4:4" (or "" for RGB/gray).
std::string_view chroma_subsampling_label(PixelFormat format);

}  // namespace media
