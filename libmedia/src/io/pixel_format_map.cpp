// SPDX-License-Identifier: Apache-2.0
#include "pixel_format_map.h"

#include <array>
#include <string>

extern "C" {
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/pixdesc.h>
}

namespace media::av {

namespace {

bool is_packed_float(PixelFormat format) {
    return format == PixelFormat::RgbaHalf || format == PixelFormat::RgbaFloat ||
           format == PixelFormat::RgbFloat;
}

PixelFormat by_depth(int depth, PixelFormat p8, PixelFormat p10, PixelFormat p12, PixelFormat p16) {
    if (depth <= 8) return p8;
    if (depth <= 10) return p10;
    if (depth <= 12) return p12;
    return p16;
}

PixelFormat nearest_yuv(const AVPixFmtDescriptor& desc) {
    using F = PixelFormat;
    const int depth = desc.comp[0].depth;
    if (desc.flags & AV_PIX_FMT_FLAG_ALPHA) return depth <= 10 ? F::Yuva444p10 : F::Yuva444p12;
    // The smallest closed-set subsampling that holds every chroma sample of the source.
    if (desc.log2_chroma_w >= 1 && desc.log2_chroma_h >= 1)
        return by_depth(depth, F::Yuv420p8, F::Yuv420p10, F::Yuv420p12, F::Yuv420p16);
    if (desc.log2_chroma_w >= 1 && desc.log2_chroma_h == 0)
        return by_depth(depth, F::Yuv422p8, F::Yuv422p10, F::Yuv422p12, F::Yuv422p16);
    return by_depth(depth, F::Yuv444p8, F::Yuv444p10, F::Yuv444p12, F::Yuv444p16);
}

PixelFormat nearest_rgb(const AVPixFmtDescriptor& desc) {
    using F = PixelFormat;
    const int depth = desc.comp[0].depth;
    const bool alpha = (desc.flags & AV_PIX_FMT_FLAG_ALPHA) || (desc.flags & AV_PIX_FMT_FLAG_PAL);
    if (desc.flags & AV_PIX_FMT_FLAG_FLOAT) return alpha ? F::RgbaFloat : F::RgbFloat;
    if (depth <= 8) return alpha ? F::Rgba8 : F::Rgb8;
    if (alpha) return F::Rgba16;
    if (depth <= 10) return F::Gbrp10;
    if (depth <= 12) return F::Gbrp12;
    return F::Rgb16;
}

}  // namespace

AVPixelFormat to_av_pixel_format(PixelFormat format) {
    // Looked up by name once: the closed set's names are FFmpeg's.
    static const auto table = [] {
        std::array<AVPixelFormat, static_cast<size_t>(PixelFormat::Count)> t{};
        for (size_t i = 0; i < t.size(); ++i) {
            auto f = static_cast<PixelFormat>(i);
            t[i] = is_packed_float(f) ? AV_PIX_FMT_NONE
                                      : av_get_pix_fmt(std::string(info(f).name).c_str());
        }
        return t;
    }();
    return table[static_cast<size_t>(format)];
}

std::optional<PixelFormat> from_av_pixel_format(AVPixelFormat format) {
    switch (format) {
        case AV_PIX_FMT_YUVJ420P:
            return PixelFormat::Yuv420p8;
        case AV_PIX_FMT_YUVJ422P:
            return PixelFormat::Yuv422p8;
        case AV_PIX_FMT_YUVJ444P:
            return PixelFormat::Yuv444p8;
        default:
            break;
    }
    for (int i = 0; i < static_cast<int>(PixelFormat::Count); ++i) {
        auto candidate = static_cast<PixelFormat>(i);
        if (!is_packed_float(candidate) && to_av_pixel_format(candidate) == format)
            return candidate;
    }
    return std::nullopt;
}

std::optional<PixelFormat> nearest_pixel_format(AVPixelFormat format) {
    if (auto exact = from_av_pixel_format(format)) return exact;
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
    if (!desc || (desc->flags & AV_PIX_FMT_FLAG_HWACCEL) || desc->nb_components == 0)
        return std::nullopt;
    const int depth = desc->comp[0].depth;
    const bool xyz = format == AV_PIX_FMT_XYZ12LE || format == AV_PIX_FMT_XYZ12BE;
    if (xyz) return PixelFormat::Rgb16;  // swscale converts DCI XYZ to RGB
    if (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) return nearest_rgb(*desc);
    if (desc->nb_components <= 2)  // gray, gray + alpha
        return by_depth(depth, PixelFormat::Gray8, PixelFormat::Gray10, PixelFormat::Gray16,
                        PixelFormat::Gray16);
    return nearest_yuv(*desc);
}

namespace {

double q2d(AVRational r) {
    return r.den == 0 ? 0.0 : av_q2d(r);
}

void read_hdr_side_data(const AVFrame& frame, ColorInfo& color) {
    if (const AVFrameSideData* sd =
            av_frame_get_side_data(&frame, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA)) {
        const auto* md = reinterpret_cast<const AVMasteringDisplayMetadata*>(sd->data);
        if (md->has_primaries && md->has_luminance)
            color.mastering_display =
                MasteringDisplay{q2d(md->display_primaries[0][0]), q2d(md->display_primaries[0][1]),
                                 q2d(md->display_primaries[1][0]), q2d(md->display_primaries[1][1]),
                                 q2d(md->display_primaries[2][0]), q2d(md->display_primaries[2][1]),
                                 q2d(md->white_point[0]),          q2d(md->white_point[1]),
                                 q2d(md->min_luminance),           q2d(md->max_luminance)};
    }
    if (const AVFrameSideData* sd =
            av_frame_get_side_data(&frame, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL)) {
        const auto* cll = reinterpret_cast<const AVContentLightMetadata*>(sd->data);
        color.content_light = ContentLightLevel{cll->MaxCLL, cll->MaxFALL};
    }
}

}  // namespace

ColorInfo color_from_av(const AVFrame& frame) {
    // libav's enums use the H.273 code points, as ours do: the casts keep the numbers.
    ColorInfo color;
    color.primaries = static_cast<ColorPrimaries>(frame.color_primaries);
    color.transfer = static_cast<TransferCharacteristic>(frame.color_trc);
    color.matrix = static_cast<MatrixCoefficients>(frame.colorspace);
    color.range = static_cast<ColorRange>(frame.color_range);
    color.chroma_location = static_cast<ChromaLocation>(frame.chroma_location);
    if (color.range == ColorRange::Unspecified &&
        (frame.format == AV_PIX_FMT_YUVJ420P || frame.format == AV_PIX_FMT_YUVJ422P ||
         frame.format == AV_PIX_FMT_YUVJ444P))
        color.range = ColorRange::Full;
    read_hdr_side_data(frame, color);
    return color;
}

void color_to_av(const ColorInfo& color, AVColorPrimaries& primaries,
                 AVColorTransferCharacteristic& transfer, AVColorSpace& matrix, AVColorRange& range,
                 AVChromaLocation& chroma_location) {
    primaries = static_cast<AVColorPrimaries>(color.primaries);
    transfer = static_cast<AVColorTransferCharacteristic>(color.transfer);
    matrix = static_cast<AVColorSpace>(color.matrix);
    range = static_cast<AVColorRange>(color.range);
    chroma_location = static_cast<AVChromaLocation>(color.chroma_location);
}

}  // namespace media::av
