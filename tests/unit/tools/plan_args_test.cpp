// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "plan/plan_args.h"

namespace slate {
namespace {

using Kind = PlanSettings::Kind;
using Strings = std::vector<std::string>;

PlanSettings settings_of(const Strings& args) {
    auto parsed = parse_plan_args(args);
    EXPECT_TRUE(std::holds_alternative<PlanSettings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<PlanSettings>(parsed) ? std::get<PlanSettings>(parsed)
                                                        : PlanSettings{};
}

int exit_of(const Strings& args) {
    auto parsed = parse_plan_args(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).code : -1;
}

TEST(PlanArgs, BatchTakesClipsPresetsAndPassesTheLookThrough) {
    const PlanSettings s = settings_of({"plan",        "batch",
                                        "a.mov",       "cards/",
                                        "--preset",    "dnxhr_lb_mxf",
                                        "-p",          "h264_review",
                                        "-d",          "out",
                                        "-o",          "plan.json",
                                        "--lut",       "show.cube",
                                        "--no-burnin", "--burnin-text",
                                        "VFX",         "--cores-per-task",
                                        "4",           "--retries",
                                        "2",           "--max-parallel",
                                        "8",           "--name",
                                        "day12"});
    EXPECT_EQ(s.kind, Kind::Batch);
    EXPECT_EQ(s.inputs, (Strings{"a.mov", "cards/"}));
    EXPECT_EQ(s.presets, (Strings{"dnxhr_lb_mxf", "h264_review"}));
    EXPECT_EQ(s.output_dir, "out");
    EXPECT_EQ(s.plan_out, "plan.json");
    EXPECT_EQ(s.transcode_args,
              (Strings{"--lut", "show.cube", "--burnin-text", "VFX", "--no-burnin"}));
    EXPECT_EQ(s.cores_per_task, 4);
    EXPECT_EQ(s.retries, 2);
    EXPECT_EQ(s.max_parallel, 8);
    EXPECT_EQ(s.name, "day12");
}

TEST(PlanArgs, EncodeTakesOneSourceAndAChunkCountOrLength) {
    const PlanSettings s = settings_of({"plan", "encode", "long.mov", "-p", "h264_review",
                                        "--chunks", "8", "-d", "out", "--decode-all"});
    EXPECT_EQ(s.kind, Kind::Encode);
    EXPECT_EQ(s.chunks, 8);
    EXPECT_TRUE(s.decode_all);
    EXPECT_TRUE(s.plan_out.empty());
    EXPECT_EQ(exit_of({"plan", "encode", "a.mov", "b.mov", "-p", "x", "-d", "o"}), kExitUsage);
    EXPECT_EQ(exit_of({"plan", "encode", "a.mov", "-p", "x", "-p", "y", "-d", "o"}), kExitUsage);
    EXPECT_EQ(exit_of({"plan", "encode", "a.mov", "-p", "x", "-d", "o", "--chunks", "2",
                       "--chunk-seconds", "30"}),
              kExitUsage);
    EXPECT_EQ(exit_of({"plan", "encode", "a.mov", "-p", "x", "-d", "o", "--chunks", "0"}),
              kExitUsage);
}

TEST(PlanArgs, QcTakesAProfileShardsAndReports) {
    const PlanSettings s =
        settings_of({"plan", "qc", "m1.mov", "m2.mxf", "--profile", "broadcast-ebu", "--shards",
                     "4", "--report", "json", "--report", "html", "-d", "reports"});
    EXPECT_EQ(s.kind, Kind::Qc);
    EXPECT_EQ(s.inputs, (Strings{"m1.mov", "m2.mxf"}));
    EXPECT_EQ(s.profile, "broadcast-ebu");
    EXPECT_EQ(s.shards, 4);
    EXPECT_EQ(s.reports, (Strings{"json", "html"}));
    EXPECT_EQ(exit_of({"plan", "qc", "m.mov", "-d", "o"}), kExitUsage);  // no profile
    EXPECT_EQ(exit_of({"plan", "qc", "m.mov", "--profile", "p", "-d", "o", "--report", "pdf"}),
              kExitUsage);
}

TEST(PlanArgs, CompareTakesTwoFilesMetricOptionsAndTheMergesThreshold) {
    const PlanSettings s =
        settings_of({"plan", "compare", "ref.mov", "enc.mp4", "-m", "vmaf", "--ref-offset", "2",
                     "--fail-under", "vmaf=93", "--shards", "6", "--report", "csv", "-d", "out"});
    EXPECT_EQ(s.kind, Kind::Compare);
    EXPECT_EQ(s.inputs, (Strings{"ref.mov", "enc.mp4"}));
    EXPECT_EQ(s.compare_args, (Strings{"-m", "vmaf", "--ref-offset", "2"}));
    EXPECT_EQ(s.merge_args, (Strings{"--fail-under", "vmaf=93"}));
    EXPECT_EQ(s.shards, 6);
    EXPECT_EQ(s.reports, (Strings{"csv"}));
    EXPECT_EQ(exit_of({"plan", "compare", "ref.mov", "-d", "o"}), kExitUsage);
    EXPECT_EQ(exit_of({"plan", "compare", "a", "b", "--report", "html", "-d", "o"}), kExitUsage);
}

TEST(PlanArgs, EmitNeedsAFormatAndDeadlineAFolder) {
    const PlanSettings s =
        settings_of({"plan", "emit", "plan.json", "--format", "openjd", "-o", "job.yaml",
                     "--plan-path", "/farm/plan.json", "--slate", "/opt/slate/bin/slate"});
    EXPECT_EQ(s.kind, Kind::Emit);
    EXPECT_EQ(s.format, "openjd");
    EXPECT_EQ(s.plan_path, "/farm/plan.json");
    EXPECT_EQ(s.slate, "/opt/slate/bin/slate");
    EXPECT_EQ(exit_of({"plan", "emit", "plan.json"}), kExitUsage);
    EXPECT_EQ(exit_of({"plan", "emit", "plan.json", "--format", "tractor"}), kExitUsage);
    EXPECT_EQ(exit_of({"plan", "emit", "plan.json", "--format", "deadline"}), kExitUsage);
}

TEST(PlanArgs, FilesNamedRelativeToHereTravelAsAbsolutePaths) {
    const auto dir = std::filesystem::temp_directory_path() / "slate-plan-args-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "show.cube") << "LUT_3D_SIZE 2\n";
    std::ofstream(dir / "house.yaml") << "name: house\n";
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    const PlanSettings s =
        settings_of({"plan", "batch", "a.mov", "-p", "house.yaml", "-p", "h264_review", "--lut",
                     "show.cube", "--look", "warm_dailies", "-d", "o"});
    std::filesystem::current_path(here);
    EXPECT_EQ(s.presets, (Strings{(dir / "house.yaml").string(), "h264_review"}));
    EXPECT_EQ(s.transcode_args,
              (Strings{"--look", "warm_dailies", "--lut", (dir / "show.cube").string()}));
    std::filesystem::remove_all(dir);
}

TEST(PlanArgs, UsageErrors) {
    EXPECT_EQ(exit_of({"plan"}), kExitUsage);                                 // no kind
    EXPECT_EQ(exit_of({"plan", "render", "a.mov"}), kExitUsage);              // unknown kind
    EXPECT_EQ(exit_of({"plan", "batch", "a.mov", "-p", "x"}), kExitUsage);    // no -d
    EXPECT_EQ(exit_of({"plan", "batch", "-p", "x", "-d", "o"}), kExitUsage);  // no clips
    EXPECT_EQ(exit_of({"plan", "batch", "a.mov", "-d", "o"}), kExitUsage);    // no preset
    EXPECT_EQ(exit_of({"plan", "batch", "a.mov", "-p", "x", "-d", "o", "--cores-per-task", "0"}),
              kExitUsage);
    EXPECT_EQ(exit_of({"plan", "--help"}), kExitOk);
}

}  // namespace
}  // namespace slate
