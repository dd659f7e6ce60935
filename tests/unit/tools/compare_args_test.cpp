// SPDX-License-Identifier: Apache-2.0
#include <limits>

#include <gtest/gtest.h>

#include "compare/compare_args.h"

namespace slate {
namespace {

using media::metrics::Metric;

CompareSettings settings_of(const std::vector<std::string>& args) {
    auto parsed = parse_compare_args(args);
    EXPECT_TRUE(std::holds_alternative<CompareSettings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<CompareSettings>(parsed) ? std::get<CompareSettings>(parsed)
                                                           : CompareSettings{};
}

int exit_of(const std::vector<std::string>& args) {
    auto parsed = parse_compare_args(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).code : -1;
}

TEST(CompareArgs, EverythingAUserCanSay) {
    const CompareSettings s = settings_of({"compare",
                                           "ref.mov",
                                           "dist.yuv",
                                           "--metrics",
                                           "vmaf,psnr,vmaf",
                                           "--vmaf-model",
                                           "vmaf_v0.6.1neg",
                                           "--vmaf-model",
                                           "m/4k.json",
                                           "--json",
                                           "o.json",
                                           "--csv",
                                           "-",
                                           "--xml",
                                           "o.xml",
                                           "-j",
                                           "3",
                                           "--ref-offset",
                                           "2",
                                           "--dist-offset",
                                           "1",
                                           "--frames",
                                           "100",
                                           "--allow-length-mismatch",
                                           "--no-scale",
                                           "--dist-raw",
                                           "1920x1080:yuv420p10le:25",
                                           "--ssim-scale",
                                           "1",
                                           "--vmaf-transform",
                                           "--no-clip",
                                           "--fail-under",
                                           "vmaf=93.5"});
    const auto& r = s.request;
    EXPECT_EQ(r.reference.path, "ref.mov");
    EXPECT_FALSE(r.reference.raw);
    ASSERT_TRUE(r.distorted.raw);
    EXPECT_EQ(r.distorted.raw->format, media::PixelFormat::Yuv420p10);
    EXPECT_EQ(r.distorted.raw->rate, media::Rational(25, 1));
    EXPECT_EQ(r.metrics, (std::vector<Metric>{Metric::Vmaf, Metric::Psnr}));
    EXPECT_EQ(r.vmaf_models, (std::vector<std::string>{"vmaf_v0.6.1neg", "m/4k.json"}));
    EXPECT_EQ(s.outputs.json, "o.json");
    EXPECT_EQ(s.outputs.csv, "-");
    EXPECT_EQ(s.outputs.xml, "o.xml");
    EXPECT_EQ(r.threads, 3);
    EXPECT_EQ(r.reference.offset, 2);
    EXPECT_EQ(r.distorted.offset, 1);
    EXPECT_EQ(r.frame_count, 100);
    EXPECT_TRUE(r.allow_length_mismatch);
    EXPECT_FALSE(r.scale_to_reference);
    EXPECT_EQ(r.ssim_scale, 1);
    EXPECT_TRUE(r.vmaf_predict.enable_transform);
    EXPECT_TRUE(r.vmaf_predict.disable_clip);
    ASSERT_EQ(s.fail_under.size(), 1u);
    EXPECT_EQ(s.fail_under[0].first, "vmaf");
    EXPECT_EQ(s.fail_under[0].second, 93.5);
}

TEST(CompareArgs, DefaultsToEveryMetricAndTheDefaultModel) {
    const CompareSettings s = settings_of({"compare", "a.mov", "b.mp4"});
    EXPECT_EQ(s.request.metrics.size(), 4u);
    EXPECT_EQ(s.request.vmaf_models, (std::vector<std::string>{"vmaf_v0.6.1"}));
    EXPECT_TRUE(s.request.scale_to_reference);
    EXPECT_FALSE(s.request.frame_count);
}

TEST(CompareArgs, RawAppliesToYuvFilesOnly) {
    const CompareSettings s = settings_of({"compare", "a.yuv", "b.mkv", "--raw", "576x324"});
    ASSERT_TRUE(s.request.reference.raw);
    EXPECT_EQ(s.request.reference.raw->width, 576);
    EXPECT_FALSE(s.request.distorted.raw);
}

TEST(CompareArgs, UsageErrors) {
    EXPECT_EQ(exit_of({"compare"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--metrics", "vmaf,foo"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--metrics", ","}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.yuv", "b.yuv"}), kExitUsage);  // raw needs --raw
    EXPECT_EQ(exit_of({"compare", "a.yuv", "b.yuv", "--raw", "576"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--json", "-", "--xml", "-"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--json", "-", "-q"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--fail-under", "vmaf"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--fail-under", "vmaf=x"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--frames", "0"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "a.mov", "b.mov", "--ref-offset", "-1"}), kExitUsage);
    EXPECT_EQ(exit_of({"compare", "--help"}), kExitOk);
}

TEST(CompareArgs, ShardAndMerge) {
    const CompareSettings shard =
        settings_of({"compare", "a.mov", "b.mov", "--shard", "100:200", "--shard-out", "s.shd"});
    ASSERT_TRUE(shard.shard);
    EXPECT_EQ(*shard.shard, (media::FrameRange{100, 100}));
    EXPECT_EQ(shard.shard_out, "s.shd");
    const CompareSettings tail =
        settings_of({"compare", "a.mov", "b.mov", "--shard", "100:", "--shard-out", "s.shd"});
    ASSERT_TRUE(tail.shard);
    EXPECT_EQ(tail.shard->end(), std::numeric_limits<int64_t>::max());
    const CompareSettings merge = settings_of(
        {"compare", "a.mov", "b.mov", "--merge-shards", "x.shd", "y.shd", "--json", "-"});
    EXPECT_FALSE(merge.shard);
    EXPECT_EQ(merge.merge_shards, (std::vector<std::string>{"x.shd", "y.shd"}));
    EXPECT_EQ(merge.outputs.json, "-");
}

TEST(CompareArgs, ShardUsageErrors) {
    const std::vector<std::string> base{"compare", "a.mov", "b.mov"};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return exit_of(args);
    };
    EXPECT_EQ(with({"--shard", "0:10"}), kExitUsage);
    EXPECT_EQ(with({"--shard-out", "s.shd"}), kExitUsage);
    EXPECT_EQ(with({"--shard", "10:5", "--shard-out", "s.shd"}), kExitUsage);
    EXPECT_EQ(with({"--shard", "x", "--shard-out", "s.shd"}), kExitUsage);
    EXPECT_EQ(with({"--shard", "0:10", "--shard-out", "s.shd", "--merge-shards", "a.shd"}),
              kExitUsage);
    EXPECT_EQ(with({"--shard", "0:10", "--shard-out", "s.shd", "--csv", "o.csv"}), kExitUsage);
    EXPECT_EQ(with({"--shard", "0:10", "--shard-out", "s.shd", "--fail-under", "vmaf=90"}),
              kExitUsage);
}

}  // namespace
}  // namespace slate
