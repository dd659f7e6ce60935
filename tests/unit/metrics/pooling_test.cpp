// SPDX-License-Identifier: Apache-2.0
// Pooling: min, max, mean and harmonic mean as libvmaf pools (checked against the pooled_metrics
// of every libvmaf scores file, from the per-frame values in the same file), and percentiles by
// linear interpolation between closest ranks (numpy's default).
#include "media/metrics/pooling.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "vmaf_material.h"

namespace media::metrics {
namespace {

TEST(Pooling, EmptyGivesZeros) {
    const PooledStats stats = pool({});
    EXPECT_EQ(stats.count, 0);
    EXPECT_EQ(stats.min, 0);
    EXPECT_EQ(stats.max, 0);
    EXPECT_EQ(stats.mean, 0);
    EXPECT_EQ(stats.harmonic_mean, 0);
    EXPECT_EQ(stats.p1, 0);
    EXPECT_EQ(stats.p5, 0);
    EXPECT_EQ(stats.min_index, -1);
    EXPECT_EQ(percentile({}, 50), 0);
}

TEST(Pooling, SmallSeries) {
    const std::vector<double> values{4, 1, 3, 2};
    const PooledStats stats = pool(values);
    EXPECT_EQ(stats.count, 4);
    EXPECT_EQ(stats.min, 1);
    EXPECT_EQ(stats.min_index, 1);
    EXPECT_EQ(stats.max, 4);
    EXPECT_DOUBLE_EQ(stats.mean, 2.5);
    // libvmaf's harmonic mean is taken of x + 1, then 1 is taken off again.
    EXPECT_DOUBLE_EQ(stats.harmonic_mean, 4.0 / (1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0) - 1.0);
    // numpy.percentile([1, 2, 3, 4], [1, 5]) = [1.03, 1.15]
    EXPECT_DOUBLE_EQ(stats.p1, 1.03);
    EXPECT_DOUBLE_EQ(stats.p5, 1.15);
}

TEST(Pooling, PercentilesInterpolateBetweenClosestRanks) {
    const std::vector<double> values{10, 0, 30, 20, 40};
    EXPECT_EQ(percentile(values, 0), 0);
    EXPECT_EQ(percentile(values, 100), 40);
    EXPECT_EQ(percentile(values, 50), 20);
    EXPECT_DOUBLE_EQ(percentile(values, 10), 4);
    EXPECT_DOUBLE_EQ(percentile(values, 62.5), 25);
    EXPECT_EQ(percentile(std::vector<double>{7}, 1), 7);
    const PooledStats one = pool(std::vector<double>{7});
    EXPECT_EQ(one.p1, 7);
    EXPECT_EQ(one.p5, 7);
    EXPECT_EQ(one.harmonic_mean, 7);
}

TEST(Pooling, InfinityIsPooledAsItIs) {
    const double inf = std::numeric_limits<double>::infinity();
    const PooledStats stats = pool(std::vector<double>{1, inf});
    EXPECT_EQ(stats.max, inf);
    EXPECT_EQ(stats.mean, inf);
    EXPECT_EQ(stats.min, 1);
    EXPECT_DOUBLE_EQ(stats.harmonic_mean, 2.0 / 0.5 - 1.0);
}

// Every scores file libvmaf wrote: its pooled min/max/mean/harmonic_mean of every metric, from
// its own per-frame values. Both are printed with 6 decimals, so 1e-5 is ample.
TEST(Pooling, MatchesLibvmafPooledMetrics) {
    const std::filesystem::path folder = test::vmaf_reference_dir() / "scores";
    int files = 0, metrics = 0;
    double worst = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".json") continue;
        const test::LibvmafScores scores = test::load_libvmaf_scores(entry.path().stem().string());
        ASSERT_FALSE(scores.pooled.empty()) << entry.path();
        for (const auto& [name, expected] : scores.pooled.items()) {
            std::vector<double> values;
            for (const auto& frame : scores.frames) values.push_back(frame.at(name));
            const PooledStats stats = pool(values);
            const std::string where = entry.path().filename().string() + " " + name;
            const std::pair<const char*, double> checks[] = {
                {"min", stats.min},
                {"max", stats.max},
                {"mean", stats.mean},
                {"harmonic_mean", stats.harmonic_mean}};
            for (const auto& [key, got] : checks) {
                const double want = expected.at(key).get<double>();
                EXPECT_NEAR(got, want, 1e-5) << where << " " << key;
                worst = std::max(worst, std::abs(got - want));
            }
            EXPECT_EQ(stats.count, static_cast<int64_t>(scores.frames.size()));
            ++metrics;
        }
        ++files;
    }
    EXPECT_EQ(files, 40);  // 20 pairs, each with a *.ssim_scale1.json beside it
    std::cout << files << " files, " << metrics << " pooled metrics, max deviation " << worst
              << "\n";
}

}  // namespace
}  // namespace media::metrics
