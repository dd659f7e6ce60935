// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/series.h"

#include <gtest/gtest.h>

#include "media/analysis/segment.h"

namespace media::analysis {
namespace {

TEST(FrameSeries, KeepsEveryPointBelowCapacity) {
    FrameSeries series("YAVG", "code", 8);
    for (int i = 0; i < 5; ++i) series.add(i, i * 2.0);
    const auto points = series.points();
    ASSERT_EQ(points.size(), 5u);
    EXPECT_EQ(series.bucket_size(), 1);
    EXPECT_EQ(points[3].first, 3);
    EXPECT_DOUBLE_EQ(points[3].mean, 6.0);
}

TEST(FrameSeries, MergesPairsAndKeepsPeaksInBoundedMemory) {
    FrameSeries series("YDIF", "code", 16);
    const int n = 100000;
    for (int i = 0; i < n; ++i) series.add(i, i == 77777 ? 1000.0 : 1.0);
    const auto points = series.points();
    EXPECT_LE(points.size(), 17u);
    EXPECT_EQ(points.front().first, 0);
    EXPECT_EQ(points.back().last, n - 1);
    double peak = 0.0;
    int64_t covered = 0;
    for (const SeriesPoint& p : points) {
        peak = std::max(peak, p.max);
        covered += p.last - p.first + 1;
        EXPECT_GE(p.mean, 1.0);
    }
    EXPECT_EQ(peak, 1000.0);
    EXPECT_EQ(covered, n);  // buckets tile the positions without overlap or holes
}

TEST(FrameSeries, MeanIsWeightedByFramesAcrossMerges) {
    FrameSeries series("x", "", 4);
    for (int i = 0; i < 64; ++i) series.add(i, static_cast<double>(i));
    double weighted = 0.0;
    for (const SeriesPoint& p : series.points())
        weighted += p.mean * static_cast<double>(p.last - p.first + 1);
    EXPECT_NEAR(weighted / 64.0, 31.5, 1e-9);
}

TEST(SegmentTracker, GroupsRunsAndDropsShortOnes) {
    SegmentTracker tracker(3);
    const bool flags[] = {false, true,  true, true, false, true,
                          true,  false, true, true, true,  true};
    for (int i = 0; i < 12; ++i) tracker.add(i, flags[i], i);
    const auto segments = tracker.finish();
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0], (Segment{1, 3, 3.0, {}}));
    EXPECT_EQ(segments[1].first, 8);
    EXPECT_EQ(segments[1].last, 11);  // a run open at the end is closed by finish()
}

TEST(SegmentTracker, AMissingPositionEndsTheRun) {
    SegmentTracker tracker;
    tracker.add(0, true);
    tracker.add(2, true);
    const auto segments = tracker.finish();
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].last, 0);
    EXPECT_EQ(segments[1].first, 2);
}

}  // namespace
}  // namespace media::analysis
