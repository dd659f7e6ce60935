// SPDX-License-Identifier: Apache-2.0
// PictureDetector: per-frame measures in, segments and stream extremes out.
#include "media/analysis/picture_detectors.h"

#include <gtest/gtest.h>

namespace media::analysis {
namespace {

VideoMeasures levels(double below, double above, double chroma = 0.0, double gamut = 0.0) {
    VideoMeasures m;
    m.levels.luma_below = below;
    m.levels.luma_above = above;
    m.levels.chroma_outside = chroma;
    m.levels.rgb_outside = gamut;
    m.blockiness = 1.0;
    return m;
}

TEST(PictureDetector, FlagsSharesAboveTheToleratedShare) {
    PictureDetectorOptions options;
    options.luma_share = 0.01;  // some broadcasters allow 1 % outside R103
    options.min_frames = 2;
    PictureDetector detector(options);
    for (int64_t f = 0; f < 10; ++f) {
        double above = 0.0;
        if (f >= 3 && f <= 5) above = f == 4 ? 0.05 : 0.02;
        if (f == 8) above = 0.5;   // one frame: shorter than min_frames
        if (f == 9) above = 0.01;  // at the tolerated share: not flagged
        detector.add(f, levels(0.0, above, f == 1 ? 0.2 : 0.0, f == 2 ? 0.1 : 0.0));
    }
    const PictureResult r = detector.finish();
    ASSERT_EQ(r.luma_above.size(), 1u);
    EXPECT_EQ(r.luma_above[0].first, 3);
    EXPECT_EQ(r.luma_above[0].last, 5);
    EXPECT_DOUBLE_EQ(r.luma_above[0].value, 0.05);
    EXPECT_FALSE(r.luma_above[0].detail.empty());
    EXPECT_TRUE(r.luma_below.empty());
    EXPECT_TRUE(r.chroma_outside.empty());  // one frame only
    EXPECT_TRUE(r.gamut_outside.empty());
}

TEST(PictureDetector, ZeroToleranceFlagsAnySample) {
    PictureDetector detector(PictureDetectorOptions{});
    detector.add(0, levels(0.0, 0.0));
    detector.add(1, levels(1e-6, 0.0, 1e-6, 1e-6));
    detector.add(2, levels(0.0, 0.0));
    const PictureResult r = detector.finish();
    ASSERT_EQ(r.luma_below.size(), 1u);
    EXPECT_EQ(r.luma_below[0].first, 1);
    EXPECT_EQ(r.chroma_outside.size(), 1u);
    EXPECT_EQ(r.gamut_outside.size(), 1u);
}

TEST(PictureDetector, NonFiniteAndBlockySegments) {
    PictureDetectorOptions options;
    options.blockiness_limit = 1.5;
    PictureDetector detector(options);
    for (int64_t f = 0; f < 6; ++f) {
        VideoMeasures m = levels(0, 0);
        m.nonfinite = f == 2 || f == 3 ? 7 * f : 0;
        m.blockiness = f >= 4 ? 2.0 + static_cast<double>(f) : 1.2;
        detector.add(f, m);
    }
    const PictureResult r = detector.finish();
    ASSERT_EQ(r.nonfinite.size(), 1u);
    EXPECT_EQ(r.nonfinite[0].first, 2);
    EXPECT_EQ(r.nonfinite[0].last, 3);
    EXPECT_EQ(r.nonfinite[0].value, 21);
    ASSERT_EQ(r.blocky.size(), 1u);
    EXPECT_EQ(r.blocky[0].first, 4);
    EXPECT_EQ(r.blocky[0].value, 7.0);
}

TEST(PictureDetector, ActiveAreaSegmentsSpanBlackFrames) {
    const ActiveArea scope{0, 138, 1920, 804}, full{0, 0, 1920, 1080}, black{};
    PictureDetector detector(PictureDetectorOptions{});
    const ActiveArea areas[] = {black, black, scope, scope, black, scope, full, full};
    for (int64_t f = 0; f < 8; ++f) {
        VideoMeasures m;
        m.active = areas[f];
        detector.add(f, m);
    }
    const PictureResult r = detector.finish();
    ASSERT_EQ(r.active_area.size(), 2u);
    EXPECT_EQ(r.active_area[0].first, 0);  // the leading black frames join the first picture
    EXPECT_EQ(r.active_area[0].last, 5);
    EXPECT_EQ(r.active_area[0].area, scope);
    EXPECT_EQ(r.active_area[1].first, 6);
    EXPECT_EQ(r.active_area[1].last, 7);
    EXPECT_EQ(r.active_area[1].area, full);
}

TEST(PictureDetector, LightLevelsOverTheStream) {
    PictureDetector detector(PictureDetectorOptions{});
    const double cll[] = {100, 950, 400, 0};
    const double fall[] = {80, 90, 300, 0};
    for (int64_t f = 0; f < 4; ++f) {
        VideoMeasures m;
        m.light = LightLevel{cll[f], fall[f], true};
        detector.add(f, m);
    }
    VideoMeasures sdr;  // not PQ: not counted
    sdr.light.max_cll = 5000;
    detector.add(4, sdr);
    const PictureResult r = detector.finish();
    EXPECT_EQ(r.light.pq_frames, 4);
    EXPECT_EQ(r.light.max_cll, 950);
    EXPECT_EQ(r.light.max_cll_frame, 1);
    EXPECT_EQ(r.light.max_fall, 300);
    EXPECT_EQ(r.light.max_fall_frame, 2);
}

TEST(PictureDetector, NoPqFramesLeaveLightEmpty) {
    PictureDetector detector(PictureDetectorOptions{});
    detector.add(0, VideoMeasures{});
    const PictureResult r = detector.finish();
    EXPECT_EQ(r.light.pq_frames, 0);
    EXPECT_EQ(r.light.max_cll_frame, -1);
    EXPECT_EQ(r.light.max_cll, 0);
}

TEST(PictureDetector, LumaExtremesAndReuse) {
    PictureDetector detector(PictureDetectorOptions{});
    const double lo[] = {5.0, -2.0, 10.0}, hi[] = {90.0, 104.5, 99.0};
    for (int64_t f = 0; f < 3; ++f) {
        VideoMeasures m;
        m.levels.luma_min_percent = lo[f];
        m.levels.luma_max_percent = hi[f];
        detector.add(f, m);
    }
    const PictureResult r = detector.finish();
    EXPECT_EQ(r.luma_min_percent, -2.0);
    EXPECT_EQ(r.luma_max_percent, 104.5);
    // finish() leaves the detector empty for the next stream.
    VideoMeasures m;
    m.levels.luma_min_percent = 50.0;
    m.levels.luma_max_percent = 60.0;
    detector.add(0, m);
    const PictureResult again = detector.finish();
    EXPECT_EQ(again.luma_min_percent, 50.0);
    EXPECT_EQ(again.active_area.size(), 1u);
}

}  // namespace
}  // namespace media::analysis
