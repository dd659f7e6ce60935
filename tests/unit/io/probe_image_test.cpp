// SPDX-License-Identifier: Apache-2.0
// probe() on the reference EXR and DPX images; the expected facts are those `oiiotool --info -v`
// prints for the same files.
#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "media/io/probe.h"

namespace media {
namespace {

const std::string kMedia = std::string(SLATE_SHARED_DIR) + "/reference/media/";

MediaInfo probe_ok(const std::string& path) {
    auto info = probe(path);
    EXPECT_TRUE(info) << info.error().to_string();
    return info ? *info : MediaInfo{};
}

TEST(ProbeImage, ExrHeaderFacts) {
    MediaInfo info = probe_ok(kMedia + "openexr-images/TestImages/GammaChart.exr");
    ASSERT_TRUE(info.image);
    EXPECT_EQ(info.format, "openexr");
    EXPECT_FALSE(info.sequence);
    EXPECT_EQ(info.image->channels, 3);
    EXPECT_EQ(info.image->channel_names, (std::vector<std::string>{"R", "G", "B"}));
    EXPECT_EQ(info.image->data_type, "half");
    EXPECT_EQ(info.image->compression, "pxr24");
    ASSERT_EQ(info.streams.size(), 1u);
    const StreamInfo& s = info.streams[0];
    EXPECT_EQ(s.codec, "exr");
    ASSERT_TRUE(s.video);
    EXPECT_EQ(s.video->width, 800);
    EXPECT_EQ(s.video->height, 800);
    EXPECT_EQ(s.video->bit_depth, 16);
    EXPECT_EQ(s.video->pixel_format, "rgb half");
}

TEST(ProbeImage, ExrChromaticities) {
    MediaInfo info = probe_ok(kMedia + "openexr-images/TestImages/WideColorGamut.exr");
    ASSERT_TRUE(info.image && info.image->chromaticities);
    const auto& c = *info.image->chromaticities;
    EXPECT_NEAR(c[0], 0.64, 1e-6);
    EXPECT_NEAR(c[3], 0.6, 1e-6);
    EXPECT_NEAR(c[7], 0.329, 1e-6);
    EXPECT_EQ(info.image->compression, "zip");
}

TEST(ProbeImage, DpxHeaderFacts) {
    MediaInfo info = probe_ok(kMedia + "oiio-images/dpx/dpx_nuke_10bits_rgb.dpx");
    ASSERT_TRUE(info.image);
    EXPECT_EQ(info.format, "dpx");
    EXPECT_EQ(info.image->data_type, "uint10");
    EXPECT_EQ(info.image->transfer, "User defined");
    EXPECT_EQ(info.start_timecode, "00:00:00:00");
    ASSERT_TRUE(info.streams.at(0).video);
    EXPECT_EQ(info.streams[0].codec, "dpx");
    EXPECT_EQ(info.streams[0].video->width, 512);
    EXPECT_EQ(info.streams[0].video->bit_depth, 10);
    MediaInfo rgba = probe_ok(kMedia + "oiio-images/dpx/dpx_nuke_16bits_rgba.dpx");
    ASSERT_TRUE(rgba.image);
    EXPECT_EQ(rgba.image->channels, 4);
    EXPECT_EQ(rgba.streams.at(0).video->pixel_format, "rgba uint10");
}

TEST(ProbeImage, ExrSequenceWithDataWindow) {
    MediaInfo info = probe_ok(kMedia + "openexr-images/Beachball/singlepart.####.exr");
    ASSERT_TRUE(info.sequence);
    EXPECT_EQ(info.sequence->first_frame, 1);
    EXPECT_EQ(info.sequence->last_frame, 8);
    EXPECT_EQ(info.sequence->frame_count, 8);
    EXPECT_TRUE(info.sequence->missing_frames.empty());
    EXPECT_EQ(info.sequence->channels, 20);
    EXPECT_EQ(info.sequence->data_type, "half");
    EXPECT_EQ(info.sequence->compression, "zips");
    EXPECT_EQ(info.sequence->pattern, kMedia + "openexr-images/Beachball/singlepart.%04d.exr");
    ASSERT_EQ(info.streams.size(), 1u);
    EXPECT_EQ(info.streams[0].frame_count, 8);
    // The display window, not the 911x876 data window.
    EXPECT_EQ(info.streams[0].video->width, 2048);
    EXPECT_EQ(info.streams[0].video->height, 1556);
}

TEST(ProbeImage, SequenceGapsAreListed) {
    std::random_device seed;
    auto dir = std::filesystem::temp_directory_path() /
               ("slate-probe-seq-" + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(dir);
    const std::string source = kMedia + "openexr-images/Beachball/singlepart.000";
    for (int frame : {1, 2, 5})
        std::filesystem::create_symlink(source + std::to_string(frame) + ".exr",
                                        dir / ("plate." + std::to_string(100 + frame) + ".exr"));
    auto info = probe((dir / "plate.%d.exr").string());
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(info) << info.error().to_string();
    ASSERT_TRUE(info->sequence);
    EXPECT_EQ(info->sequence->first_frame, 101);
    EXPECT_EQ(info->sequence->last_frame, 105);
    EXPECT_EQ(info->sequence->missing_frames, (std::vector<int64_t>{103, 104}));
}

TEST(ProbeImage, PatternWithoutFilesIsNotFound) {
    auto info = probe(kMedia + "openexr-images/Beachball/nothing.%04d.exr");
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code(), ErrorCode::NotFound);
    EXPECT_NE(info.error().to_string().find("nothing.%04d.exr"), std::string::npos);
}

}  // namespace
}  // namespace media
