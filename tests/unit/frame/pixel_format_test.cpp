// SPDX-License-Identifier: Apache-2.0
// The pixel format table against libavutil's descriptors (the reference for names and layout).
#include "media/frame/pixel_format.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace media {
namespace {

std::vector<PixelFormat> all_formats() {
    std::vector<PixelFormat> formats;
    for (int i = 0; i < static_cast<int>(PixelFormat::Count); ++i)
        formats.push_back(static_cast<PixelFormat>(i));
    return formats;
}

bool is_float(const PixelFormatInfo& i) {
    return i.sample_type == SampleType::F16 || i.sample_type == SampleType::F32;
}

// Packed float RGB arrived in FFmpeg 6.0/6.1 under these names; 5.1 lacks them.
bool newer_than_ffmpeg_51(PixelFormat f) {
    return f == PixelFormat::RgbaHalf || f == PixelFormat::RgbaFloat || f == PixelFormat::RgbFloat;
}

TEST(PixelFormat, EveryFormatHasItsOwnRow) {
    std::set<std::string_view> names;
    for (PixelFormat f : all_formats()) {
        const PixelFormatInfo& i = info(f);
        EXPECT_EQ(i.format, f);
        EXPECT_FALSE(i.name.empty());
        EXPECT_TRUE(names.insert(i.name).second) << "duplicate name " << i.name;
        EXPECT_EQ(pixel_format_from_name(i.name), f) << i.name;
        EXPECT_EQ(i.bytes_per_sample * 8 >= i.bit_depth, true) << i.name;
        EXPECT_EQ(i.is_packed, i.planes == 1 && i.components > 1) << i.name;
    }
}

TEST(PixelFormat, UnknownNamesAreRejected) {
    for (const char* name :
         {"", "YUV420P", "yuv420p10be", "yuv420p10", "nv12", "yuvj420p", " rgb24"})
        EXPECT_FALSE(pixel_format_from_name(name).has_value()) << name;
}

TEST(PixelFormat, MatchesLibavutilDescriptors) {
    for (PixelFormat f : all_formats()) {
        const PixelFormatInfo& i = info(f);
        const AVPixelFormat av = av_get_pix_fmt(std::string(i.name).c_str());
        if (av == AV_PIX_FMT_NONE) {
            EXPECT_TRUE(newer_than_ffmpeg_51(f)) << i.name << " is not an FFmpeg name";
            continue;
        }
        const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(av);
        ASSERT_NE(d, nullptr);
        EXPECT_STREQ(d->name, std::string(i.name).c_str());
        EXPECT_EQ(i.planes, av_pix_fmt_count_planes(av)) << i.name;
        EXPECT_EQ(i.components, d->nb_components) << i.name;
        EXPECT_EQ(i.log2_chroma_w, d->log2_chroma_w) << i.name;
        EXPECT_EQ(i.log2_chroma_h, d->log2_chroma_h) << i.name;
        EXPECT_EQ(i.has_alpha, (d->flags & AV_PIX_FMT_FLAG_ALPHA) != 0) << i.name;
        EXPECT_EQ(i.is_rgb, (d->flags & AV_PIX_FMT_FLAG_RGB) != 0) << i.name;
        EXPECT_EQ(i.is_yuv, !i.is_rgb && d->nb_components >= 3) << i.name;
        EXPECT_EQ(is_float(i), (d->flags & AV_PIX_FMT_FLAG_FLOAT) != 0) << i.name;
        EXPECT_EQ(i.is_packed, !(d->flags & AV_PIX_FMT_FLAG_PLANAR) && d->nb_components > 1);
        for (int c = 0; c < d->nb_components; ++c) {
            EXPECT_EQ(d->comp[c].depth, i.bit_depth) << i.name << " component " << c;
            EXPECT_EQ(d->comp[c].shift, 0) << i.name << ": samples are LSB-aligned";
            EXPECT_EQ(d->comp[c].step, i.bytes_per_sample * i.components_in_plane(d->comp[c].plane))
                << i.name << " component " << c;
        }
    }
}

// av_image_fill_linesizes (align 1) and av_image_fill_plane_sizes give the minimum layout.
TEST(PixelFormat, PlaneSizesMatchLibavutilForOddDimensions) {
    const int sizes[] = {1, 2, 3, 5, 17, 63, 720, 1081, 1919, 4097};
    for (PixelFormat f : all_formats()) {
        const PixelFormatInfo& i = info(f);
        const AVPixelFormat av = av_get_pix_fmt(std::string(i.name).c_str());
        if (av == AV_PIX_FMT_NONE) continue;
        for (int w : sizes)
            for (int h : sizes) {
                int linesizes[4] = {};
                ASSERT_GE(av_image_fill_linesizes(linesizes, av, w), 0);
                std::size_t plane_bytes[4] = {};
                const ptrdiff_t lines[4] = {linesizes[0], linesizes[1], linesizes[2], linesizes[3]};
                ASSERT_GE(av_image_fill_plane_sizes(plane_bytes, av, h, lines), 0);
                for (int p = 0; p < 4; ++p) {
                    EXPECT_EQ(i.plane_row_bytes(p, w), linesizes[p])
                        << i.name << " " << w << "x" << h;
                    const int64_t bytes = i.plane_row_bytes(p, w) * i.plane_height(p, h);
                    EXPECT_EQ(bytes, static_cast<int64_t>(plane_bytes[p]))
                        << i.name << " " << w << "x" << h;
                }
            }
    }
}

TEST(PixelFormat, ChromaPlanesRoundUp) {
    const PixelFormatInfo& yuv420 = info(PixelFormat::Yuv420p10);
    EXPECT_EQ(yuv420.plane_width(0, 1919), 1919);
    EXPECT_EQ(yuv420.plane_width(1, 1919), 960);
    EXPECT_EQ(yuv420.plane_height(2, 1081), 541);
    EXPECT_EQ(yuv420.plane_row_bytes(1, 1919), 1920);
    const PixelFormatInfo& yuv422 = info(PixelFormat::Yuv422p8);
    EXPECT_EQ(yuv422.plane_width(1, 3), 2);
    EXPECT_EQ(yuv422.plane_height(1, 3), 3);
    const PixelFormatInfo& yuva = info(PixelFormat::Yuva444p12);
    EXPECT_EQ(yuva.plane_width(3, 7), 7);  // alpha is full size
}

TEST(PixelFormat, FloatFormatsHaveTheirOwnLayout) {
    const PixelFormatInfo& half = info(PixelFormat::RgbaHalf);
    EXPECT_EQ(half.name, "rgbaf16le");
    EXPECT_EQ(half.plane_row_bytes(0, 3), 3 * 4 * 2);
    EXPECT_TRUE(half.has_alpha);
    const PixelFormatInfo& rgbaf = info(PixelFormat::RgbaFloat);
    EXPECT_EQ(rgbaf.name, "rgbaf32le");
    EXPECT_EQ(rgbaf.plane_row_bytes(0, 3), 3 * 4 * 4);
    const PixelFormatInfo& rgbf = info(PixelFormat::RgbFloat);
    EXPECT_EQ(rgbf.name, "rgbf32le");
    EXPECT_EQ(rgbf.plane_row_bytes(0, 5), 5 * 3 * 4);
    EXPECT_FALSE(rgbf.has_alpha);
    EXPECT_EQ(rgbf.sample_type, SampleType::F32);
}

TEST(PixelFormat, PlanesOutsideTheFormatAreEmpty) {
    const PixelFormatInfo& rgb = info(PixelFormat::Rgb8);
    EXPECT_EQ(rgb.components_in_plane(0), 3);
    EXPECT_EQ(rgb.components_in_plane(1), 0);
    EXPECT_EQ(rgb.plane_width(1, 100), 0);
    EXPECT_EQ(rgb.plane_row_bytes(-1, 100), 0);
    EXPECT_EQ(rgb.plane_row_bytes(0, 0), 0);
    EXPECT_EQ(rgb.plane_height(0, -5), 0);
    EXPECT_EQ(info(PixelFormat::Gbrp10).components_in_plane(2), 1);
}

TEST(PixelFormat, ChromaSubsamplingLabels) {
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Yuv420p8), "4:2:0");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Yuv422p10), "4:2:2");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Yuv444p16), "4:4:4");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Yuva444p12), "4:4:4");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Gbrp12), "");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Rgba16), "");
    EXPECT_EQ(chroma_subsampling_label(PixelFormat::Gray10), "");
}

}  // namespace
}  // namespace media
