// SPDX-License-Identifier: Apache-2.0
// DeviceVideoMeasurer's host half (configuration, finishing, the mapping into VideoMeasures)
// around the kernel's scalar reference must give exactly what measure_video gives: every field
// of VideoMeasures, compared as doubles. On a GPU the kernel is then checked against the same
// reference by slate-gpu-selftest, which closes the chain. Also: the device path's refusals.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analysis/video_measure_device_internal.h"
#include "media/analysis/video_measure.h"
#include "media/analysis/video_measure_device.h"
#include "media/core/device.h"
#include "media/frame/frame.h"

namespace media::analysis {
namespace {

Frame random_frame(PixelFormat format, int w, int h, ColorRange range, MatrixCoefficients matrix,
                   uint32_t seed, int spread) {
    ColorInfo color;
    color.range = range;
    color.matrix = matrix;
    auto frame = Frame::allocate(FrameSpec{w, h, format, color});
    EXPECT_TRUE(frame);
    std::mt19937 rng(seed);
    const PixelFormatInfo& fi = info(format);
    const int top = (1 << fi.bit_depth) - 1;
    for (int p = 0; p < frame->plane_count(); ++p) {
        const int centre = p == 0 ? top / 3 : (top + 1) / 2;
        std::uniform_int_distribution<int> jitter(-spread, spread);
        for (int y = 0; y < fi.plane_height(p, h); ++y)
            for (int x = 0; x < fi.plane_width(p, w); ++x) {
                // Letterbox rows at the top and bottom (black), texture elsewhere.
                const bool border = p == 0 && (y < h / 8 || y >= h - h / 8);
                const int v = border ? (range == ColorRange::Full ? 0 : 16 << (fi.bit_depth - 8))
                                     : std::clamp(centre + jitter(rng) + x * 3, 0, top);
                if (fi.bytes_per_sample == 1)
                    frame->mutable_plane<uint8_t>(p).row(y)[x] = static_cast<uint8_t>(v);
                else
                    frame->mutable_plane<uint16_t>(p).row(y)[x] = static_cast<uint16_t>(v);
            }
    }
    return *frame;
}

void expect_same(const VideoMeasures& got, const VideoMeasures& want, const std::string& what) {
    const auto planes = [&](const PlaneStats& a, const PlaneStats& b, const char* name) {
        EXPECT_EQ(a.min, b.min) << what << " " << name << " min";
        EXPECT_EQ(a.low, b.low) << what << " " << name << " low";
        EXPECT_EQ(a.avg, b.avg) << what << " " << name << " avg";
        EXPECT_EQ(a.high, b.high) << what << " " << name << " high";
        EXPECT_EQ(a.max, b.max) << what << " " << name << " max";
    };
    const SignalStats& s = got.stats;
    const SignalStats& t = want.stats;
    EXPECT_EQ(s.bit_depth, t.bit_depth) << what;
    planes(s.y, t.y, "Y");
    planes(s.u, t.u, "U");
    planes(s.v, t.v, "V");
    EXPECT_EQ(s.sat_avg, t.sat_avg) << what << " SATAVG";
    EXPECT_EQ(s.sat_max, t.sat_max) << what << " SATMAX";
    EXPECT_EQ(s.hue_avg, t.hue_avg) << what << " HUEAVG";
    EXPECT_EQ(s.ydif, t.ydif) << what << " YDIF";
    EXPECT_EQ(s.udif, t.udif) << what << " UDIF";
    EXPECT_EQ(s.vdif, t.vdif) << what << " VDIF";
    EXPECT_EQ(s.tout, t.tout) << what << " TOUT";
    EXPECT_EQ(s.vrep, t.vrep) << what << " VREP";
    EXPECT_EQ(s.brng, t.brng) << what << " BRNG";
    const LevelsMeasure& l = got.levels;
    const LevelsMeasure& k = want.levels;
    EXPECT_EQ(l.luma_below, k.luma_below) << what;
    EXPECT_EQ(l.luma_above, k.luma_above) << what;
    EXPECT_EQ(l.chroma_outside, k.chroma_outside) << what;
    EXPECT_EQ(l.rgb_outside, k.rgb_outside) << what << " rgb_outside";
    EXPECT_EQ(l.black_share, k.black_share) << what;
    EXPECT_EQ(l.luma_min_percent, k.luma_min_percent) << what;
    EXPECT_EQ(l.luma_max_percent, k.luma_max_percent) << what;
    EXPECT_EQ(got.active, want.active) << what << " active area";
    EXPECT_EQ(got.mafd, want.mafd) << what << " mafd";
    EXPECT_EQ(got.blockiness, want.blockiness) << what << " blockiness";
    EXPECT_EQ(got.nonfinite, want.nonfinite) << what;
    EXPECT_EQ(got.light.measured, want.light.measured) << what;
}

struct Case {
    PixelFormat format;
    ColorRange range;
    MatrixCoefficients matrix;
};

TEST(MeasureDevicePath, ReferenceThroughTheDevicePathEqualsMeasureVideo) {
    const Case cases[] = {
        {PixelFormat::Yuv420p8, ColorRange::Limited, MatrixCoefficients::BT709},
        {PixelFormat::Yuv422p10, ColorRange::Limited, MatrixCoefficients::BT709},
        {PixelFormat::Yuv420p10, ColorRange::Full, MatrixCoefficients::BT2020_NCL},
        {PixelFormat::Yuv444p12, ColorRange::Limited, MatrixCoefficients::SMPTE170M},
        {PixelFormat::Yuv422p16, ColorRange::Full, MatrixCoefficients::Unspecified},
    };
    VideoMeasureOptions lean;
    lean.signal_stats_detail = false;
    lean.blockiness = false;
    VideoMeasureOptions strict;
    strict.black_pixel_threshold = 0.2;
    strict.gamut_tolerance = 0.0;
    strict.letterbox_threshold = 0.2;
    const VideoMeasureOptions option_sets[] = {VideoMeasureOptions{}, lean, strict};
    uint32_t seed = 7;
    for (const Case& c : cases) {
        for (const auto& options : option_sets) {
            for (const auto& [w, h] : {std::pair{64, 36}, std::pair{33, 17}}) {
                const Frame previous = random_frame(c.format, w, h, c.range, c.matrix, seed++, 60);
                const Frame frame = random_frame(c.format, w, h, c.range, c.matrix, seed++, 300);
                const std::string what = fmt::format("{} {}x{} range {}", info(c.format).name, w, h,
                                                     static_cast<int>(c.range));
                ASSERT_TRUE(detail::device_measurable(frame, options)) << what;
                for (const Frame* prev : {static_cast<const Frame*>(nullptr), &previous}) {
                    auto want = measure_video(frame, prev, options);
                    auto got = detail::measure_video_reference(frame, prev, options);
                    ASSERT_TRUE(want && got) << what;
                    expect_same(*got, *want, what + (prev ? " with previous" : " first frame"));
                }
            }
        }
    }
}

TEST(MeasureDevicePath, FramesTheKernelsDoNotTakeStayOnTheCpu) {
    VideoMeasureOptions options;
    auto rgb = Frame::allocate(FrameSpec{8, 8, PixelFormat::Rgb16, {}});
    auto alpha = Frame::allocate(FrameSpec{8, 8, PixelFormat::Yuva444p12, {}});
    ASSERT_TRUE(rgb && alpha);
    EXPECT_FALSE(detail::device_measurable(*rgb, options));
    EXPECT_FALSE(detail::device_measurable(*alpha, options));
    ColorInfo pq;
    pq.transfer = TransferCharacteristic::SMPTE2084;
    auto hdr = Frame::allocate(FrameSpec{8, 8, PixelFormat::Yuv420p10, pq});
    ASSERT_TRUE(hdr);
    EXPECT_FALSE(detail::device_measurable(*hdr, options)) << "PQ light level needs the CPU";
    options.light_level = false;
    EXPECT_TRUE(detail::device_measurable(*hdr, options));
    // A predecessor of another size counts as none, as in measure_video.
    auto small = Frame::allocate(FrameSpec{4, 4, PixelFormat::Yuv420p10, pq});
    ASSERT_TRUE(small);
    EXPECT_EQ(detail::usable_previous_frame(*hdr, &*small), nullptr);
}

TEST(MeasureDevicePath, NoDeviceIsADeviceError) {
    if (!cuda_devices().empty()) GTEST_SKIP() << "a CUDA device is present";
    auto measurer = DeviceVideoMeasurer::create(0);
    ASSERT_FALSE(measurer);
    EXPECT_EQ(measurer.error().code(), ErrorCode::DeviceError);
}

}  // namespace
}  // namespace media::analysis
