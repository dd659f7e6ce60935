// SPDX-License-Identifier: Apache-2.0
// Sharded compare on the 576x324 material (raw reference, x264 .mkv distorted input, so both
// a raw and a coded input are seeked): three shards with boundaries inside the programme merge
// into exactly one pass's rows, pooled statistics and outputs; bad shard sets are errors naming
// the shard file; the CLI's --shard / --merge-shards.
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/metrics/compare.h"
#include "media/metrics/compare_shard.h"
#include "media/report/compare_writers.h"
#include "vmaf_material.h"

namespace media::test {
namespace {

using metrics::CompareRequest;
using metrics::CompareResult;

constexpr int64_t kToEnd = std::numeric_limits<int64_t>::max();

CompareRequest request_for(const std::string& distorted) {
    CompareRequest r;
    RawVideoFormat raw;
    raw.width = 576;
    raw.height = 324;
    raw.format = PixelFormat::Yuv420p8;
    raw.rate = Rational(24, 1);
    r.reference.path = (vmaf_material_dir() / "mandel_324p_8b_ref.yuv").string();
    r.reference.raw = raw;
    r.distorted.path = (vmaf_material_dir() / distorted).string();
    r.vmaf_models = {(vmaf_reference_dir() / "models" / "vmaf_v0.6.1.json").string()};
    r.threads = 2;
    return r;
}

/// One pass and three shards (boundaries at 17 and 30 of 48 frames) of the same request,
/// computed once for every test.
class CompareShards : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_scratch = new ScratchDir();
        s_request = new CompareRequest(request_for("mandel_324p_8b_x264crf35.mkv"));
        auto full = metrics::run_compare(*s_request);
        ASSERT_TRUE(full) << full.error().message();
        s_full = new CompareResult(std::move(*full));
        s_shards = new std::vector<std::string>();
        for (const FrameRange range :
             {FrameRange{0, 17}, FrameRange{17, 13}, FrameRange{30, kToEnd - 30}}) {
            const std::string path = shard_path(range);
            auto written = metrics::run_compare_shard(*s_request, range, path);
            ASSERT_TRUE(written) << written.error().message();
            s_shards->push_back(path);
        }
    }
    static void TearDownTestSuite() {
        delete s_shards;
        delete s_full;
        delete s_request;
        delete s_scratch;
    }
    static std::string shard_path(const FrameRange& range) {
        return s_scratch->file(fmt::format("s{}-{}.cmpshard", range.first, range.end()));
    }
    static std::string write_shard(const CompareRequest& request, const FrameRange& range) {
        const std::string path = shard_path(range) + ".other";
        auto written = metrics::run_compare_shard(request, range, path);
        EXPECT_TRUE(written) << written.error().message();
        return path;
    }
    static void expect_error_naming(const Result<CompareResult>& merged, const std::string& path,
                                    const std::string& words) {
        ASSERT_FALSE(merged);
        EXPECT_EQ(merged.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(merged.error().message().find(path), std::string::npos)
            << merged.error().message();
        EXPECT_NE(merged.error().message().find(words), std::string::npos)
            << merged.error().message();
    }

    static inline ScratchDir* s_scratch = nullptr;
    static inline CompareRequest* s_request = nullptr;
    static inline CompareResult* s_full = nullptr;
    static inline std::vector<std::string>* s_shards = nullptr;
};

TEST_F(CompareShards, MergedShardsEqualOnePassExactly) {
    // Out of order on purpose.
    auto merged =
        metrics::merge_compare_shards(*s_request, {(*s_shards)[2], (*s_shards)[0], (*s_shards)[1]});
    ASSERT_TRUE(merged) << merged.error().message();
    const CompareResult& a = *s_full;
    const CompareResult& b = *merged;
    ASSERT_EQ(a.columns, b.columns);
    ASSERT_EQ(a.frame_numbers, b.frame_numbers);
    ASSERT_EQ(a.frames.size(), 48u);
    ASSERT_EQ(a.frames.size(), b.frames.size());
    for (size_t r = 0; r < a.frames.size(); ++r)
        for (size_t c = 0; c < a.columns.size(); ++c)
            EXPECT_EQ(a.frames[r][c], b.frames[r][c]) << "frame " << r << " " << a.columns[c];
    const int motion2 = a.column("motion2");
    ASSERT_GE(motion2, 0);
    for (size_t r : {16u, 17u, 29u, 30u, 47u}) {
        EXPECT_EQ(a.frames[r][motion2], b.frames[r][motion2]) << r;
        EXPECT_GT(b.frames[r][motion2], 0.0) << r;
    }
    ASSERT_EQ(a.pooled.size(), b.pooled.size());
    for (size_t c = 0; c < a.pooled.size(); ++c) {
        EXPECT_EQ(a.pooled[c].count, b.pooled[c].count);
        EXPECT_EQ(a.pooled[c].min, b.pooled[c].min);
        EXPECT_EQ(a.pooled[c].max, b.pooled[c].max);
        EXPECT_EQ(a.pooled[c].min_index, b.pooled[c].min_index);
        EXPECT_EQ(a.pooled[c].mean, b.pooled[c].mean) << a.columns[c];
        EXPECT_EQ(a.pooled[c].harmonic_mean, b.pooled[c].harmonic_mean) << a.columns[c];
        EXPECT_EQ(a.pooled[c].p1, b.pooled[c].p1);
        EXPECT_EQ(a.pooled[c].p5, b.pooled[c].p5);
    }
    EXPECT_EQ(b.info.frames, 48);
    EXPECT_EQ(b.info.reference_frames, a.info.reference_frames);
    EXPECT_EQ(b.info.distorted_frames, a.info.distorted_frames);
    EXPECT_EQ(b.info.reference_decode_errors, a.info.reference_decode_errors);
    EXPECT_EQ(b.info.distorted_decode_errors, a.info.distorted_decode_errors);
    // Everything the writers print but the run facts (threads, seconds and fps from them).
    EXPECT_EQ(report::compare_json(a, false), report::compare_json(b, false));
    EXPECT_EQ(report::compare_csv(a), report::compare_csv(b));
    CompareResult same_run = b;
    same_run.info.seconds = a.info.seconds;
    same_run.info.threads = a.info.threads;
    EXPECT_EQ(report::compare_json(a), report::compare_json(same_run));
    EXPECT_EQ(report::compare_xml(a), report::compare_xml(same_run));
    EXPECT_EQ(report::compare_text(a), report::compare_text(same_run));
}

TEST_F(CompareShards, AFrameLimitEndsInTheShardThatHoldsIt) {
    CompareRequest limited = *s_request;
    limited.metrics = {metrics::Metric::Psnr, metrics::Metric::Vmaf};
    limited.frame_count = 30;
    auto full = metrics::run_compare(limited);
    ASSERT_TRUE(full) << full.error().message();
    // The first shard reads frame 29 (the limit's last) for its post-roll: not the end.
    const std::string head = write_shard(limited, {0, 29});
    expect_error_naming(metrics::merge_compare_shards(limited, {head}), head, "before the end");
    const std::string tail = write_shard(limited, {29, kToEnd - 29});
    auto merged = metrics::merge_compare_shards(limited, {tail, head});
    ASSERT_TRUE(merged) << merged.error().message();
    EXPECT_EQ(report::compare_json(*full, false), report::compare_json(*merged, false));
    EXPECT_FALSE(metrics::run_compare_shard(limited, {30, 5}, s_scratch->file("none.shd")));
}

TEST_F(CompareShards, ALastShardPastTheEndAndOneRangeRun) {
    const std::string tail = write_shard(*s_request, {30, 100});
    auto merged = metrics::merge_compare_shards(*s_request, {(*s_shards)[0], (*s_shards)[1], tail});
    ASSERT_TRUE(merged) << merged.error().message();
    EXPECT_EQ(report::compare_csv(*s_full), report::compare_csv(*merged));

    CompareRequest middle = *s_request;
    middle.frames = FrameRange{17, 13};
    auto ranged = metrics::run_compare(middle);
    ASSERT_TRUE(ranged) << ranged.error().message();
    ASSERT_EQ(ranged->frames.size(), 13u);
    EXPECT_EQ(ranged->frame_numbers.front(), 17);
    EXPECT_EQ(ranged->frames[0], s_full->frames[17]);
    EXPECT_EQ(ranged->frames[12], s_full->frames[29]);
}

TEST_F(CompareShards, GapsOverlapsAndAMissingEndAreErrorsNamingTheShard) {
    const auto& s = *s_shards;
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[0], s[2]}), s[2], "gap");
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[0], s[1]}), s[1],
                        "before the end");
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[1], s[2]}), s[1], "gap");
    const std::string overlapping = write_shard(*s_request, {16, 14});
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[0], overlapping, s[2]}),
                        overlapping, "overlaps");
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[0], s[1], s[2], s[2]}), s[2],
                        "after the end");
}

TEST_F(CompareShards, ShardsOfOtherInputsOrOptionsAreRefused) {
    const auto& s = *s_shards;
    // A shard of another distorted file.
    CompareRequest other = request_for("mandel_324p_8b_x264crf45.mkv");
    const std::string foreign = write_shard(other, {17, 13});
    expect_error_naming(metrics::merge_compare_shards(*s_request, {s[0], foreign, s[2]}), foreign,
                        "other inputs");
    // The same inputs with other options.
    CompareRequest psnr_only = *s_request;
    psnr_only.metrics = {metrics::Metric::Psnr};
    const std::string options = write_shard(psnr_only, {0, 17});
    expect_error_naming(metrics::merge_compare_shards(*s_request, {options, s[1], s[2]}), options,
                        "other compare options");
    CompareRequest scaled = *s_request;
    scaled.ssim_scale = 1;
    expect_error_naming(metrics::merge_compare_shards(scaled, s), s[0], "other compare options");
}

TEST_F(CompareShards, DamagedShardFilesAreErrorsNamingThem) {
    const std::string bytes = read_file((*s_shards)[1]);
    const std::string cut = s_scratch->file("cut.cmpshard");
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    const std::string flipped = s_scratch->file("flipped.cmpshard");
    std::string changed = bytes;
    changed[changed.size() / 2] ^= 0x40;
    std::ofstream(flipped, std::ios::binary) << changed;
    const std::string garbage = s_scratch->file("garbage.cmpshard");
    std::ofstream(garbage, std::ios::binary) << "not a shard";
    for (const std::string& bad : {cut, flipped, garbage}) {
        auto merged = metrics::merge_compare_shards(*s_request, {(*s_shards)[0], bad});
        ASSERT_FALSE(merged) << bad;
        EXPECT_NE(merged.error().message().find(bad), std::string::npos)
            << merged.error().message();
    }
    auto missing = metrics::merge_compare_shards(*s_request, {s_scratch->file("none.cmpshard")});
    EXPECT_FALSE(missing);
}

TEST_F(CompareShards, ARangePastTheEndLeavesNoFile) {
    const std::string path = s_scratch->file("past.cmpshard");
    auto written = metrics::run_compare_shard(*s_request, {60, 10}, path);
    ASSERT_FALSE(written);
    EXPECT_NE(written.error().message().find("past the end"), std::string::npos)
        << written.error().message();
    EXPECT_FALSE(std::filesystem::exists(path));
}

// --- the command line ------------------------------------------------------------------------

std::string slate() {
    return quote(SLATE_BINARY);
}

std::string inputs() {
    return quote((vmaf_material_dir() / "mandel_324p_8b_ref.yuv").string()) + " " +
           quote((vmaf_material_dir() / "mandel_324p_8b_x264crf35.mkv").string()) +
           " --raw 576x324:yuv420p:24 -j 2 --metrics psnr,vmaf";
}

CommandResult compare(const std::string& args, const ScratchDir& scratch) {
    const std::string env =
        "SLATE_VMAF_MODEL_PATH=" + quote((vmaf_reference_dir() / "models").string()) + " ";
    return run_command(env + slate() + " compare " + inputs() + " " + args, scratch);
}

TEST(CompareShardCli, ShardsMergeIntoTheOnePassJson) {
    ScratchDir scratch;
    const std::string a = scratch.file("a.shd"), b = scratch.file("b.shd");
    auto first = compare("--shard 0:20 --shard-out " + quote(a), scratch);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find(": 20 frames"), std::string::npos) << first.out;
    auto second = compare("--shard 20: --shard-out " + quote(b), scratch);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    auto merged = compare("--merge-shards " + quote(b) + " " + quote(a) + " --json -", scratch);
    ASSERT_EQ(merged.exit_code, 0) << merged.err;
    auto one = compare("--json -", scratch);
    ASSERT_EQ(one.exit_code, 0) << one.err;
    nlohmann::json x = nlohmann::json::parse(merged.out), y = nlohmann::json::parse(one.out);
    x.erase("run");
    y.erase("run");
    EXPECT_EQ(x, y);

    auto under = compare("--merge-shards " + quote(a) + " " + quote(b) + " -q --fail-under vmaf=99",
                         scratch);
    EXPECT_EQ(under.exit_code, 1) << under.err;
    auto gap = compare("--merge-shards " + quote(b) + " -q", scratch);
    EXPECT_EQ(gap.exit_code, 2);
    EXPECT_NE(gap.err.find("b.shd"), std::string::npos) << gap.err;
}

TEST(CompareShardCli, ShardUsageErrors) {
    ScratchDir scratch;
    const std::string out = quote(scratch.file("x.shd"));
    EXPECT_EQ(compare("--shard 0:10", scratch).exit_code, 3);
    EXPECT_EQ(compare("--shard-out " + out, scratch).exit_code, 3);
    EXPECT_EQ(compare("--shard 10:5 --shard-out " + out, scratch).exit_code, 3);
    EXPECT_EQ(
        compare("--shard 0:10 --shard-out " + out + " --merge-shards " + out, scratch).exit_code,
        3);
    EXPECT_EQ(compare("--shard 0:10 --shard-out " + out + " --json -", scratch).exit_code, 3);
    EXPECT_FALSE(std::filesystem::exists(scratch.file("x.shd")));
}

}  // namespace
}  // namespace media::test
