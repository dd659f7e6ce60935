// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "media/analysis/temporal.h"

namespace media::analysis {
namespace {

constexpr double kFrame = 1.0 / 25.0;

// Smooth motion: frame differences near 0.02 with a little variation, as real footage has.
std::vector<double> moving(size_t n) {
    std::vector<double> mafd(n);
    for (size_t i = 0; i < n; ++i) mafd[i] = 0.02 + 0.002 * double(i % 3);
    return mafd;
}

struct Stream {
    std::vector<double> mafd;
    std::vector<std::optional<double>> pts;  // empty: frame i at i * kFrame
    std::vector<int> repeated_field;         // empty: none
};

CadenceResult run(const Stream& s, const CadenceOptions& options = {}) {
    CadenceDetector detector(options);
    for (size_t i = 0; i < s.mafd.size(); ++i) {
        VideoMeasures m;
        m.mafd = s.mafd[i];
        const std::optional<double> pts = s.pts.empty() ? double(i) * kFrame : s.pts[i];
        detector.add(int64_t(i), m, pts, kFrame,
                     s.repeated_field.empty() ? 0 : s.repeated_field[i]);
    }
    return detector.finish();
}

TEST(CadenceDetector, CleanMotionHasNoFindings) {
    const CadenceResult r = run({moving(200), {}, {}});
    EXPECT_TRUE(r.repeated_frames.empty());
    EXPECT_TRUE(r.dropped.empty());
    EXPECT_EQ(r.pattern, "none");
    EXPECT_EQ(r.pattern_frames, 0);
}

TEST(CadenceDetector, FindsASingleRepeatedFrameButNotAFreeze) {
    Stream s{moving(100), {}, {}};
    s.mafd[30] = 0.0;                                       // one duplicate
    for (int i = 60; i < 64; ++i) s.mafd[size_t(i)] = 0.0;  // a freeze: FreezeDetector's business
    s.mafd[99] = 0.0;  // the last frame has no successor to show it is single
    const CadenceResult r = run(s);
    EXPECT_EQ(r.repeated_frames, std::vector<int64_t>{30});
    EXPECT_TRUE(r.dropped.empty());
}

TEST(CadenceDetector, NoiseThresholdIsInclusive) {
    Stream s{moving(40), {}, {}};
    s.mafd[20] = 0.001;
    s.mafd[30] = 0.0011;
    EXPECT_EQ(run(s).repeated_frames, std::vector<int64_t>{20});
}

TEST(CadenceDetector, FindsAPtsGapAndEstimatesMissingFrames) {
    Stream s{moving(60), {}, {}};
    for (size_t i = 0; i < s.mafd.size(); ++i)
        s.pts.push_back(double(i + (i >= 40 ? 3 : 0)) * kFrame);
    const CadenceResult r = run(s);
    ASSERT_EQ(r.dropped.size(), 1u);
    EXPECT_EQ(r.dropped[0].first, 39);
    EXPECT_EQ(r.dropped[0].last, 40);
    EXPECT_DOUBLE_EQ(r.dropped[0].value, 3.0);
}

TEST(CadenceDetector, HalfAFrameOfJitterIsNoGapAndUnknownPtsIsIgnored) {
    Stream s{moving(30), {}, {}};
    for (size_t i = 0; i < s.mafd.size(); ++i) s.pts.push_back(double(i) * kFrame);
    s.pts[10] = *s.pts[10] + 0.45 * kFrame;  // steps of 1.45 and 0.55 frames
    s.pts[20] = std::nullopt;
    EXPECT_TRUE(run(s).dropped.empty());
}

TEST(CadenceDetector, FindsAnIsolatedMotionJump) {
    Stream s{moving(80), {}, {}};
    s.mafd[50] = 0.105;  // five frames' worth of motion: four missing
    const CadenceResult r = run(s);
    ASSERT_EQ(r.dropped.size(), 1u);
    EXPECT_EQ(r.dropped[0].first, 49);
    EXPECT_EQ(r.dropped[0].last, 50);
    EXPECT_DOUBLE_EQ(r.dropped[0].value, 4.0);
}

// Scene cuts and the edges of freezes, black runs and flashes are no dropped frames.
TEST(CadenceDetector, IgnoresCutsAndTheEdgesOfHeldPictures) {
    Stream s{moving(120), {}, {}};
    s.mafd[30] = 0.5;                                        // a cut: 24x the median
    for (int i = 61; i <= 70; ++i) s.mafd[size_t(i)] = 0.0;  // a freeze...
    s.mafd[71] = 0.1;                                        // ...that catches up
    s.mafd[90] = 0.1;                                        // a jump into a held picture
    s.mafd[91] = 0.0;
    const CadenceResult r = run(s);
    EXPECT_TRUE(r.dropped.empty());
}

// A letterbox appearing or a fade step changes the picture, not its timing.
TEST(CadenceDetector, IgnoresJumpsThatReframeOrShiftTheMeanLevel) {
    CadenceDetector detector({});
    for (int64_t i = 0; i < 80; ++i) {
        VideoMeasures m;
        m.mafd = 0.02;
        m.stats.y.avg = 128.0;
        m.active = ActiveArea{0, 0, 320, 240};
        if (i >= 30 && i < 50) m.active = ActiveArea{0, 30, 320, 180};
        if (i == 30 || i == 50) m.mafd = 0.1;
        if (i >= 65) m.stats.y.avg = 100.0;
        if (i == 65) m.mafd = 0.1;  // mean moved by 0.11 of full scale
        detector.add(i, m, double(i) * kFrame, kFrame, 0);
    }
    EXPECT_TRUE(detector.finish().dropped.empty());
}

TEST(CadenceDetector, AJumpCoveredByAPtsGapIsReportedOnce) {
    Stream s{moving(60), {}, {}};
    for (size_t i = 0; i < s.mafd.size(); ++i)
        s.pts.push_back(double(i + (i >= 40 ? 4 : 0)) * kFrame);
    s.mafd[40] = 0.1;
    const CadenceResult r = run(s);
    ASSERT_EQ(r.dropped.size(), 1u);
    EXPECT_EQ(r.dropped[0].detail, "pts gap");
}

// ffmpeg's telecine (pattern 23) seen by idet: top repeated on the 3rd frame of each 5, bottom
// on the 5th.
TEST(CadenceDetector, FindsTwoThreePulldownFromRepeatedFields) {
    Stream s{moving(100), {}, {}};
    for (size_t i = 0; i < 100; ++i)
        s.repeated_field.push_back(i % 5 == 2 ? 1 : i % 5 == 4 ? 2 : 0);
    const CadenceResult r = run(s);
    EXPECT_EQ(r.pattern, "2:3 pulldown");
    EXPECT_EQ(r.pattern_frames, 91);  // every frame once two whole periods are in view
}

TEST(CadenceDetector, ABrokenPulldownCadenceFollowsThePatternLess) {
    Stream s{moving(100), {}, {}};
    for (size_t i = 0; i < 100; ++i)
        s.repeated_field.push_back((i < 50 ? i : i + 1) % 5 == 2   ? 1
                                   : (i < 50 ? i : i + 1) % 5 == 4 ? 2
                                                                   : 0);
    const CadenceResult r = run(s);
    EXPECT_EQ(r.pattern, "2:3 pulldown");
    EXPECT_LT(r.pattern_frames, 91);  // the edit at frame 50 breaks the cadence for a while
    EXPECT_GT(r.pattern_frames, 70);
}

TEST(CadenceDetector, FindsEveryPictureHeldTwice) {
    Stream s{moving(60), {}, {}};
    for (size_t i = 1; i < 60; i += 2) s.mafd[i] = 0.0;
    const CadenceResult r = run(s);
    EXPECT_EQ(r.pattern, "2:2");
    EXPECT_EQ(r.pattern_frames, 58);
}

TEST(CadenceDetector, ScatteredRepeatsAreIrregular) {
    Stream s{moving(100), {}, {}};
    s.repeated_field.assign(100, 0);
    s.repeated_field[17] = 1;
    s.repeated_field[58] = 2;
    s.mafd[80] = 0.0;
    const CadenceResult r = run(s);
    EXPECT_EQ(r.pattern, "irregular");
    EXPECT_EQ(r.pattern_frames, 0);
}

}  // namespace
}  // namespace media::analysis
