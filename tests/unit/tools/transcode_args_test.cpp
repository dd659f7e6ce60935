// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "batch/batch_args.h"
#include "transcode/job_request.h"
#include "transcode/transcode_args.h"

namespace slate {
namespace {

template <typename Settings, typename Parse>
Settings settings_of(Parse parse, const std::vector<std::string>& args) {
    auto parsed = parse(args);
    EXPECT_TRUE(std::holds_alternative<Settings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<Settings>(parsed) ? std::get<Settings>(parsed) : Settings{};
}

template <typename Parse>
int exit_code(Parse parse, const std::vector<std::string>& args) {
    auto parsed = parse(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).code : -1;
}

TEST(TranscodeArgs, EverythingAUserCanSay) {
    auto s = settings_of<TranscodeSettings>(parse_transcode_args, {"transcode",
                                                                   "a.mov",
                                                                   "b.%07d.dpx",
                                                                   "-p",
                                                                   "h264_review",
                                                                   "-o",
                                                                   "out",
                                                                   "--lut",
                                                                   "show.cube",
                                                                   "--cdl",
                                                                   "day1.ccc",
                                                                   "--cdl-id",
                                                                   "sh010",
                                                                   "--look",
                                                                   "warm_dailies",
                                                                   "--burnin-text",
                                                                   "DAY 1",
                                                                   "--burnin-text",
                                                                   "it's: {x} [y]; 100%",
                                                                   "--watermark",
                                                                   "NOT FOR DISTRIBUTION",
                                                                   "--overwrite",
                                                                   "--dry-run",
                                                                   "--tolerate-decode-errors",
                                                                   "--no-verify",
                                                                   "--threads",
                                                                   "4",
                                                                   "--rate",
                                                                   "24000/1001",
                                                                   "--json",
                                                                   "--name",
                                                                   "{reel}/{clip}"});
    EXPECT_EQ(s.inputs.size(), 2u);
    EXPECT_EQ(s.preset, "h264_review");
    EXPECT_EQ(s.job.output_dir, "out");
    EXPECT_EQ(s.job.lut, "show.cube");
    EXPECT_EQ(s.job.cdl_id, "sh010");
    ASSERT_EQ(s.job.burnin_text.size(), 2u);
    EXPECT_EQ(s.job.burnin_text[1], "it's: {x} [y]; 100%");
    EXPECT_TRUE(s.job.overwrite && s.job.dry_run && s.job.tolerate_decode_errors);
    EXPECT_FALSE(s.job.verify);
    EXPECT_EQ(s.job.threads, 4);
    EXPECT_EQ(s.job.name, "{reel}/{clip}");
    EXPECT_TRUE(s.json);
}

TEST(TranscodeArgs, RepeatedOptionsTakeOneValueEach) {
    auto s = settings_of<TranscodeSettings>(
        parse_transcode_args, {"transcode", "--burnin-text", "X", "a.mov", "-p", "p", "-o", "o"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov"}));
    EXPECT_EQ(s.job.burnin_text, (std::vector<std::string>{"X"}));
    auto b = settings_of<BatchSettings>(parse_batch_args,
                                        {"batch", "-p", "p1", "card", "-p", "p2", "-o", "o"});
    EXPECT_EQ(b.inputs, (std::vector<std::string>{"card"}));
    EXPECT_EQ(b.presets, (std::vector<std::string>{"p1", "p2"}));
}

TEST(TranscodeArgs, UsageErrors) {
    EXPECT_EQ(exit_code(parse_transcode_args, {"transcode", "a.mov", "-o", "out"}), kExitUsage);
    EXPECT_EQ(exit_code(parse_transcode_args, {"transcode", "a.mov", "-p", "x"}), kExitUsage);
    EXPECT_EQ(exit_code(parse_transcode_args, {"transcode", "-p", "x", "-o", "o"}), kExitUsage);
    EXPECT_EQ(exit_code(parse_transcode_args,
                        {"transcode", "a", "b", "-p", "x", "-o", "o", "--clip", "c"}),
              kExitUsage);
    EXPECT_EQ(exit_code(parse_transcode_args, {"transcode", "--help"}), kExitOk);
    EXPECT_TRUE(
        settings_of<TranscodeSettings>(parse_transcode_args, {"transcode", "--list-presets"})
            .list_presets);
}

TEST(TranscodeArgs, RequestTemplateChecksTheRateAndBurnIns) {
    JobOptions job;
    job.output_dir = "out";
    job.sequence_rate = "25";
    auto request = request_template(job);
    ASSERT_TRUE(request) << request.error().to_string();
    EXPECT_EQ(request->sequence_rate, media::Rational(25, 1));
    job.sequence_rate = "fast";
    EXPECT_FALSE(request_template(job));
    job.no_burnin = true;
    job.burnin_text = {"a"};
    const auto burnin = burnin_request(job);
    EXPECT_FALSE(burnin.keep_preset);
    EXPECT_TRUE(burnin.changes_preset());
}

TEST(BatchArgs, PresetsRepeatAndProgressIsChecked) {
    auto s = settings_of<BatchSettings>(
        parse_batch_args,
        {"batch", "card1", "list.csv", "-p", "dnxhr_lb_mxf", "-p", "h264_review", "-o", "day1",
         "-j", "3", "--cores", "8", "--progress", "json", "--no-mhl"});
    EXPECT_EQ(s.inputs.size(), 2u);
    EXPECT_EQ(s.presets, (std::vector<std::string>{"dnxhr_lb_mxf", "h264_review"}));
    EXPECT_EQ(s.jobs, 3);
    EXPECT_EQ(s.cores, 8);
    EXPECT_EQ(s.progress, "json");
    EXPECT_TRUE(s.no_mhl);
    EXPECT_FALSE(s.no_ale);
    EXPECT_EQ(
        exit_code(parse_batch_args, {"batch", "c", "-p", "x", "-o", "o", "--progress", "fancy"}),
        kExitUsage);
    EXPECT_EQ(exit_code(parse_batch_args, {"batch", "c", "-o", "o"}), kExitUsage);
}

}  // namespace
}  // namespace slate
