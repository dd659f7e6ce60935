// SPDX-License-Identifier: Apache-2.0
// Raw video descriptions ("WxH[:pixfmt[:rate]]") and reading a headerless .yuv through them.
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/io/media_source.h"
#include "scratch_dir.h"

namespace media {
namespace {

TEST(RawVideoFormat, ParsesSizeFormatAndRate) {
    auto f = parse_raw_video_format("576x324");
    ASSERT_TRUE(f) << f.error().message();
    EXPECT_EQ(f->width, 576);
    EXPECT_EQ(f->height, 324);
    EXPECT_EQ(f->format, PixelFormat::Yuv420p8);
    EXPECT_EQ(f->rate, Rational(24, 1));
    f = parse_raw_video_format("1920x1080:yuv422p10le:30000/1001");
    ASSERT_TRUE(f) << f.error().message();
    EXPECT_EQ(f->format, PixelFormat::Yuv422p10);
    EXPECT_EQ(f->rate, Rational(30000, 1001));
    f = parse_raw_video_format("64x32:yuv420p10le:23.976");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->rate, Rational(24000, 1001));
}

TEST(RawVideoFormat, RejectsWhatCannotBeRead) {
    for (const char* bad :
         {"", "576", "576x", "x324", "0x324", "576x-2", "576x324:nope", "576x324:yuv420p:0",
          "576x324:yuv420p:abc", "576x324:yuv420p:24:9", "576y324", "99999999x2"}) {
        auto f = parse_raw_video_format(bad);
        EXPECT_FALSE(f) << bad;
        if (!f) {
            EXPECT_NE(f.error().message().find("WxH"), std::string::npos) << bad;
        }
    }
}

TEST(RawVideoFormat, MediaSourceReadsAHeaderlessFileFrameByFrame) {
    test::ScratchDir dir;
    const std::string path = dir.file("three.yuv");
    {
        std::ofstream out(path, std::ios::binary);
        for (int frame = 0; frame < 3; ++frame) {
            std::vector<char> bytes(16 * 8 + 2 * 8 * 4, static_cast<char>(frame * 10 + 16));
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
    }
    SourceOptions options;
    options.raw_video = RawVideoFormat{16, 8, PixelFormat::Yuv420p8, Rational(25, 1)};
    auto source = MediaSource::open(path, options);
    ASSERT_TRUE(source) << source.error().message();
    EXPECT_EQ(source->summary().video.width, 16);
    EXPECT_EQ(source->summary().frame_rate, Rational(25, 1));
    for (int frame = 0; frame < 3; ++frame) {
        auto next = source->next_video_frame();
        ASSERT_TRUE(next && *next);
        EXPECT_EQ((*next)->plane<uint8_t>(0).row(3)[5], frame * 10 + 16);
    }
    auto end = source->next_video_frame();
    ASSERT_TRUE(end);
    EXPECT_FALSE(end->has_value());
}

}  // namespace
}  // namespace media
