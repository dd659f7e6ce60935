// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "qc/qc_args.h"

namespace slate {
namespace {

QcSettings settings_of(const std::vector<std::string>& args) {
    auto parsed = parse_qc_args(args);
    EXPECT_TRUE(std::holds_alternative<QcSettings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<QcSettings>(parsed) ? std::get<QcSettings>(parsed) : QcSettings{};
}

int exit_of(const std::vector<std::string>& args) {
    auto parsed = parse_qc_args(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).code : -1;
}

TEST(QcArgs, EverythingAUserCanSay) {
    const QcSettings s =
        settings_of({"qc",       "a.mov",        "b.%06d.dpx", "--profile",  "broadcast-ebu-r128",
                     "--json",   "r.json",       "--junit",    "r.xml",      "--html",
                     "r.html",   "--frames-csv", "f.csv",      "--evidence", "ev",
                     "--series", "--continuous", "-j",         "3",          "-v"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov", "b.%06d.dpx"}));
    EXPECT_EQ(s.profile, "broadcast-ebu-r128");
    EXPECT_EQ(s.json, "r.json");
    EXPECT_EQ(s.junit, "r.xml");
    EXPECT_EQ(s.html, "r.html");
    EXPECT_EQ(s.frames_csv, "f.csv");
    EXPECT_EQ(s.evidence_dir, "ev");
    EXPECT_TRUE(s.series);
    EXPECT_TRUE(s.continuous);
    EXPECT_EQ(s.threads, 3);
    EXPECT_TRUE(s.verbose);
}

TEST(QcArgs, DefaultsToTheDefaultProfileAndEveryCore) {
    const QcSettings s = settings_of({"qc", "a.mov"});
    EXPECT_EQ(s.profile, "default");
    EXPECT_EQ(s.threads, 0);
    EXPECT_TRUE(s.json.empty());
}

TEST(QcArgs, ListProfilesNeedsNoInput) {
    EXPECT_TRUE(settings_of({"qc", "--list-profiles"}).list_profiles);
}

TEST(QcArgs, UsageErrorsExitThree) {
    EXPECT_EQ(exit_of({"qc"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--html", "-"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--junit", "-"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--json", "-", "-q"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--threads", "-1"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--no-such-option"}), kExitUsage);
}

TEST(QcArgs, HelpExitsZeroAndNamesTheExitCodes) {
    auto parsed = parse_qc_args({"qc", "--help"});
    ASSERT_TRUE(std::holds_alternative<ParseExit>(parsed));
    const ParseExit& exit = std::get<ParseExit>(parsed);
    EXPECT_EQ(exit.code, 0);
    EXPECT_NE(exit.text.find("Exit codes"), std::string::npos);
}

TEST(QcArgs, AShardIsARangeOfOneInputIntoAShardFile) {
    const QcSettings s = settings_of({"qc", "a.mov", "--profile", "dailies", "--shard", "100:250",
                                      "--shard-out", "a.100.qcs", "-j", "2"});
    ASSERT_TRUE(s.shard);
    EXPECT_EQ(*s.shard, (media::FrameRange{100, 150}));
    EXPECT_EQ(s.shard_out, "a.100.qcs");
    EXPECT_TRUE(s.merge_shards.empty());
}

TEST(QcArgs, MergeTakesShardsAndTheUsualReports) {
    const QcSettings s = settings_of({"qc", "a.mov", "--merge-shards", "s2.qcs", "s1.qcs", "--json",
                                      "r.json", "--html", "r.html", "--series"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov"}));
    EXPECT_EQ(s.merge_shards, (std::vector<std::string>{"s2.qcs", "s1.qcs"}));
    EXPECT_EQ(s.json, "r.json");
    EXPECT_FALSE(s.shard);
}

TEST(QcArgs, ShardingUsageErrorsExitThree) {
    EXPECT_EQ(exit_of({"qc", "a.mov", "--shard", "0:10"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--shard-out", "s.qcs"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--shard", "10:5", "--shard-out", "s"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--shard", "x", "--shard-out", "s"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "b.mov", "--shard", "0:10", "--shard-out", "s"}), kExitUsage);
    EXPECT_EQ(
        exit_of({"qc", "a.mov", "--shard", "0:10", "--shard-out", "s", "--merge-shards", "s"}),
        kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--shard", "0:10", "--shard-out", "s", "--json", "r"}),
              kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "b.mov", "--merge-shards", "s"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--merge-shards", "s", "--frames-csv", "f.csv"}), kExitUsage);
    EXPECT_EQ(exit_of({"qc", "a.mov", "--merge-shards", "s", "--reference", "r.mov"}), kExitUsage);
}

}  // namespace
}  // namespace slate
