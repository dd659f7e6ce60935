// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/temporal.h"

#include <gtest/gtest.h>

#include <vector>

namespace media::analysis {
namespace {

VideoMeasures with_black_share(double share) {
    VideoMeasures m;
    m.levels.black_share = share;
    return m;
}

VideoMeasures with_mafd(double mafd) {
    VideoMeasures m;
    m.mafd = mafd;
    return m;
}

std::vector<Segment> black_runs(const std::vector<double>& shares, const BlackOptions& options) {
    BlackDetector detector(options);
    for (size_t i = 0; i < shares.size(); ++i)
        detector.add(int64_t(i), with_black_share(shares[i]));
    return detector.finish();
}

// mafd per frame (the first frame's value is ignored: it has no predecessor).
std::vector<Segment> freeze_runs(const std::vector<double>& mafd, const FreezeOptions& options) {
    FreezeDetector detector(options);
    for (size_t i = 0; i < mafd.size(); ++i) detector.add(int64_t(i), with_mafd(mafd[i]));
    return detector.finish();
}

TEST(BlackDetector, KeepsRunsAtOrAboveThePictureRatio) {
    std::vector<double> shares(100, 0.1);
    for (int i = 50; i <= 54; ++i) shares[size_t(i)] = 1.0;
    shares[52] = 0.98;  // blackdetect: ratio >= pic_th counts
    const auto runs = black_runs(shares, BlackOptions{});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].first, 50);
    EXPECT_EQ(runs[0].last, 54);
    EXPECT_DOUBLE_EQ(runs[0].value, 0.98);  // the run's lowest share
}

TEST(BlackDetector, JustBelowTheRatioIsNotBlack) {
    std::vector<double> shares(20, 1.0);
    shares[10] = 0.979999;
    const auto runs = black_runs(shares, BlackOptions{});
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].last, 9);
    EXPECT_EQ(runs[1].first, 11);
    EXPECT_EQ(runs[1].last, 19);  // a run open at the end of the stream is closed there
}

// blackdetect keeps a run when end - start >= d, the end being the first non-black frame: in
// frames, a run of exactly min_frames is kept and one frame fewer is not.
TEST(BlackDetector, MinimumDurationInFrames) {
    std::vector<double> shares(40, 0.0);
    for (int i = 5; i < 10; ++i) shares[size_t(i)] = 1.0;   // 5 frames
    for (int i = 20; i < 24; ++i) shares[size_t(i)] = 1.0;  // 4 frames
    const auto runs = black_runs(shares, BlackOptions{0.98, 5});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].first, 5);
    EXPECT_EQ(runs[0].length(), 5);
}

TEST(BlackDetector, AHoleInFrameIndicesSplitsRuns) {
    BlackDetector detector(BlackOptions{});
    for (int64_t i : {3, 4, 5, 7, 8}) detector.add(i, with_black_share(1.0));
    const auto runs = detector.finish();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0], (Segment{3, 5, 1.0, {}}));
    EXPECT_EQ(runs[1], (Segment{7, 8, 1.0, {}}));
}

// The defects sample's freeze: the picture of frame 75 held through frame 99.
TEST(FreezeDetector, StartsAtTheHeldPicturesFirstFrame) {
    std::vector<double> mafd(150, 0.02);
    for (int i = 76; i <= 99; ++i) mafd[size_t(i)] = 0.0;
    const auto runs = freeze_runs(mafd, FreezeOptions{});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].first, 75);
    EXPECT_EQ(runs[0].last, 99);
    EXPECT_EQ(runs[0].length(), 25);
}

TEST(FreezeDetector, NoiseThresholdIsInclusiveAndValueIsTheLargestDifference) {
    std::vector<double> mafd(30, 0.05);
    mafd[10] = 0.0005;
    mafd[11] = 0.001;  // freezedetect: mafd <= n is frozen
    mafd[12] = 0.0002;
    mafd[20] = 0.0011;  // just above: moving
    const auto runs = freeze_runs(mafd, FreezeOptions{0.001, 2});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].first, 9);
    EXPECT_EQ(runs[0].last, 12);
    EXPECT_DOUBLE_EQ(runs[0].value, 0.001);
}

// freezedetect's d: the held picture's first frame to the first moving frame, in frames.
TEST(FreezeDetector, MinimumLengthCountsTheHeldPicturesFirstFrame) {
    std::vector<double> mafd(40, 0.05);
    for (int i = 6; i <= 9; ++i) mafd[size_t(i)] = 0.0;    // frames 5..9: 5 frames
    for (int i = 21; i <= 23; ++i) mafd[size_t(i)] = 0.0;  // frames 20..23: 4 frames
    const auto runs = freeze_runs(mafd, FreezeOptions{0.001, 5});
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].first, 5);
    EXPECT_EQ(runs[0].last, 9);
}

TEST(FreezeDetector, FirstFrameIsNeverFrozenByItself) {
    // measure_video reports mafd 0 for the first frame: that is no repeat.
    const auto runs = freeze_runs({0.0, 0.03, 0.03, 0.03}, FreezeOptions{});
    EXPECT_TRUE(runs.empty());
}

TEST(FreezeDetector, FreezeFromTheFirstFrameAndToTheEnd) {
    const auto runs = freeze_runs({0.0, 0.0, 0.0, 0.04, 0.04, 0.0, 0.0}, FreezeOptions{});
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0], (Segment{0, 2, 0.0, {}}));
    EXPECT_EQ(runs[1], (Segment{4, 6, 0.0, {}}));
}

TEST(FreezeDetector, AHoleInFrameIndicesEndsTheRun) {
    FreezeDetector detector(FreezeOptions{0.001, 2});
    detector.add(0, with_mafd(0.0));
    detector.add(1, with_mafd(0.0));
    detector.add(2, with_mafd(0.0));
    detector.add(5, with_mafd(0.0));  // no predecessor given: cannot be frozen
    detector.add(6, with_mafd(0.0));
    const auto runs = detector.finish();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0], (Segment{0, 2, 0.0, {}}));
    EXPECT_EQ(runs[1], (Segment{5, 6, 0.0, {}}));
}

}  // namespace
}  // namespace media::analysis
